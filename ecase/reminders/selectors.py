"""Reads for reminders: the scan's indexed queries, the recipients of a notice, the notification centre."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q

from ecase.choices import Role
from ecase.deadlines import DeadlineSource
from ecase.models import Notice, NoticeStage, NoticeStatus, Organisation, User

from .windows import StageWindow


def deadline_items_needing_notice(
    *, source: DeadlineSource, window: StageWindow, limit: int
) -> list[tuple[int, datetime]]:
    """(item id, deadline) of the source's open items inside the stage window that have no notice for that
    stage and deadline yet, earliest deadline first.

    One query: the items whose deadline lies in the window (a range on the source's deadline index) EXCEPT
    the notices already recorded for this window (a range on the notice key's index: source, stage,
    deadline). Items far from their deadline are never read, and neither is the history of older notices.

    EXCEPT rather than NOT EXISTS: bench_reminders showed PostgreSQL running the NOT EXISTS anti-join as a
    nested loop over a materialised notice set (quadratic: ~0.5 s for 4,300 overdue items) whenever the
    statistics of the notice table lagged behind a burst of new notices. A set difference is a hash or sort
    over both ranges, linear whatever the statistics say.
    """
    field = source.deadline_field
    items = (
        source.open_items()
        .filter(**{f"{field}__gt": window.after, f"{field}__lte": window.until})
        .order_by()
        .values_list("pk", field)
    )
    recorded = (
        Notice.objects.filter(
            source=source.notice_key(window.lead),
            stage=window.stage,
            deadline__gt=window.after,
            deadline__lte=window.until,
        )
        .order_by()
        .values_list("item_id", "deadline")
    )
    return list(items.difference(recorded).order_by(field)[:limit])


def notices_to_enqueue(*, now: datetime, resend_after: timedelta) -> list[tuple[int, datetime | None]]:
    """(id, enqueued_at) of the pending notices this scan recorded (enqueued_at == now), and of those queued
    long enough ago that the message is presumed lost.

    Row-locked with SKIP LOCKED: a notice a worker is delivering right now is left alone, and an overlapping
    scan (another `now`) never picks the notices this one recorded.
    """
    return list(
        Notice.objects.select_for_update(skip_locked=True)
        .filter(status=NoticeStatus.PENDING)
        .filter(Q(enqueued_at=now) | Q(enqueued_at__lte=now - resend_after) | Q(enqueued_at__isnull=True))
        .order_by()
        .values_list("pk", "enqueued_at")
    )


def open_item_for_notice(*, source: DeadlineSource, notice: Notice) -> Any | None:
    """The item the notice is about, if it is still open with the same deadline (else the notice is moot)."""
    return (
        source.open_items()
        .select_related(*source.select_related)
        .filter(pk=notice.item_id, **{source.deadline_field: notice.deadline})
        .first()
    )


def escalation_recipients(*, office: Organisation | None) -> list[User]:
    """Senior prosecutors of the office; if it has none, of the nearest higher office that has one."""
    if office is not None and not office.is_prosecutor_office:
        office = office.supervising_office
    while office is not None:
        seniors = list(
            User.objects.filter(organisation=office, role=Role.SENIOR_PROSECUTOR, is_active=True).order_by("pk")
        )
        if seniors:
            return seniors
        office = office.parent
    return []


def notice_recipients(*, stage: str, responsible: Sequence[User], escalation: Sequence[User] = ()) -> list[User]:
    """Who receives a notice: the responsible people; for an escalation also the senior prosecutors."""
    people = [*escalation, *responsible] if stage == NoticeStage.OVERDUE else list(responsible)
    unique: dict[int, User] = {}
    for user in people:
        if user is not None and user.pk and user.is_active and user.pk not in unique:
            unique[user.pk] = user
    return list(unique.values())
