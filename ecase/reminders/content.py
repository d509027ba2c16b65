"""What a notice says: the title, text and link of the in-app notification, and the e-mail built from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import NoReverseMatch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ecase.deadlines import DeadlineSource
from ecase.models import EmailDelivery, Notice, NoticeStage, Notification, NotificationLevel, User

LEVELS = {
    NoticeStage.DUE_SOON: NotificationLevel.INFO,
    NoticeStage.DUE: NotificationLevel.WARNING,
    NoticeStage.OVERDUE: NotificationLevel.URGENT,
}


@dataclass(frozen=True)
class NoticeContent:
    level: str
    title: str
    body: str
    url: str
    description: str


def _item_url(source: DeadlineSource, item: Any) -> str:
    try:
        return source.url(item)
    except NoReverseMatch:
        # The app's page is not wired (yet); the notice still goes out, without a link.
        return ""


def notice_content(*, notice: Notice, source: DeadlineSource, item: Any, responsible: list[User]) -> NoticeContent:
    what = source.describe(item)
    deadline = formats.date_format(timezone.localtime(notice.deadline), "d.m.Y H:i")
    titles = {
        NoticeStage.DUE_SOON: _("Due soon: %(what)s"),
        NoticeStage.DUE: _("Deadline reached: %(what)s"),
        NoticeStage.OVERDUE: _("Overdue, escalated: %(what)s"),
    }
    lines = [_("%(label)s. Deadline: %(deadline)s (Almaty time).") % {"label": source.label, "deadline": deadline}]
    if notice.stage == NoticeStage.OVERDUE:
        names = ", ".join(u.get_full_name() or u.get_username() for u in responsible) or "—"
        lines.append(
            _("The deadline has passed and the item is escalated to the senior prosecutor. Responsible: %(names)s.")
            % {"names": names}
        )
    return NoticeContent(
        level=LEVELS[NoticeStage(notice.stage)],
        title=(titles[NoticeStage(notice.stage)] % {"what": what})[:255],
        body="\n".join(lines),
        url=_item_url(source, item),
        description=what[:255],
    )


def notice_email(*, delivery: EmailDelivery, notification: Notification | None, notice: Notice) -> EmailMessage:
    """The e-mail for one recipient. Its Message-ID is fixed per (notice, recipient), so the rare duplicate
    that SMTP's at-least-once boundary allows can be recognised (and is collapsed by most mail clients)."""
    title = notification.title if notification else str(notice)
    body = notification.body if notification else ""
    link = notification.url if notification else ""
    if link:
        body += "\n\n" + getattr(settings, "SITE_URL", "").rstrip("/") + link
    return EmailMessage(
        subject=f"[eCase] {title}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers={"Message-ID": f"<notice-{notice.pk}.{delivery.recipient_id}@ecase>"},
    )
