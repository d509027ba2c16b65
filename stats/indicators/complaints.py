"""Indicators of citizens' complaints: by kind and outcome, answered in time, growth, and refusals
explained to the complainant personally."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints.choices import ANSWERED_STATUSES, OPEN_STATUSES, ComplaintStatus, ExplanationForm
from complaints.models import Complaint, ComplaintKind
from stats.period import Period, Scope

from .base import ChartKind, Indicator, Metric, Row, Unit, register, share

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


def _by_kind(qs: QuerySet[Complaint], aggregates: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """The aggregates per kind (one GROUP BY query) and their sums (added up from the few groups)."""
    per_kind = {r["kind"]: r for r in qs.values("kind").annotate(**aggregates).order_by()}
    total = {name: sum(r[name] for r in per_kind.values()) for name in aggregates}
    return per_kind, total


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
        Metric("received", _("Received")),
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
        qs = Complaint.objects.filter(scope.q("office"), period.q("received_at"))
        per_kind, total = _by_kind(qs, aggregates)
        zero = dict.fromkeys(aggregates, 0)
        rows = [
            Row(code, title, {m.code: per_kind.get(code, zero)[m.code] for m in self.metrics})
            for code, title in _kinds()
        ]
        rows.append(Row("total", _("All kinds"), {m.code: total[m.code] for m in self.metrics}, is_total=True))
        return rows


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
        aggregates = {
            "answered": Count("pk"),
            "in_time": Count("pk", filter=Q(answered_at__lte=F("due_at"))),
        }
        qs = Complaint.objects.filter(scope.q("office"), period.q("answered_at"), status__in=ANSWERED_STATUSES)
        per_kind, total = _by_kind(qs, aggregates)

        def values(agg: dict[str, int]) -> dict[str, int | float | None]:
            answered, in_time = agg["answered"], agg["in_time"]
            return {
                "answered": answered,
                "in_time": in_time,
                "late": answered - in_time,
                "in_time_share": share(in_time, answered),
            }

        zero = {"answered": 0, "in_time": 0}
        rows = [Row(code, title, values(per_kind.get(code, zero))) for code, title in _kinds()]
        rows.append(Row("total", _("All kinds"), values(total), is_total=True))
        return rows


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
    metrics = (Metric("received", _("Received")),)

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        per_day = dict(
            Complaint.objects.filter(scope.q("office"), period.q("received_at"))
            .annotate(day=TruncDate("received_at", tzinfo=timezone.get_default_timezone()))
            .values("day")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("day", "n")
        )
        width = bucket_days(period)
        rows = []
        for offset in range(0, period.days, width):
            start = period.date_from + timedelta(days=offset)
            days = [start + timedelta(days=d) for d in range(min(width, period.days - offset))]
            rows.append(Row(f"d{offset}", start.isoformat(), {"received": sum(per_day.get(d, 0) for d in days)}))
        rows.append(Row("total", _("Total"), {"received": sum(per_day.values())}, is_total=True))
        return rows


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
        agg = Complaint.objects.filter(
            scope.q("office"), period.q("answered_at"), status=ComplaintStatus.REFUSED
        ).aggregate(
            total=Count("pk"),
            explained=Count("pk", filter=Q(explanation__isnull=False)),
            in_term=Count("pk", filter=Q(explanation__held_at__lte=F("explanation_due_at"))),
            **{f"f_{f}": Count("pk", filter=Q(explanation__form=f)) for f in ExplanationForm.values},
        )
        total = agg["total"]
        rows = [
            Row(
                form.value,
                form.label,
                {"refusals": agg[f"f_{form.value}"], "share": share(agg[f"f_{form.value}"], total)},
            )
            for form in ExplanationForm
        ]
        missing = total - agg["explained"]
        rows += [
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
        return rows
