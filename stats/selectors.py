"""Reads for the statistics: the scope a user may ask for, and the report computed for it.

The report is the one computation behind the page, the CSV export and the API: each registered indicator
computes its rows for the period, each row carrying the previous period's figures too (unless the
indicator is a snapshot of "now"). 16 aggregate queries in all, whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.choices import PROSECUTOR_OFFICE_KINDS
from ecase.models import Organisation, User
from ecase.visibility import visible_organisations
from stats import indicators as registry
from stats.indicators import Indicator, Row, Unit
from stats.period import Period, Scope, scope_of
from stats.permissions import can_view_statistics


def stats_offices_visible_to(*, user: User) -> QuerySet[Organisation]:
    """The prosecutor's offices whose statistics the user may ask for (their own subtree)."""
    if not can_view_statistics(user):
        return Organisation.objects.none()
    return visible_organisations(user).filter(kind__in=PROSECUTOR_OFFICE_KINDS).order_by("path")


def stats_scope_for(*, user: User, office_id: int | None = None, include_subtree: bool = True) -> Scope:
    """The scope for a request. PermissionDenied (403) if the user may not see statistics at all;
    Http404 if the office is not one of theirs. Without an office: the user's own office (a superuser
    without one sees every office)."""
    if not can_view_statistics(user):
        raise PermissionDenied(_("Statistics are available to senior prosecutors and auditors."))
    if office_id is None:
        if user.organisation_id is None:
            return scope_of(None)
        office_id = user.organisation_id
    office = stats_offices_visible_to(user=user).filter(pk=office_id).first()
    if office is None:
        raise Http404(_("No such office."))
    return scope_of(office, include_subtree=include_subtree)


@dataclass
class IndicatorResult:
    indicator: Indicator
    rows: list[Row]

    @property
    def code(self) -> str:
        return self.indicator.code

    def changes(self, row: Row) -> dict[str, float | None]:
        return {m.code: row.change(m.code) for m in self.indicator.metrics if m.unit == Unit.COUNT}


@dataclass
class Report:
    scope: Scope
    period: Period
    previous: Period
    computed_at: datetime
    results: list[IndicatorResult] = field(default_factory=list)

    def result(self, code: str) -> IndicatorResult:
        return next(r for r in self.results if r.code == code)


def indicator_compute(*, indicator: Indicator, scope: Scope, period: Period) -> IndicatorResult:
    rows = indicator.compute(scope, period)
    for row in rows:
        row.label = str(row.label)
        row.charted = row.charted and not row.is_total
    return IndicatorResult(indicator=indicator, rows=rows)


def stats_report(*, scope: Scope, period: Period, codes: Iterable[str] | None = None) -> Report:
    """Compute the indicators (all, or the given codes) for a scope and a period."""
    report = Report(scope=scope, period=period, previous=period.previous(), computed_at=timezone.now())
    with transaction.atomic(), _reporting_session():
        for indicator in registry.indicators(codes):
            report.results.append(indicator_compute(indicator=indicator, scope=scope, period=period))
    return report


@contextmanager
def _reporting_session() -> Iterator[None]:
    """PostgreSQL settings for this transaction only: the medians sort a year or two of decisions, which
    fits in 32 MB instead of spilling to disk; and JIT compilation (about a second once a plan's cost
    passes jit_above_cost) costs far more than these aggregates of tens of milliseconds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '32MB'; SET LOCAL jit = off")
    yield
