"""Indicators of citizens' complaints: by kind and outcome, answered in time, growth, and refusals
explained to the complainant personally."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from complaints.choices import ANSWERED_STATUSES, OPEN_STATUSES, ComplaintStatus, ExplanationForm
from complaints.models import Complaint, ComplaintKind
from stats.period import CURRENT, PREVIOUS, Period, Scope

from .base import ChartKind, Indicator, Metric, Row, Unit, paired, register, share

OUTCOMES = (
    ComplaintStatus.SATISFIED,
    ComplaintStatus.PARTIALLY_SATISFIED,
    ComplaintStatus.FORWARDED,
    ComplaintStatus.REFUSED,
)


def _kinds() -> list[tuple[str, str]]:
    """(code, translated title) of every complaint kind, in the admin's order (a small table)."""
    return [
        (code, gettext(title))
        for code, title in ComplaintKind.objects.order_by("order", "code").values_list("code", "title")
    ]


def _by_kind(
    scope: Scope, period: Period, field: str, aggregates: dict[str, Any], **filters: Any
) -> dict[str, dict[str, dict[str, int]]]:
    """{CURRENT|PREVIOUS: {kind code: aggregates}} from one GROUP BY query over both periods."""
    out: dict[str, dict[str, dict[str, int]]] = {CURRENT: {}, PREVIOUS: {}}
    qs = Complaint.objects.filter(scope.q("office"), period.with_previous_q(field), **filters)
    for r in qs.values("kind", which=period.which(field)).annotate(**aggregates).order_by():
        out[r["which"]][r["kind"]] = r
    return out


def _kind_rows(
    kinds: list[tuple[str, str]], groups: dict[str, dict[str, int]], names: Iterable[str], values: Any
) -> list[Row]:
    """A row per kind and a total row; the total adds up the few groups' counts."""
    zero = dict.fromkeys(names, 0)
    total = {name: sum(g[name] for g in groups.values()) for name in names}
    rows = [Row(code, title, values(groups.get(code, zero))) for code, title in kinds]
    return [*rows, Row("total", _("All kinds"), values(total), is_total=True)]


@register
class ComplaintsByKind(Indicator):
    code = "complaints_by_kind"
    order = 50
    title = _("Complaints received, by kind and outcome")
    definition = _(
        "Complaints and appeals received by the offices in scope during the period (by time of receipt), by "
        "kind and by their outcome now: satisfied, partially satisfied, forwarded to the competent body, "
        "refused (only after a personal explanation), or still open (submitted, in review, or a refusal "
        "awaiting its explanation). Change: received this period against the previous period of the same "
        "length, in per cent (the growth of complaints)."
    )
    metrics = (
        Metric("received", pgettext_lazy("count", "Received")),
        Metric("satisfied", _("Satisfied")),
        Metric("partially_satisfied", _("Partially satisfied")),
        Metric("forwarded", _("Forwarded")),
        Metric("refused", _("Refused")),
        Metric("open", _("Still open")),
    )
    chart = ChartKind.STACKED
    chart_stack = ("satisfied", "partially_satisfied", "forwarded", "refused", "open")
    compared_on_page = ("received",)

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        aggregates: dict[str, Any] = {"received": Count("pk"), "open": Count("pk", filter=Q(status__in=OPEN_STATUSES))}
        aggregates.update({str(s): Count("pk", filter=Q(status=s)) for s in OUTCOMES})
        groups = _by_kind(scope, period, "received_at", aggregates)
        kinds = _kinds()

        def values(agg: dict[str, int]) -> dict[str, int | float | None]:
            return {m.code: agg[m.code] for m in self.metrics}

        return paired(
            _kind_rows(kinds, groups[CURRENT], aggregates, values),
            _kind_rows(kinds, groups[PREVIOUS], aggregates, values),
        )


@register
class ComplaintsAnswered(Indicator):
    code = "complaints_answered"
    order = 52
    title = _("Complaints answered, and the share answered in time")
    definition = _(
        "Complaints answered during the period (satisfied, partially satisfied, forwarded, or refused once "
        "the personal explanation was recorded), by kind. In time: answered no later than the deadline in "
        "force (the kind's term from receipt, in working days where the law says so, or the term as "
        "extended once with reasons)."
    )
    metrics = (
        Metric("answered", _("Answered")),
        Metric("in_time", _("In time")),
        Metric("late", _("Late")),
        Metric("in_time_share", _("Share in time"), Unit.PERCENT),
    )
    chart_metric = "in_time_share"
    compared_on_page = ("answered", "in_time_share")

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        aggregates = {"answered": Count("pk"), "in_time": Count("pk", filter=Q(answered_at__lte=F("due_at")))}
        groups = _by_kind(scope, period, "answered_at", aggregates, status__in=ANSWERED_STATUSES)
        kinds = _kinds()

        def values(agg: dict[str, int]) -> dict[str, int | float | None]:
            answered, in_time = agg["answered"], agg["in_time"]
            return {
                "answered": answered,
                "in_time": in_time,
                "late": answered - in_time,
                "in_time_share": share(in_time, answered),
            }

        return paired(
            _kind_rows(kinds, groups[CURRENT], aggregates, values),
            _kind_rows(kinds, groups[PREVIOUS], aggregates, values),
        )


