"""Reminders of decided items are done: the scan closes the open reminders whose item left its clock.

Apps close their items' notices at once when they change state (notices_close); this sweep is the net
under it, for every registered source (a case closed, a detention ended, a notice handed over, or a
deadline moved: the reminder is about a deadline that no longer exists). It reads only open reminders.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.utils import timezone

from ecase import deadlines
from ecase.models import Notification

CHUNK = 1000


def reminders_close_decided(*, now: datetime | None = None) -> int:
    """Close the open reminder notifications whose item is no longer open with the reminded deadline."""
    now = now or timezone.now()
    open_rows = (
        Notification.objects.filter(closed_at__isnull=True, notice__isnull=False)
        .order_by()
        .values_list("notice__source", "notice__item_id", "notice__deadline")
        .distinct()
    )
    by_source: dict[str, set[tuple[int, datetime]]] = defaultdict(set)
    for key, item_id, deadline in open_rows:
        try:
            source = deadlines.source(key)
        except KeyError:
            continue  # a source that is not registered (any more): leave its notices alone
        by_source[source.key].add((item_id, deadline))
    closed = 0
    for key, reminded in by_source.items():
        source = deadlines.source(key)
        pairs = sorted(reminded)
        for start in range(0, len(pairs), CHUNK):
            chunk = pairs[start : start + CHUNK]
            still_open = set(
                source.open_items()
                .filter(pk__in={pk for pk, _ in chunk})
                .order_by()
                .values_list("pk", source.deadline_field)
            )
            for item_id, deadline in chunk:
                if (item_id, deadline) in still_open:
                    continue
                closed += Notification.objects.filter(
                    closed_at__isnull=True,
                    notice__source__in=[key, *_lead_keys(source)],
                    notice__item_id=item_id,
                    notice__deadline=deadline,
                ).update(closed_at=now)
    return closed


def _lead_keys(source: deadlines.DeadlineSource) -> list[str]:
    return [source.notice_key(lead) for lead in source.lead_times]
