from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ComplaintStatus(models.TextChoices):
    # A context of their own: the same English words label decisions, dates and counts elsewhere.
    SUBMITTED = "submitted", pgettext_lazy("complaint status", "Submitted")
    IN_REVIEW = "in_review", pgettext_lazy("complaint status", "In review")
    SATISFIED = "satisfied", pgettext_lazy("complaint status", "Satisfied")
    PARTIALLY_SATISFIED = "partially_satisfied", pgettext_lazy("complaint status", "Partially satisfied")
    FORWARDED = "forwarded", pgettext_lazy("complaint status", "Forwarded to the competent body")
    REFUSAL_PENDING_EXPLANATION = (
        "refusal_pending_explanation",
        pgettext_lazy("complaint status", "Refusal awaiting personal explanation"),
    )
    REFUSED = "refused", pgettext_lazy("complaint status", "Refused (explained personally)")


# States in which the office still owes the complainant an answer (the clock runs).
OPEN_STATUSES = (
    ComplaintStatus.SUBMITTED,
    ComplaintStatus.IN_REVIEW,
    ComplaintStatus.REFUSAL_PENDING_EXPLANATION,
)
# Final outcomes: the complaint has been answered.
ANSWERED_STATUSES = (
    ComplaintStatus.SATISFIED,
    ComplaintStatus.PARTIALLY_SATISFIED,
    ComplaintStatus.FORWARDED,
    ComplaintStatus.REFUSED,
)
# Outcomes the complainant may appeal to the higher office.
APPEALABLE_STATUSES = (ComplaintStatus.REFUSED, ComplaintStatus.PARTIALLY_SATISFIED)


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    API = "api", _("API")
    MAIL = "mail", _("Mail")
    IN_PERSON = "in_person", _("In person")


STAFF_CHANNELS = (Channel.MAIL, Channel.IN_PERSON)


class ExplanationForm(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO_CALL = "video_call", _("Video call")
    PHONE = "phone", _("Phone")


class TermUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    MONTHS = "months", _("months")


class NoticeEvent(models.TextChoices):
    """E-mails sent to the complainant; each is sent at most once per complaint."""

    REGISTERED = "registered", pgettext_lazy("complaint status", "Registered")
    EXTENDED = "extended", _("Term extended")
    ANSWERED = "answered", pgettext_lazy("complaint status", "Answered")
