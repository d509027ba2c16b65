"""Items past their deadline right now (a snapshot: it ignores the period)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionStatus
from approvals.models import ProceduralDecision
from complaints.choices import OPEN_STATUSES, ComplaintStatus
from complaints.models import Complaint
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
        "Items whose deadline has passed and which are still open at the moment the figures are computed, "
        "whatever the period: decisions awaiting the prosecutor past the kind's term; petitions awaiting "
        "the court's sanction past the court's term; complaints not answered by the deadline in force; "
        "refusals whose personal explanation is past its term; cases under investigation past their "
        "investigation term."
    )
    metrics = (Metric("items", _("Overdue items")),)

    def rows(self, scope: Scope, period: Period) -> list[Row]:
        now = timezone.now()
        # Each table is read once, through its (status, deadline) index: the WHERE picks the overdue rows,
        # the conditional counts split them.
        waiting_prosecutor = Q(status=DecisionStatus.PENDING, due_at__lt=now)
        waiting_court = Q(status=DecisionStatus.COURT_PENDING, court_due_at__lt=now)
        decisions = ProceduralDecision.objects.filter(
            waiting_prosecutor | waiting_court, scope.q("case__supervising_office")
        ).aggregate(prosecutor=Count("pk", filter=waiting_prosecutor), court=Count("pk", filter=waiting_court))
        unanswered = Q(status__in=OPEN_STATUSES, due_at__lt=now)
        unexplained = Q(status=ComplaintStatus.REFUSAL_PENDING_EXPLANATION, explanation_due_at__lt=now)
        complaints = Complaint.objects.filter(unanswered | unexplained, scope.q("office")).aggregate(
            answer=Count("pk", filter=unanswered), explanation=Count("pk", filter=unexplained)
        )
        cases = Case.objects.filter(
            scope.q("supervising_office"), status=CaseStatus.INVESTIGATING, term_expires_at__lt=now
        ).aggregate(term=Count("pk"))
        rows = [
            Row("decisions", _("Decisions awaiting the prosecutor"), {"items": decisions["prosecutor"]}),
            Row("court_sanctions", _("Petitions awaiting the court"), {"items": decisions["court"]}),
            Row("complaints", _("Complaints awaiting an answer"), {"items": complaints["answer"]}),
            Row("explanations", _("Personal explanations of refusals"), {"items": complaints["explanation"]}),
            Row("investigation_terms", _("Investigation terms expired"), {"items": cases["term"]}),
        ]
        total = sum(int(r.values["items"] or 0) for r in rows)
        rows.append(Row("total", _("All overdue items"), {"items": total}, is_total=True))
        return rows
