"""The legality statistics: findings by who found them (the rules or a prosecutor), by rule, severity and
office, open against closed, and the time to resolution (median and 90th percentile).

They are indicators of the statistics app (stats.indicators.Indicator: rows with the figures of the period
and of the previous period of the same length), computed over the findings *first seen* in the period, in
the cases supervised by the offices in scope; so the page reuses the statistics app's charts (server-side
SVG), tables and CSV. They are kept out of the statistics app's own registry: this report has its own page
and its own audience (every prosecutor, for his offices; auditors), while /stats/ is for senior prosecutors.
One aggregate query per indicator, whatever the amount of data.
"""

from __future__ import annotations

import abc
import math
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ecase.models import Organisation
from stats.aggregates import Median, SecondsBetween
from stats.indicators import ChartKind, Indicator, Metric, Number, Row, Unit, hours, paired
from stats.period import CURRENT, PREVIOUS, Period, Scope
from stats.selectors import IndicatorResult, Report, indicator_compute

from .choices import MANUAL_RULE, FindingOrigin, FindingSeverity, FindingStatus
from .models import Finding
from .registry import rules_all

OPEN = Q(status=FindingStatus.OPEN)
COUNTS = {"found": Count("pk"), "open": Count("pk", filter=OPEN), "closed": Count("pk", filter=~OPEN)}
FOUND, STILL_OPEN, CLOSED = (
    Metric("found", _("Found")),
    Metric("open", _("Open now")),
    Metric("closed", _("Closed")),
)


class Percentile90(Median):
    """The 90th percentile (PostgreSQL ``percentile_cont(0.9)``; SQLite: ``ECASE_P90``, registered by the
    legality app on each SQLite connection)."""

    name = "Percentile90"
    function = "ECASE_P90"

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        clone = self.copy()
        clone.function = "percentile_cont"
        clone.template = "%(function)s(0.9) WITHIN GROUP (ORDER BY %(expressions)s)"
        return super(Median, clone).as_sql(compiler, connection, **extra)


class _SQLiteP90:
    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: float | None) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        """Linear interpolation between the closest ranks, as percentile_cont does."""
        if not self.values:
            return None
        values = sorted(self.values)
        rank = 0.9 * (len(values) - 1)
        low, high = math.floor(rank), math.ceil(rank)
        return values[low] + (values[high] - values[low]) * (rank - low)


