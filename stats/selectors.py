"""Reads for the statistics: the scope a user may ask for, and the report computed for it.

The report is the one computation behind the page, the CSV export and the API: each registered indicator
is computed for the period (and, unless it is a snapshot of "now", for the previous period of the same
length), and the rows of the two are paired by key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.choices import PROSECUTOR_OFFICE_KINDS
from ecase.models import Organisation, User
from ecase.visibility import visible_organisations
from stats import indicators as registry
from stats.indicators import Indicator, Number, Unit
from stats.period import Period, Scope
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
            return Scope(office=None, include_subtree=True)
        office_id = user.organisation_id
    office = stats_offices_visible_to(user=user).filter(pk=office_id).first()
    if office is None:
        raise Http404(_("No such office."))
    return Scope(office=office, include_subtree=include_subtree)


@dataclass
class ResultRow:
    key: str
    label: str
    is_total: bool
    charted: bool
    values: dict[str, Number]
    previous: dict[str, Number] | None

    def change(self, metric: str) -> float | None:
        """Percentage change of a count against the previous period (None when it cannot be computed)."""
        if self.previous is None:
            return None
        now, before = self.values.get(metric), self.previous.get(metric)
        if now is None or not before:
            return None
        return round(100.0 * (now - before) / before, 1)


@dataclass
class IndicatorResult:
    indicator: Indicator
    rows: list[ResultRow]

    @property
    def code(self) -> str:
        return self.indicator.code

    def changes(self, row: ResultRow) -> dict[str, float | None]:
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
    current = indicator.compute(scope, period)
    before = {r.key: r for r in indicator.compute(scope, period.previous())} if indicator.compares else {}
    rows = [
        ResultRow(
            key=r.key,
            label=str(r.label),
            is_total=r.is_total,
            charted=r.charted and not r.is_total,
            values=r.values,
            previous=before[r.key].values if r.key in before else None,
        )
        for r in current
    ]
    return IndicatorResult(indicator=indicator, rows=rows)


def stats_report(*, scope: Scope, period: Period, codes: Iterable[str] | None = None) -> Report:
    """Compute the indicators (all, or the given codes) for a scope and a period."""
    report = Report(scope=scope, period=period, previous=period.previous(), computed_at=timezone.now())
    for indicator in registry.indicators(codes):
        report.results.append(indicator_compute(indicator=indicator, scope=scope, period=period))
    return report
