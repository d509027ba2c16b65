"""The complaints' clocks, registered with ecase's deadline registry (ComplaintsConfig.ready())."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecase.deadlines import DeadlineSource, register
from ecase.models import User
from ecase.services.config import register_config
from ecase.terms import recalculation
from ecase.terms.engine import EndMemo

from .choices import ComplaintStatus
from .models import Complaint, ComplaintKind
from .selectors import senior_prosecutors_of


def _review_responsible(complaint: Complaint) -> list[User]:
    # A registered complaint's executor; an unregistered one is the office seniors' to route.
    if complaint.executor is not None:
        return [complaint.executor]
    return list(senior_prosecutors_of(office=complaint.office))


def _explanation_responsible(complaint: Complaint) -> list[User]:
    return list(senior_prosecutors_of(office=complaint.office))


def _describe(complaint: Complaint) -> str:
    return _("Complaint %(number)s (%(kind)s)") % {
        "number": complaint.tracking_number,
        "kind": complaint.kind.display_title,
    }


def _url(complaint: Complaint) -> str:
    return reverse("complaints:detail", args=[complaint.pk])


def register_deadline_sources() -> None:
    register(
        DeadlineSource(
            key="complaints.review",
            label=_("Complaint awaiting an answer"),
            open_items=lambda: Complaint.objects.filter(
                status__in=[ComplaintStatus.SUBMITTED, ComplaintStatus.IN_REVIEW]
            ),
            deadline_field="due_at",
            responsible=_review_responsible,
            escalation_office=lambda c: c.office,
            describe=_describe,
            url=_url,
            select_related=("kind", "office", "executor"),
        )
    )
    register(
        DeadlineSource(
            key="complaints.explanation",
            label=_("Refusal awaiting the personal explanation"),
            open_items=lambda: Complaint.objects.filter(status=ComplaintStatus.REFUSAL_PENDING_EXPLANATION),
            deadline_field="explanation_due_at",
            responsible=_explanation_responsible,
            escalation_office=lambda c: c.office.parent or c.office,
            describe=_describe,
            url=_url,
            select_related=("kind", "office__parent"),
        )
    )


def _review_due_at(complaint: Complaint, memo: EndMemo) -> datetime | None:
    """The answer term of the complaint's kind in force, from receipt (ecase.terms recalculation)."""
    if complaint.kind is None:
        return None
    kind = complaint.kind
    term = memo.cached(("complaint", kind.pk), kind.answer_term)
    end: datetime = memo.end(term, complaint.received_at)
    return end


def register_term_dependents() -> None:
    """Open complaints' answer terms follow edits of the calendar and of their kind (not an extended term:
    its date was chosen by the senior prosecutor); the kinds table is an audited configuration table."""
    recalculation.register(
        recalculation.Recomputable(
            source="complaints.review",
            recompute=_review_due_at,
            narrow=lambda complaints: complaints.filter(extended_until__isnull=True, kind__isnull=False),
        )
    )
    register_config(ComplaintKind, recalculates=True)
