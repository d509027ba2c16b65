"""E-mails to the complainant: at registration, at an extension of the term and at the outcome."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from complaints.choices import NoticeEvent
from complaints.models import Complaint, ComplaintNotice

_SUBJECTS = {
    NoticeEvent.REGISTERED: _("Your complaint %(number)s has been registered"),
    NoticeEvent.EXTENDED: _("The term for your complaint %(number)s has been extended"),
    NoticeEvent.ANSWERED: _("Your complaint %(number)s has been answered"),
}


def complaint_recipient(complaint: Complaint) -> str:
    if complaint.complainant_email:
        return complaint.complainant_email
    return complaint.complainant.email if complaint.complainant is not None else ""


def complaint_notify(*, complaint_id: int, event: str) -> ComplaintNotice | None:
    """Send one e-mail for (complaint, event), at most once: the notice row is inserted first, under a
    unique constraint, and the mail is sent inside the same transaction, so a failed send rolls the row
    back (the task retries) and a repeated task finds the row and sends nothing."""
    if event not in NoticeEvent.values:
        raise ValueError(f"unknown notice event {event!r}")
    complaint = Complaint.objects.select_related("kind", "office", "complainant", "explanation").get(pk=complaint_id)
    recipient = complaint_recipient(complaint)
    if not recipient:
        return None
    with transaction.atomic():
        try:
            with transaction.atomic():
                notice = ComplaintNotice.objects.create(complaint=complaint, event=event, recipient=recipient)
        except IntegrityError:
            return None
        context = {
            "complaint": complaint,
            "event": event,
            "track_url": getattr(settings, "SITE_URL", "").rstrip("/") + "/complaints/track/",
        }
        body = render_to_string(f"complaints/email/{event}.txt", context)
        subject = str(_SUBJECTS[NoticeEvent(event)]) % {"number": complaint.tracking_number}
        send_mail(subject, body, None, [recipient])
    return notice