def bucket_days(period: Period) -> int:
    """Width of a point of the growth line: a day for a month, a week for a year, 30 days beyond."""
    if period.days <= 31:
        return 1
    if period.days <= 366:
        return 7
    return 30


@register
class ComplaintsGrowth(Indicator):
    code = "complaints_growth"
    order = 51
    chart = ChartKind.LINE
    title = _("Growth of complaints")
    definition = _(
        "Complaints received by the offices in scope, per day (periods up to 31 days), per 7 days (up to a "
        "year) or per 30 days, counted from the first day of the period; the previous period is drawn on "
        "the same offsets. The last line is the total and its change against the previous period."
    )
    metrics = (Metric("received", pgettext_lazy("count", "Received")),)

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        per_day = dict(
            Complaint.objects.filter(scope.q("office"), period.with_previous_q("received_at"))
            .annotate(day=TruncDate("received_at", tzinfo=timezone.get_default_timezone()))
            .values("day")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("day", "n")
        )
        width = bucket_days(period)

        def rows(p: Period) -> list[Row]:
            out = []
            for offset in range(0, p.days, width):
                start = p.date_from + timedelta(days=offset)
                days = [start + timedelta(days=d) for d in range(min(width, p.days - offset))]
                out.append(Row(f"d{offset}", start.isoformat(), {"received": sum(per_day.get(d, 0) for d in days)}))
            total = sum(n for day, n in per_day.items() if p.date_from <= day <= p.date_to)
            return [*out, Row("total", _("Total"), {"received": total}, is_total=True)]

        return paired(rows(period), rows(period.previous()))


@register
class RefusalExplanations(Indicator):
    code = "refusal_explanations"
    order = 55
    title = _("Refusals with a recorded personal explanation")
    definition = _(
        "Complaints finally refused during the period, and how many of them carry the record of the personal "
        "explanation a senior prosecutor gave the complainant (in person, by video call or by phone). A "
        "refusal is final only with that record, so the share must be 100 %. In term: the explanation was "
        "held no later than its own deadline (working days after the refusal was proposed)."
    )
    metrics = (Metric("refusals", _("Refusals")), Metric("share", _("Share of refusals"), Unit.PERCENT))

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        per_period = {
            r["which"]: r
            for r in Complaint.objects.filter(
                scope.q("office"), period.with_previous_q("answered_at"), status=ComplaintStatus.REFUSED
            )
            .values(which=period.which("answered_at"))
            .annotate(
                total=Count("pk"),
                explained=Count("pk", filter=Q(explanation__isnull=False)),
                in_term=Count("pk", filter=Q(explanation__held_at__lte=F("explanation_due_at"))),
                **{f"f_{f}": Count("pk", filter=Q(explanation__form=f)) for f in ExplanationForm.values},
            )
            .order_by()
        }
        return paired(self._rows(per_period.get(CURRENT)), self._rows(per_period.get(PREVIOUS)))

    @staticmethod
    def _rows(agg: dict[str, Any] | None) -> list[Row]:
        if agg is None:
            agg = {"total": 0, "explained": 0, "in_term": 0, **{f"f_{f}": 0 for f in ExplanationForm.values}}
        total = agg["total"]
        by_form = {form: agg[f"f_{form.value}"] for form in ExplanationForm}
        rows = [Row(f.value, f.label, {"refusals": n, "share": share(n, total)}) for f, n in by_form.items()]
        missing = total - agg["explained"]
        return [
            *rows,
            Row(
                "explained",
                _("With a recorded personal explanation"),
                {"refusals": agg["explained"], "share": share(agg["explained"], total)},
                charted=False,
            ),
            Row(
                "explained_in_term",
                _("Explained within the explanation term"),
                {"refusals": agg["in_term"], "share": share(agg["in_term"], total)},
                charted=False,
            ),
            Row(
                "without_explanation",
                _("Without an explanation"),
                {"refusals": missing, "share": share(missing, total)},
            ),
            Row("total", _("All refusals"), {"refusals": total, "share": share(total, total)}, is_total=True),
        ]
