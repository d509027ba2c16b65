"""Indicators of the prosecutor's filter: decisions by kind and outcome, time to decide, and the people
exempted from criminal prosecution because the prosecutor refused to agree with a suspect recognition."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.utils.translation import gettext_lazy as _

from approvals.choices import DECIDED_STATUSES, DecisionKind, DecisionStatus
from approvals.kinds import KINDS
from approvals.models import ProceduralDecision
from stats.aggregates import Median, SecondsBetween
from stats.period import Period, Scope

from .base import ChartKind, Indicator, Metric, Row, Unit, hours, register, share

# Kinds that pass through the prosecutor's filter (a prosecutor-issued kind has no one to decide on it).
FILTER_KINDS = tuple(kind for kind, spec in KINDS.items() if spec.needs_approval)
# Outcomes that mean "the prosecutor approved" (a court step may follow).
APPROVED_OUTCOMES = (
    DecisionStatus.APPROVED,
    DecisionStatus.COURT_PENDING,
    DecisionStatus.SANCTIONED,
    DecisionStatus.DENIED,
)


def decided_in(scope: Scope, period: Period) -> QuerySet[ProceduralDecision]:
    """Decisions submitted to the prosecutor whose latest act (approve, reject, return) fell in the period."""
    return ProceduralDecision.objects.filter(
        scope.q("case__supervising_office"),
        period.q("decided_at"),
        status__in=DECIDED_STATUSES,
        kind__in=FILTER_KINDS,
        submitted_at__isnull=False,
        due_at__isnull=False,
    )


def _outcome_aggregates() -> dict[str, Any]:
    return {
        "decided": Count("pk"),
        "approved": Count("pk", filter=Q(status__in=APPROVED_OUTCOMES)),
        "rejected": Count("pk", filter=Q(status=DecisionStatus.REJECTED)),
        "returned": Count("pk", filter=Q(status=DecisionStatus.RETURNED)),
        "in_term": Count("pk", filter=Q(decided_at__lte=F("due_at"))),
        "median_seconds": Median(SecondsBetween("submitted_at", "decided_at")),
    }


def _values(agg: dict[str, Any]) -> dict[str, int | float | None]:
    decided = agg["decided"]
    return {
        "decided": decided,
        "approved": agg["approved"],
        "rejected": agg["rejected"],
        "returned": agg["returned"],
        "rejected_share": share(agg["rejected"], decided),
        "in_term_share": share(agg["in_term"], decided),
        "median_hours": hours(agg["median_seconds"]),
    }


@register
class DecisionsByKind(Indicator):
    code = "decisions_by_kind"
    order = 40
    title = _("Decisions by kind and outcome; time to decide")
    definition = _(
        "Procedural decisions submitted to the prosecutor whose latest act — approval (agreement), rejection "
        "or return for revision — fell in the period, by kind and by that outcome. A decision returned, "
        "revised and resubmitted counts once, with its latest outcome. Rejected share: rejections as a "
        "percentage of decisions decided. In term: decided no later than the prosecutor's deadline "
        "(submission + the kind's term; the clock restarts on resubmission). Median time: the median "
        "hours from the latest submission to the act."
    )
    metrics = (
        Metric("decided", _("Decided")),
        Metric("approved", _("Approved")),
        Metric("rejected", _("Rejected")),
        Metric("returned", _("Returned")),
        Metric("rejected_share", _("Rejected share"), Unit.PERCENT),
        Metric("in_term_share", _("Decided in term"), Unit.PERCENT),
        Metric("median_hours", _("Median time to decide"), Unit.HOURS),
    )
    chart = ChartKind.STACKED
    chart_stack = ("approved", "rejected", "returned")
    compared_on_page = ("decided", "in_term_share")

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        qs = decided_in(scope, period)
        per_kind = {r["kind"]: r for r in qs.values("kind").annotate(**_outcome_aggregates()).order_by()}
        total = qs.aggregate(**_outcome_aggregates())
        empty = {"decided": 0, "approved": 0, "rejected": 0, "returned": 0, "in_term": 0, "median_seconds": None}
        rows = [Row(k, DecisionKind(k).label, _values(per_kind.get(k, empty))) for k in FILTER_KINDS]
        rows.append(Row("total", _("All kinds"), _values(total), is_total=True))
        return rows


def _person_identity() -> Concat:
    """Who a suspect-recognition decision is about, within its case: the IIN wherever it was given (typed
    in, or of the person or participant chosen), else the person row, else the name typed in."""
    return Concat(
        Cast("case_id", CharField()),
        Value(":"),
        Coalesce(
            NullIf("person_iin", Value("")),
            NullIf("person__iin", Value("")),
            NullIf("participant__person__iin", Value("")),
            Cast(Coalesce("person_id", "participant__person_id"), CharField()),
            "person_full_name",
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


@register
class FilterExemptions(Indicator):
    code = "filter_exemptions"
    order = 30
    title = _("People exempted from criminal prosecution by the prosecutor's filter")
    definition = _(
        "Suspect recognitions the prosecutor decided during the period, and those the prosecutor refused to "
        "agree with (rejected). People exempted: the distinct persons whose recognition as a suspect was "
        "rejected in the period, counted once per case, leaving out anyone recognised as a suspect in the "
        "same case by an approved decision (before or after). Rejected share: rejections as a percentage "
        "of recognitions approved or rejected."
    )
    metrics = (Metric("count", _("Number")), Metric("share", _("Share of recognitions decided"), Unit.PERCENT))
    chart_metric = "count"

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        recognised = (
            ProceduralDecision.objects.filter(
                kind=DecisionKind.SUSPECT_RECOGNITION, status=DecisionStatus.APPROVED, case_id=OuterRef("case_id")
            )
            .annotate(identity=_person_identity())
            .filter(identity=OuterRef("identity"))
        )
        agg = (
            decided_in(scope, period)
            .filter(kind=DecisionKind.SUSPECT_RECOGNITION)
            .annotate(identity=_person_identity(), recognised=Exists(recognised))
            .aggregate(
                decided=Count("pk", filter=Q(status__in=(DecisionStatus.APPROVED, DecisionStatus.REJECTED))),
                approved=Count("pk", filter=Q(status=DecisionStatus.APPROVED)),
                rejected=Count("pk", filter=Q(status=DecisionStatus.REJECTED)),
                people=Count("identity", distinct=True, filter=Q(status=DecisionStatus.REJECTED, recognised=False)),
            )
        )
        decided = agg["decided"]
        return [
            Row("people", _("People exempted from prosecution"), {"count": agg["people"], "share": None}),
            Row(
                "rejected",
                _("Suspect recognitions rejected"),
                {"count": agg["rejected"], "share": share(agg["rejected"], decided)},
            ),
            Row(
                "approved",
                _("Suspect recognitions approved"),
                {"count": agg["approved"], "share": share(agg["approved"], decided)},
            ),
            Row(
                "decided",
                _("Suspect recognitions approved or rejected"),
                {"count": decided, "share": share(decided, decided)},
                is_total=True,
            ),
        ]
