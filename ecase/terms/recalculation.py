"""Recomputing open deadlines after a calendar day, a transfer or a term configuration changes.

Apps register which deadlines are computed from a term (ecase imports no app). A registration names an
ecase.deadlines source (its open items, deadline field, responsible people, description and link) and
says how to recompute an item's deadline from the configuration in force:

    from ecase.terms.recalculation import Recomputable, register
    register(Recomputable(source="approvals.pending", recompute=lambda d, memo: memo.end(term_of(d), d.submitted_at)))

``recompute`` returns None for an item whose deadline is not computed from a term (e.g. a complaint whose
term was extended to a chosen date). ``deadlines_recalculate`` (run by the Celery task
``ecase.terms_recalculate``, enqueued on commit of every audited configuration edit) updates each item
whose deadline changes, writes an audit event with the old and new due date, and notifies the responsible
people in-app when a deadline moves earlier. Running it again changes nothing (idempotent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext

from ecase import deadlines
from ecase.audit.services import audit_record
from ecase.models import Case, NotificationLevel
from ecase.notifications.services import notification_create
from ecase.terms.engine import EndMemo, end_of_day


@dataclass(frozen=True)
class Recomputable:
    source: str
    recompute: Callable[[Any, EndMemo], datetime | None]
    # Narrows the source's open items to those whose deadline is computed from a term.
    narrow: Callable[[QuerySet[Any]], QuerySet[Any]] = lambda qs: qs


@dataclass
class RecalculationResult:
    checked: int = 0
    moved: int = 0
    earlier: int = 0
    notified: int = 0


_registry: dict[str, Recomputable] = {}


def register(item: Recomputable) -> None:
    _registry[item.source] = item


def registered() -> list[Recomputable]:
    return list(_registry.values())


def deadlines_recalculate(
    *, since: date | None = None, progress: Callable[[str, RecalculationResult], None] | None = None
) -> RecalculationResult:
    """Recompute every open deadline (only those on or after `since`, a changed calendar day, when given)."""
    result = RecalculationResult()
    memo = EndMemo()
    for item in registered():
        source = deadlines.source(item.source)
        field = source.deadline_field
        items = item.narrow(source.open_items())
        if since is not None:
            # A day's change can move only deadlines falling on that day or later.
            items = items.filter(**{f"{field}__gt": end_of_day(since - timedelta(days=1))})
        for obj in _iterate(items.select_related(*source.select_related)):
            result.checked += 1
            new = item.recompute(obj, memo)
            old = getattr(obj, field)
            if new is None or old is None or new == old:
                continue
            _apply(obj=obj, field=field, new=new, source=source, result=result)
        if progress is not None:
            progress(item.source, result)
    return result


def _iterate(items: QuerySet[Any]) -> Iterator[Any]:
    return items.order_by("pk").iterator(chunk_size=500)


def _apply(
    *, obj: Any, field: str, new: datetime, source: deadlines.DeadlineSource, result: RecalculationResult
) -> None:
    model = type(obj)
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=obj.pk).first()
        if locked is None:
            return
        old = getattr(locked, field)
        if old is None or old == new:
            return
        setattr(locked, field, new)
        locked.save(update_fields=[field])
        case = locked if isinstance(locked, Case) else getattr(obj, "case", None)
        audit_record(
            action="deadline.recomputed",
            obj=locked,
            actor=None,
            case=case,
            data={
                "source": source.key,
                "field": field,
                "old": timezone.localtime(old).isoformat(),
                "new": timezone.localtime(new).isoformat(),
            },
        )
        result.moved += 1
        if new < old:
            result.earlier += 1
            result.notified += _notify_earlier(obj=obj, source=source, old=old, new=new)


def _notify_earlier(*, obj: Any, source: deadlines.DeadlineSource, old: datetime, new: datetime) -> int:
    people = source.responsible(obj)
    title = gettext("A deadline moved earlier: %(what)s") % {"what": source.describe(obj)}
    body = gettext("Recalculated after a change of the calendar or of a term: %(old)s, now %(new)s.") % {
        "old": formats.date_format(timezone.localtime(old), "DATETIME_FORMAT"),
        "new": formats.date_format(timezone.localtime(new), "DATETIME_FORMAT"),
    }
    for user in people:
        notification_create(user=user, title=title, body=body, url=source.url(obj), level=NotificationLevel.WARNING)
    return len(people)
