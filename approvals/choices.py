from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    SUSPECT_RECOGNITION = "suspect_recognition", _("Recognition as a suspect")
    QUALIFICATION_CHANGE = "qualification_change", _("Change of qualification")
    TERMINATION = "termination", _("Termination of the case")
    SUSPENSION = "suspension", _("Suspension of the investigation")
    RESUMPTION = "resumption", _("Resumption of the investigation")
    TERM_EXTENSION = "term_extension", _("Extension of the investigation term")
    PREVENTIVE_MEASURE = "preventive_measure", _("Petition for a preventive measure")
    INDICTMENT = "indictment", _("Indictment (sending the case to court)")
    URGENT_ACTION_NOTICE = "urgent_action_notice", _("Notice of an urgent rights-restricting action")
    MERGER = "merger", _("Merger of cases")
    TERMINATION_CANCELLATION = "termination_cancellation", _("Cancellation of termination or suspension")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting the prosecutor")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COURT_PENDING = "court_pending", _("Awaiting the court")
    SANCTIONED = "sanctioned", _("Sanctioned by the court")
    DENIED = "denied", _("Denied by the court")


# States in which the decision is finished: nothing moves it any more.
FINAL_STATUSES = (
    DecisionStatus.APPROVED,
    DecisionStatus.REJECTED,
    DecisionStatus.WITHDRAWN,
    DecisionStatus.SANCTIONED,
    DecisionStatus.DENIED,
)


# States reached by the prosecutor's act (or beyond it): the decision has a time of decision.
DECIDED_STATUSES = (
    DecisionStatus.APPROVED,
    DecisionStatus.REJECTED,
    DecisionStatus.RETURNED,
    DecisionStatus.COURT_PENDING,
    DecisionStatus.SANCTIONED,
    DecisionStatus.DENIED,
)


class Issuer(models.TextChoices):
    INVESTIGATOR = "investigator", _("Investigator (approved by the prosecutor)")
    PROSECUTOR = "prosecutor", _("Prosecutor (issued directly)")


class PreventiveMeasure(models.TextChoices):
    CUSTODY = "custody", _("Detention in custody")
    HOUSE_ARREST = "house_arrest", _("House arrest")


class CourtOutcome(models.TextChoices):
    SANCTIONED = "sanctioned", _("Sanctioned")
    DENIED = "denied", _("Denied")


class DecisionAction(models.TextChoices):
    """The transitions a user triggers, as named in URLs (one POST endpoint each)."""

    SUBMIT = "submit", _("Submit to the prosecutor")
    ISSUE = "issue", _("Issue")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    RETURN = "return", _("Return for revision")
    REVISE = "revise", _("Revise")
    WITHDRAW = "withdraw", _("Withdraw")
    COURT_OUTCOME = "court-outcome", _("Record the court's ruling")
