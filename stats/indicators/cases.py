"""Indicators of the case register: registrations by category, terminations and rehabilitating grounds."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ecase.choices import CaseCategory, CaseStatus
from ecase.models import Case
from stats.period import CURRENT, PREVIOUS, Period, Scope

from .base import Indicator, Metric, Row, Unit, paired, register, share


@register
class CasesRegistered(Indicator):
    code = "cases_registered"
    order = 10
    title = _("Cases registered, by category")
    definition = _(
        "Criminal cases entered in the register during the period (by registration time, Asia/Almaty), "
        "by the category of the offence, counting the cases supervised by the offices in scope."
    )
    metrics = (Metric("cases", _("Cases")),)

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        counts = {
            (r["which"], r["category"]): r["n"]
            for r in Case.objects.filter(scope.q("supervising_office"), period.with_previous_q("registered_at"))
            .values("category", which=period.which("registered_at"))
            .annotate(n=Count("pk"))
            .order_by()
        }

        def rows(which: str) -> list[Row]:
            by_category = [Row(c.value, c.label, {"cases": counts.get((which, c.value), 0)}) for c in CaseCategory]
            total = sum(int(r.values["cases"] or 0) for r in by_category)
            return [*by_category, Row("total", _("All categories"), {"cases": total}, is_total=True)]

        return paired(rows(CURRENT), rows(PREVIOUS))


@register
class CasesTerminated(Indicator):
    code = "cases_terminated"
    order = 20
    title = _("Cases terminated, and the share on rehabilitating grounds")
    definition = _(
        "Cases whose termination took effect during the period and which are still terminated now (a "
        "termination the prosecutor later cancelled is not counted). A ground is rehabilitating when its "
        "flag in the table of termination grounds said so when the termination was approved (CPC Art. 35 "
        "p.1 items 1, 2, 5-8 by default); a later edit of the table changes no past termination; "
        "the share is the rehabilitating terminations as a percentage of all terminations. A high share "
        "means citizens were drawn into criminal proceedings without reason."
    )
    metrics = (Metric("cases", _("Cases")), Metric("share", _("Share of terminations"), Unit.PERCENT))

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        counts = {
            r["which"]: r
            for r in Case.objects.filter(
                scope.q("supervising_office"),
                period.with_previous_q("status_changed_at"),
                status=CaseStatus.TERMINATED,
            )
            .values(which=period.which("status_changed_at"))
            .annotate(
                total=Count("pk"),
                rehabilitating=Count("pk", filter=Q(termination_rehabilitating=True)),
            )
            .order_by()
        }

        def rows(which: str) -> list[Row]:
            agg = counts.get(which, {"total": 0, "rehabilitating": 0})
            total, rehab = agg["total"], agg["rehabilitating"]
            return [
                Row("rehabilitating", _("On rehabilitating grounds"), {"cases": rehab, "share": share(rehab, total)}),
                Row("other", _("On other grounds"), {"cases": total - rehab, "share": share(total - rehab, total)}),
                Row("total", _("All terminations"), {"cases": total, "share": share(total, total)}, is_total=True),
            ]

        return paired(rows(CURRENT), rows(PREVIOUS))
