"""Items past their deadline right now (a snapshot: it ignores the period)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecase.choices import CaseStatus
from ecase.models import Case
from stats.period import Period, Scope

from .base import Indicator, Metric, Row, register


@register
class OverdueNow(Indicator):
    code = "overdue_now"
    order = 60
    compares = False
    title = _("Overdue items now")
    definition = _(
        "Items whose deadline has passed and which are still open at the moment the page is computed "
        "(regardless of the period): cases under investigation past their investigation term."
    )
    metrics = (Metric("items", _("Overdue items")),)

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        now = timezone.now()
        cases = Case.objects.filter(scope.q("supervising_office")).aggregate(
            n=Count("pk", filter=Q(status=CaseStatus.INVESTIGATING, term_expires_at__lt=now))
        )
        return [Row("investigation_terms", _("Investigation terms expired"), {"items": cases["n"]})]
