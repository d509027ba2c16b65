from django.db import models
from django.utils.translation import gettext_lazy as _


class FindingSeverity(models.TextChoices):
    VIOLATION = "violation", _("Violation")
    RISK = "risk", _("Risk")
    NOTICE = "notice", _("Notice")


# Order of importance: the queue sorts by this, then by age.
SEVERITY_RANK = {FindingSeverity.VIOLATION: 0, FindingSeverity.RISK: 1, FindingSeverity.NOTICE: 2}


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved automatically")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by a prosecutor")
    ACTED_ON = "acted_on", _("Acted on")


class RuleTarget(models.TextChoices):
    CASE = "case", _("Case")
    DECISION = "decision", _("Procedural decision")
    PARTICIPANT = "participant", _("Participant")
    PERSON = "person", _("Person")
    DETENTION = "detention", _("Detention")
    ACTION = "action", _("Investigative action")
    COMPLAINT = "complaint", _("Complaint")


class FindingOrigin(models.TextChoices):
    """Who found it: the rules, or a prosecutor who recorded it by hand."""

    SYSTEM = "system", _("Found by the system")
    PROSECUTOR = "prosecutor", _("Recorded by a prosecutor")


# The rule code of a finding a prosecutor records by hand (not in the rules table: it has no check).
MANUAL_RULE = "manual"
