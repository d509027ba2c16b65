"""Indicators of the prosecutor's filter: decisions by kind and outcome, time to decide, and the people
exempted from criminal prosecution because the prosecutor refused to agree with a suspect recognition."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Count, F, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from approvals.choices import DECIDED_STATUSES, DecisionKind, DecisionStatus
from approvals.kinds import KINDS
from approvals.models import ProceduralDecision
from stats.aggregates import Median, SecondsBetween
from stats.period import CURRENT, PREVIOUS, Period, Scope

from .base import ChartKind, Indicator, Metric, Row, Unit, hours, paired, register, share

# Kinds that pass through the prosecutor's filter (a prosecutor-issued kind has no one to decide on it).
FILTER_KINDS = tuple(str(kind) for kind, spec in KINDS.items() if spec.needs_approval)
# Outcomes that mean "the prosecutor approved" (a court step may follow).
APPROVED_OUTCOMES = (
    DecisionStatus.APPROVED,
    DecisionStatus.COURT_PENDING,
    DecisionStatus.SANCTIONED,
    DecisionStatus.DENIED,
)


def decided_in(scope: Scope, period: Period) -> QuerySet[ProceduralDecision]:
    """Decisions submitted to the prosecutor whose latest act (approve, reject, return) fell in the period
    or in the previous one (group by ``period.which("decided_at")`` to tell them apart)."""
    return ProceduralDecision.objects.filter(
        scope.q("case__supervising_office"),
        period.with_previous_q("decided_at"),
        status__in=DECIDED_STATUSES,
        kind__in=FILTER_KINDS,
        submitted_at__isnull=False,
        due_at__isnull=False,
    )


def _outcome_aggregates(prefix: str, of: Q) -> dict[str, Any]:
    """The outcome counts and the median of the decisions matching `of`, named `<prefix><measure>`."""
    return {
        f"{prefix}decided": Count("pk", filter=of),
        f"{prefix}approved": Count("pk", filter=of & Q(status__in=APPROVED_OUTCOMES)),
        f"{prefix}rejected": Count("pk", filter=of & Q(status=DecisionStatus.REJECTED)),
        f"{prefix}returned": Count("pk", filter=of & Q(status=DecisionStatus.RETURNED)),
        f"{prefix}in_term": Count("pk", filter=of & Q(decided_at__lte=F("due_at"))),
        f"{prefix}median": Median(SecondsBetween("submitted_at", "decided_at"), filter=of),
    }


NOTHING_DECIDED = {"decided": 0, "approved": 0, "rejected": 0, "returned": 0, "in_term": 0, "median": None}


def _values(agg: dict[str, Any]) -> dict[str, int | float | None]:
    decided = agg["decided"]
    return {
        "decided": decided,
        "approved": agg["approved"],
        "rejected": agg["rejected"],
        "returned": agg["returned"],
        "rejected_share": share(agg["rejected"], decided),
        "in_term_share": share(agg["in_term"], decided),
        "median_hours": hours(agg["median"]),
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
        # Both periods at once: the figures by kind, then the overall median (it cannot be put together
        # from the kinds' medians; the overall counts are the sums of the kinds').
        qs = decided_in(scope, period)
        which = period.which("decided_at")
        aggregates = _outcome_aggregates("", Q())
        per_kind = {
            (r["which"], r["kind"]): r for r in qs.values("kind", which=which).annotate(**aggregates).order_by()
        }
        medians = dict(
            qs.values(which=which)
            .annotate(median=Median(SecondsBetween("submitted_at", "decided_at")))
            .order_by()
            .values_list("which", "median")
        )

        def rows(which: str) -> list[Row]:
            groups = [per_kind.get((which, k), NOTHING_DECIDED) for k in FILTER_KINDS]
            overall = {name: sum(g[name] for g in groups) for name in NOTHING_DECIDED if name != "median"}
            overall["median"] = medians.get(which)
            return [
                *(Row(k, DecisionKind(k).label, _values(g)) for k, g in zip(FILTER_KINDS, groups, strict=True)),
                Row("total", _("All kinds"), _values(overall), is_total=True),
            ]

        return paired(rows(CURRENT), rows(PREVIOUS))


def _person_identity() -> Concat:
    """Who a suspect-recognition decision is about, within its case: the IIN wherever it is known (typed
    in, or of the person chosen or recorded on approval), else the name (typed in, or the person's), else
    the person row. Never NULL, so it can be compared with NOT IN."""
    return Concat(
        Cast("case_id", CharField()),
        Value(":"),
        Coalesce(
            NullIf("person_iin", Value("")),
            NullIf("person__iin", Value("")),
            NullIf("person_full_name", Value("")),
            NullIf("person__full_name", Value("")),
            Cast("person_id", CharField()),
            Value("?"),
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
    metrics = (
        Metric("count", pgettext_lazy("count", "Number")),
        Metric("share", _("Share of recognitions decided"), Unit.PERCENT),
    )
    chart_metric = "count"

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        recognitions = decided_in(scope, period).filter(kind=DecisionKind.SUSPECT_RECOGNITION)
        which = period.which("decided_at")
        per_period = {
            r["which"]: r
            for r in recognitions.values(which=which)
            .annotate(
                decided=Count("pk", filter=Q(status__in=(DecisionStatus.APPROVED, DecisionStatus.REJECTED))),
                approved=Count("pk", filter=Q(status=DecisionStatus.APPROVED)),
                rejected=Count("pk", filter=Q(status=DecisionStatus.REJECTED)),
            )
            .order_by()
        }
        # The people: rejected recognitions as (case, person) identities, less those recognised as a suspect
        # in the same case by an approved decision (a hashed NOT IN over the few cases concerned).
        rejected = recognitions.filter(status=DecisionStatus.REJECTED)
        recognised = (
            ProceduralDecision.objects.filter(
                kind=DecisionKind.SUSPECT_RECOGNITION,
                status=DecisionStatus.APPROVED,
                case_id__in=rejected.values("case_id"),
            )
            .annotate(identity=_person_identity())
            .values("identity")
            .order_by()
        )
        people = dict(
            rejected.annotate(identity=_person_identity())
            .exclude(identity__in=Subquery(recognised))
            .values(which=which)
            .annotate(n=Count("identity", distinct=True))
            .order_by()
            .values_list("which", "n")
        )
        for key, agg in per_period.items():
            agg["people"] = people.get(key, 0)
        return paired(self._rows(per_period.get(CURRENT)), self._rows(per_period.get(PREVIOUS)))

    @staticmethod
    def _rows(agg: dict[str, Any] | None) -> list[Row]:
        agg = agg or {"decided": 0, "approved": 0, "rejected": 0, "people": 0}
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