def install_sqlite_p90(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("ECASE_P90", 1, _SQLiteP90)


def _findings(scope: Scope, period: Period) -> QuerySet[Finding]:
    return Finding.objects.filter(scope.q("case__supervising_office"), period.with_previous_q("first_seen"))


def _grouped(scope: Scope, period: Period, field: str, **aggregates: Any) -> dict[tuple[str, Any], dict[str, Any]]:
    """{(current|previous, value of field): aggregates} in one query."""
    return {
        (r["which"], r[field]): r
        for r in _findings(scope, period)
        .values(field, which=period.which("first_seen"))
        .annotate(**(aggregates or COUNTS))
        .order_by()
    }


class _Breakdown(Indicator, abc.ABC):
    """Found / still open / closed, one row per value of a field, and a total row."""

    field: str
    metrics = (FOUND, STILL_OPEN, CLOSED)
    chart = ChartKind.STACKED
    chart_stack = ("open", "closed")
    compared_on_page = ("found",)

    @abc.abstractmethod
    def keys(self, scope: Scope, found: set[Any]) -> list[tuple[Any, Any]]:
        """The rows' (key, label) pairs, in display order."""

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        counts = _grouped(scope, period, self.field)
        keys = self.keys(scope, {value for _which, value in counts})

        def rows(which: str) -> list[Row]:
            out = []
            for value, label in keys:
                agg = counts.get((which, value), {})
                out.append(Row(str(value), label, {m.code: agg.get(m.code, 0) for m in self.metrics}))
            total: dict[str, Number] = {m.code: sum(int(r.values[m.code] or 0) for r in out) for m in self.metrics}
            return [*out, Row("total", _("All findings"), total, is_total=True)]

        return paired(rows(CURRENT), rows(PREVIOUS))


class FoundBy(_Breakdown):
    code = "legality_found_by"
    order = 10
    title = _("Findings: found by the system and by prosecutors")
    definition = _(
        "Findings first seen during the period in the cases supervised by the offices in scope: those the "
        "legality rules found and those prosecutors recorded by hand; how many are still open and how many "
        "were closed (resolved automatically, acknowledged, or acted on)."
    )
    field = "origin"

    def keys(self, scope: Scope, found: set[Any]) -> list[tuple[Any, Any]]:
        return [(o.value, o.label) for o in FindingOrigin]


class ByRule(_Breakdown):
    code = "legality_by_rule"
    order = 20
    title = _("Findings by rule")
    definition = _("Findings first seen during the period, by the rule that found them (or recorded by hand).")
    field = "rule"

    def keys(self, scope: Scope, found: set[Any]) -> list[tuple[Any, Any]]:
        keys: list[tuple[Any, Any]] = [(r.code, f"{r.title} ({r.article})") for r in rules_all()]
        keys.append((MANUAL_RULE, _("Recorded by a prosecutor")))
        known = {k for k, _label in keys}
        return keys + [(code, code) for code in sorted(found - known)]  # a rule since retired


class BySeverity(_Breakdown):
    code = "legality_by_severity"
    order = 30
    title = _("Findings by severity")
    definition = _("Findings first seen during the period, by severity: violation, risk, notice.")
    field = "severity"

    def keys(self, scope: Scope, found: set[Any]) -> list[tuple[Any, Any]]:
        return [(s.value, s.label) for s in FindingSeverity]


class ByOffice(_Breakdown):
    code = "legality_by_office"
    order = 40
    title = _("Findings by supervising office")
    definition = _("Findings first seen during the period, by the prosecutor's office supervising the case.")
    field = "case__supervising_office"

    def keys(self, scope: Scope, found: set[Any]) -> list[tuple[Any, Any]]:
        names = dict(Organisation.objects.filter(pk__in=found).values_list("pk", "name"))
        return sorted(((pk, names[pk]) for pk in found if pk in names), key=lambda kv: kv[1])


class ByStatus(Indicator):
    code = "legality_by_status"
    order = 50
    title = _("Open and closed findings")
    definition = _(
        "Findings first seen during the period, by their status now: open, resolved automatically (the facts "
        "no longer hold), acknowledged by a prosecutor with a reason, or acted on with a decision."
    )
    metrics = (FOUND,)

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        counts = _grouped(scope, period, "status", found=Count("pk"))

        def rows(which: str) -> list[Row]:
            out = [
                Row(s.value, s.label, {"found": counts.get((which, s.value), {}).get("found", 0)})
                for s in FindingStatus
            ]
            total = sum(int(r.values["found"] or 0) for r in out)
            return [*out, Row("total", _("All findings"), {"found": total}, is_total=True)]

        return paired(rows(CURRENT), rows(PREVIOUS))


class ResolutionTime(Indicator):
    code = "legality_resolution_time"
    order = 60
    title = _("Time to resolution")
    definition = _(
        "For the findings first seen during the period and closed since: the time from first seen to closed, "
        "in hours (median and 90th percentile), by who found them."
    )
    metrics = (
        Metric("closed", _("Closed")),
        Metric("median_hours", _("Median"), Unit.HOURS),
        Metric("p90_hours", _("90th percentile"), Unit.HOURS),
    )
    chart_metric = "median_hours"
    compared_on_page = ("closed", "median_hours")

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        took = SecondsBetween(F("first_seen"), F("closed_at"))
        closed = ~OPEN & Q(closed_at__isnull=False)
        data: dict[tuple[str, str], dict[str, Any]] = {}
        base = _findings(scope, period).filter(closed)
        for r in (
            base.values("origin", which=period.which("first_seen"))
            .annotate(closed=Count("pk"), median=Median(took), p90=Percentile90(took))
            .order_by()
        ):
            data[(r["which"], r["origin"])] = r
        for r in (
            base.values(which=period.which("first_seen"))
            .annotate(closed=Count("pk"), median=Median(took), p90=Percentile90(took))
            .order_by()
        ):
            data[(r["which"], "total")] = r

        def values(which: str, key: str) -> dict[str, Any]:
            agg = data.get((which, key), {})
            return {
                "closed": agg.get("closed", 0),
                "median_hours": hours(agg.get("median")),
                "p90_hours": hours(agg.get("p90")),
            }

        def rows(which: str) -> list[Row]:
            out = [Row(o.value, o.label, values(which, o.value)) for o in FindingOrigin]
            return [*out, Row("total", _("All findings"), values(which, "total"), is_total=True)]

        return paired(rows(CURRENT), rows(PREVIOUS))


INDICATORS: tuple[Indicator, ...] = (FoundBy(), ByRule(), BySeverity(), ByOffice(), ByStatus(), ResolutionTime())


def indicator_get(code: str) -> Indicator | None:
    return next((i for i in INDICATORS if i.code == code), None)


def legality_report(*, scope: Scope, period: Period, codes: list[str] | None = None) -> Report:
    """The legality indicators (all, or the given codes) for a scope and a period: the page, the CSV and the
    API render this one report."""
    from django.db import transaction
    from django.utils import timezone

    report = Report(scope=scope, period=period, previous=period.previous(), computed_at=timezone.now())
    with transaction.atomic():
        for indicator in INDICATORS:
            if codes is None or indicator.code in codes:
                report.results.append(indicator_compute(indicator=indicator, scope=scope, period=period))
    return report


__all__ = ["INDICATORS", "IndicatorResult", "indicator_get", "legality_report"]
