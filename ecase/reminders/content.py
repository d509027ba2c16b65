"""What a notice says: the title, text and link of the in-app notification, and the e-mail built from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import NoReverseMatch
from django.utils import translation

from ecase.deadlines import DeadlineSource
from ecase.models import EmailDelivery, Notice, NoticeStage, Notification, NotificationLevel, User
from ecase.notifications import events
from ecase.notifications.kinds import DEADLINE_EVENTS

LEVELS = {
    NoticeStage.DUE_SOON: NotificationLevel.INFO,
    NoticeStage.DUE: NotificationLevel.WARNING,
    NoticeStage.OVERDUE: NotificationLevel.URGENT,
}


@dataclass(frozen=True)
class NoticeContent:
    level: str
    message_key: str
    params: dict[str, Any]
    title: str  # in the default language (search, admin); readers see the message rendered in theirs
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
    """What the notice says, as an event key and parameters: the item's description is kept in every
    language (the source builds it from translated parts), the source's label as its message id."""
    names = ", ".join(u.get_full_name() or u.get_username() for u in responsible) or "—"
    key = DEADLINE_EVENTS[NoticeStage(notice.stage)]
    params: dict[str, Any] = {
        "what": events.in_languages(lambda: source.describe(item)),
        "label": events.translatable(source.label),
        "deadline": events.moment(notice.deadline),
        "names": names,
    }
    with translation.override(settings.LANGUAGE_CODE):
        title, body = events.render(key, params) or (key, "")
        description = source.describe(item)
    return NoticeContent(
        level=LEVELS[NoticeStage(notice.stage)],
        message_key=key,
        params=params,
        title=title[:255],
        body=body,
        url=_item_url(source, item),
        description=description[:255],
    )


def notice_email(*, delivery: EmailDelivery, notification: Notification | None, notice: Notice) -> EmailMessage:
    """The e-mail for one recipient. Its Message-ID is fixed per (notice, recipient), so the rare duplicate
    that SMTP's at-least-once boundary allows can be recognised (and is collapsed by most mail clients)."""
    title, body, link = str(notice), "", ""
    if notification is not None:
        language = getattr(delivery.recipient, "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            title, body = notification.rendered()
        link = notification.url
    if link:
        body += "\n\n" + getattr(settings, "SITE_URL", "").rstrip("/") + link
    return EmailMessage(
        subject=f"[eCase] {title}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.address],
        headers={"Message-ID": f"<notice-{notice.pk}.{delivery.recipient_id}@ecase>"},
    )
