"""ecase's own notice events: the deadline reminders of every registered clock, and the audit trail's alarm.
Registered when ecase starts (imported by ecase.deadline_sources); apps register theirs in their ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecase.choices import Role
from ecase.models import NoticeStage, NotificationLevel
from ecase.notifications.events import EventKind, register

DEADLINE_EVENTS = {
    NoticeStage.DUE_SOON: "deadline.due_soon",
    NoticeStage.DUE: "deadline.due",
    NoticeStage.OVERDUE: "deadline.overdue",
}
AUDIT_FAILED = "audit.verification_failed"

register(
    EventKind(
        key=DEADLINE_EVENTS[NoticeStage.DUE_SOON],
        label=_("A deadline of mine is near"),
        title=_("Due soon: %(what)s"),
        body=_("%(label)s. Deadline: %(deadline)s (Almaty time)."),
        must_act=True,
        level=NotificationLevel.INFO,
    )
)
register(
    EventKind(
        key=DEADLINE_EVENTS[NoticeStage.DUE],
        label=_("A deadline of mine is reached"),
        title=_("Deadline reached: %(what)s"),
        body=_("%(label)s. Deadline: %(deadline)s (Almaty time)."),
        must_act=True,
        level=NotificationLevel.WARNING,
    )
)
register(
    EventKind(
        key=DEADLINE_EVENTS[NoticeStage.OVERDUE],
        label=_("A deadline is overdue and escalated"),
        title=_("Overdue, escalated: %(what)s"),
        body=_(
            "%(label)s. Deadline: %(deadline)s (Almaty time).\n"
            "The deadline has passed and the item is escalated to the senior prosecutor. Responsible: %(names)s."
        ),
        must_act=True,
        level=NotificationLevel.URGENT,
        sms_default=True,
    )
)
register(
    EventKind(
        key=AUDIT_FAILED,
        label=_("The audit trail failed verification"),
        title=_("The audit trail failed verification"),
        body=_("%(failure)s"),
        must_act=True,
        level=NotificationLevel.URGENT,
        roles=frozenset({Role.AUDITOR}),
    )
)
