from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    SATISFIED = "satisfied", _("Satisfied")
    PARTIALLY_SATISFIED = "partially_satisfied", _("Partially satisfied")
    FORWARDED = "forwarded", _("Forwarded to the competent body")
    REFUSAL_PENDING_EXPLANATION = "refusal_pending_explanation", _("Refusal awaiting personal explanation")
    REFUSED = "refused", _("Refused (explained personally)")


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

    REGISTERED = "registered", _("Registered")
    EXTENDED = "extended", _("Term extended")
    ANSWERED = "answered", _("Answered")
