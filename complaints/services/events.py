"""Notices of complaints in the app and by SMS (the complainant's e-mails are complaints.services.notices).

- filed: the office's senior prosecutors, who register it (must act), and a confirmation to the citizen;
- registered: the executor (must act: answer it) and the citizen (to know);
- answered (satisfied, partly, forwarded, refused after the explanation): the citizen;
- refusal proposed: the citizen, who must be available for the personal explanation, and the office's
  senior prosecutors, who must give it (must act).

Each event closes the complaint's open notices and reminders first: an answered complaint leaves nothing
open. The citizen is told in the app when the complaint was filed from an account, and by SMS at the
phone given in the complaint, in the language it was filed in. Notices are written after commit.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from complaints.selectors import senior_prosecutors_of
from ecase.choices import Role
from ecase.deadlines import item_key
from ecase.models import DeliveryChannel, NotificationLevel
from ecase.notifications import events
from ecase.notifications.services import notices_emit_on_commit

FILED = "complaints.filed"
FILED_CONFIRMATION = "complaints.filed_confirmation"
REGISTERED = "complaints.registered"
REGISTERED_CITIZEN = "complaints.registered_citizen"
ANSWERED = "complaints.answered"
REFUSAL_PROPOSED = "complaints.refusal_proposed"
REFUSAL_PROPOSED_CITIZEN = "complaints.refusal_proposed_citizen"

_STAFF = frozenset({Role.PROSECUTOR, Role.SENIOR_PROSECUTOR})
_SENIORS = frozenset({Role.SENIOR_PROSECUTOR})
_CITIZENS = frozenset({Role.CITIZEN})
# The complainant's e-mails are sent by complaints.services.notices; these events add the app and SMS.
_CITIZEN_CHANNELS = (DeliveryChannel.IN_APP, DeliveryChannel.SMS)


def register_events() -> None:
    for kind in (
        events.EventKind(
            key=FILED,
            label=_("A new complaint to register in my office"),
            title=_("New complaint %(number)s to register"),
            body=_("%(kind)s, filed by %(name)s. Answer due by %(due)s (Almaty time)."),
            must_act=True,
            email_default=False,
            roles=_SENIORS,
        ),
        events.EventKind(
            key=REGISTERED,
            label=_("A complaint was assigned to me"),
            title=_("Complaint %(number)s assigned to you"),
            body=_("%(kind)s. Answer due by %(due)s (Almaty time)."),
            must_act=True,
            level=NotificationLevel.WARNING,
            roles=_STAFF,
        ),
        events.EventKind(
            key=REFUSAL_PROPOSED,
            label=_("A refusal awaits the personal explanation"),
            title=_("Refusal proposed on complaint %(number)s: explain it to the complainant"),
            body=_("Give the personal explanation to %(name)s by %(due)s (Almaty time)."),
            must_act=True,
            level=NotificationLevel.WARNING,
            roles=_SENIORS,
        ),
        events.EventKind(
            key=FILED_CONFIRMATION,
            label=_("My complaint was received"),
            title=_("Your complaint %(number)s was received"),
            body=_("It is handled by %(office)s. Answer due by %(due)s (Almaty time)."),
            channels=_CITIZEN_CHANNELS,
            sms_default=True,
            roles=_CITIZENS,
        ),
        events.EventKind(
            key=REGISTERED_CITIZEN,
            label=_("My complaint was registered"),
            title=_("Your complaint %(number)s was registered"),
            body=_("Answer due by %(due)s (Almaty time)."),
            channels=_CITIZEN_CHANNELS,
            sms_default=True,
            roles=_CITIZENS,
        ),
        events.EventKind(
            key=ANSWERED,
            label=_("My complaint was answered"),
            title=_("Your complaint %(number)s was answered: %(outcome)s"),
            channels=_CITIZEN_CHANNELS,
            sms_default=True,
            roles=_CITIZENS,
        ),
        events.EventKind(
            key=REFUSAL_PROPOSED_CITIZEN,
            label=_("A refusal of my complaint is proposed"),
            title=_("Complaint %(number)s: please be available for a personal explanation"),
            body=_(
                "The office intends to refuse. A senior prosecutor will explain it to you personally "
                "(in person, by video call or by phone) by %(due)s (Almaty time)."
            ),
            must_act=True,
            level=NotificationLevel.WARNING,
            channels=_CITIZEN_CHANNELS,
            sms_default=True,
            roles=_CITIZENS,
        ),
    ):
        events.register(kind)


def _common(complaint: Complaint) -> dict[str, Any]:
    return {
        "number": complaint.tracking_number,
        "kind": events.in_languages(lambda: complaint.kind.display_title),
        "name": complaint.complainant_name,
        "office": events.in_languages(lambda: str(complaint.office)),
        "due": events.moment(complaint.due_at),
    }


def _tell_citizen(complaint: Complaint, event: str, params: dict[str, Any]) -> None:
    contacts = []
    if complaint.complainant_phone:
        contacts.append(events.Contact(DeliveryChannel.SMS, complaint.complainant_phone, complaint.language))
    citizen = complaint.complainant
    notices_emit_on_commit(
        event=event,
        subject=item_key(complaint),
        user_ids=[citizen.pk] if citizen is not None else [],
        params=params,
        url=reverse("complaints:my-detail", args=[complaint.tracking_number]) if citizen is not None else "",
        contacts=contacts,
        close=False,  # the staff's notices of the same event close it (below, queued first)
    )


def _tell_staff(complaint: Complaint, event: str, user_ids: list[int], params: dict[str, Any]) -> None:
    notices_emit_on_commit(
        event=event,
        subject=item_key(complaint),
        user_ids=user_ids,
        params=params,
        url=reverse("complaints:detail", args=[complaint.pk]),
    )


def _seniors(complaint: Complaint) -> list[int]:
    return list(senior_prosecutors_of(office=complaint.office).values_list("pk", flat=True))


def complaint_event(*, complaint: Complaint, event: str) -> None:
    """Inside the service's transaction: queue the notices of `event` ("filed", "registered", "answered",
    "refusal_proposed") for after commit."""
    params = _common(complaint)
    if event == "filed":
        _tell_staff(complaint, FILED, _seniors(complaint), params)
        _tell_citizen(complaint, FILED_CONFIRMATION, params)
    elif event == "registered":
        _tell_staff(complaint, REGISTERED, [complaint.executor_id] if complaint.executor_id else [], params)
        _tell_citizen(complaint, REGISTERED_CITIZEN, params)
    elif event == "answered":
        _tell_staff(complaint, ANSWERED, [], params)  # closes the staff's notices; nobody else to tell
        outcome = events.in_languages(complaint.get_status_display)
        _tell_citizen(complaint, ANSWERED, {**params, "outcome": outcome})
    elif event == "refusal_proposed":
        params = {**params, "due": events.moment(complaint.explanation_due_at)}
        _tell_staff(complaint, REFUSAL_PROPOSED, _seniors(complaint), params)
        _tell_citizen(complaint, REFUSAL_PROPOSED_CITIZEN, params)
    else:
        raise ValueError(f"unknown complaint event {event!r}")
