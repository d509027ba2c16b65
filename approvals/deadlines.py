"""The clocks of procedural decisions, plugged into ecase's deadline mechanism (ecase.deadlines):

- a decision awaiting the prosecutor (due_at: the kind's term from submission) — the supervising
  office's prosecutors are responsible; overdue ones escalate to that office's senior prosecutor;
- an urgent rights-restricting action awaiting review (its notice's due_at), the same people, with a
  shorter lead time: nothing restricting rights may stay outside supervision;
- a petition awaiting the court (court_due_at: for a preventive measure the 48 h a person may be held
  without a court order) — the judges of the courts whose region covers the case;
- a suspect who must be told of the recognition within 24 h of the decision (CPC 206 p.1) — the author;
- a sanctioned preventive measure reaching its end date — the author, who must ask for an extension.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecase import deadlines
from ecase.choices import OrganisationKind, Role
from ecase.models import Organisation, User
from ecase.services.config import register_config
from ecase.terms import recalculation
from ecase.terms.engine import EndMemo
from ecase.terms.selectors import term_rule

from .choices import DecisionKind, DecisionStatus
from .kinds import OPEN_CASE, kind_spec
from .models import DecisionKindTerm, ProceduralDecision
from .selectors import kind_terms

PENDING_SOURCE = "approvals.pending"
URGENT_SOURCE = "approvals.urgent_action"
COURT_SOURCE = "approvals.court_pending"
SUSPECT_NOTICE_SOURCE = "approvals.suspect_notice"
MEASURE_SOURCE = "approvals.measure_expiry"

_RELATED = ("case", "case__supervising_office", "author")


def supervising_prosecutors(decision: ProceduralDecision) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=decision.case.supervising_office_id,
            role__in=[Role.PROSECUTOR, Role.SENIOR_PROSECUTOR],
            is_active=True,
        ).order_by("id")
    )


def region_judges(decision: ProceduralDecision) -> list[User]:
    """Judges of every court hanging from an office on the path of the case's supervising office."""
    path = decision.case.supervising_office.path
    parts = [p for p in path.split("/") if p]
    ancestors = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    return list(
        User.objects.filter(
            role=Role.JUDGE,
            is_active=True,
            organisation__kind=OrganisationKind.COURT,
            organisation__parent__path__in=ancestors,
        ).order_by("id")
    )


def _office(decision: ProceduralDecision) -> Organisation:
    return decision.case.supervising_office


def _url(decision: ProceduralDecision) -> str:
    return reverse("approvals:detail", args=[decision.pk])


def _describe(decision: ProceduralDecision) -> str:
    return gettext("%(kind)s in case %(number)s") % {
        "kind": decision.get_kind_display(),
        "number": decision.case.number,
    }


def _pending() -> QuerySet[ProceduralDecision]:
    return ProceduralDecision.objects.filter(status=DecisionStatus.PENDING).exclude(
        kind=DecisionKind.URGENT_ACTION_NOTICE
    )


def _urgent() -> QuerySet[ProceduralDecision]:
    return ProceduralDecision.objects.filter(status=DecisionStatus.PENDING, kind=DecisionKind.URGENT_ACTION_NOTICE)


def _court_pending() -> QuerySet[ProceduralDecision]:
    return ProceduralDecision.objects.filter(status=DecisionStatus.COURT_PENDING)


def _suspects_to_tell() -> QuerySet[ProceduralDecision]:
    return ProceduralDecision.objects.filter(
        status=DecisionStatus.APPROVED,
        kind=DecisionKind.SUSPECT_RECOGNITION,
        suspect_notified_at__isnull=True,
        suspect_notice_due_at__isnull=False,
    )


def _measures_running() -> QuerySet[ProceduralDecision]:
    return ProceduralDecision.objects.filter(
        status=DecisionStatus.SANCTIONED, measure_expires_at__isnull=False, case__status__in=OPEN_CASE
    )


def register_deadline_sources() -> None:
    common = {
        "escalation_office": _office,
        "describe": _describe,
        "url": _url,
        "select_related": _RELATED,
    }
    deadlines.register(
        deadlines.DeadlineSource(
            key=PENDING_SOURCE,
            label=_("Decision awaiting the prosecutor"),
            open_items=_pending,
            deadline_field="due_at",  # index decision_status_due
            responsible=supervising_prosecutors,
            due_soon=deadlines.Period.hours(6),
            **common,  # type: ignore[arg-type]
        )
    )
    deadlines.register(
        deadlines.DeadlineSource(
            key=URGENT_SOURCE,
            label=_("Urgent rights-restricting action awaiting review"),
            open_items=_urgent,
            deadline_field="due_at",
            responsible=supervising_prosecutors,
            due_soon=deadlines.Period.hours(12),
            escalate_after=deadlines.Period.hours(0),
            **common,  # type: ignore[arg-type]
        )
    )
    deadlines.register(
        deadlines.DeadlineSource(
            key=COURT_SOURCE,
            label=_("Petition awaiting the court"),
            open_items=_court_pending,
            deadline_field="court_due_at",  # index decision_status_court_due
            responsible=region_judges,
            due_soon=deadlines.Period.hours(12),
            **common,  # type: ignore[arg-type]
        )
    )
    deadlines.register(
        deadlines.DeadlineSource(
            key=SUSPECT_NOTICE_SOURCE,
            label=_("Suspect to be told of the recognition"),
            open_items=_suspects_to_tell,
            deadline_field="suspect_notice_due_at",  # index decision_suspect_notice
            responsible=lambda d: [d.author],
            due_soon=deadlines.Period.hours(6),
            **common,  # type: ignore[arg-type]
        )
    )
    deadlines.register(
        deadlines.DeadlineSource(
            key=MEASURE_SOURCE,
            label=_("Preventive measure reaching its end date"),
            open_items=_measures_running,
            deadline_field="measure_expires_at",  # index decision_measure_expiry
            responsible=lambda d: [d.author],
            due_soon=deadlines.Period.working_days(5),
            **common,  # type: ignore[arg-type]
        )
    )


def _due_at(decision: ProceduralDecision, memo: EndMemo) -> datetime | None:
    """The prosecutor's deadline by the kind's term in force, from submission (ecase.terms recalculation)."""
    if decision.submitted_at is None:
        return None
    term = memo.cached(("decision", decision.kind), lambda: kind_terms(decision.kind).term)
    end: datetime = memo.end(term, decision.submitted_at)
    return end


def _court_due_at(decision: ProceduralDecision, memo: EndMemo) -> datetime | None:
    """The court's deadline, from detention (or from the prosecutor's approval, when it was filed)."""
    start = decision.detained_at or decision.decided_at
    if start is None:
        return None
    terms = memo.cached(("decision", "court", decision.kind), lambda: kind_terms(decision.kind))
    end: datetime = memo.end(terms.court_term or terms.term, start)
    return end


def _suspect_notice_due_at(decision: ProceduralDecision, memo: EndMemo) -> datetime | None:
    """The suspect must be told within the ecase TermRule "suspect_notice" (24 h) of the agreement."""
    rule = kind_spec(decision.kind).follow_up_rule
    if not rule or decision.decided_at is None:
        return None
    end: datetime = memo.end(memo.cached(("rule", rule), lambda: term_rule(rule)), decision.decided_at)
    return end


def register_term_dependents() -> None:
    """Open decisions' deadlines follow edits of the calendar, of the kinds' terms and of the ecase term
    rules; the terms table is an audited configuration table."""
    for source in (PENDING_SOURCE, URGENT_SOURCE):
        recalculation.register(recalculation.Recomputable(source=source, recompute=_due_at))
    recalculation.register(recalculation.Recomputable(source=COURT_SOURCE, recompute=_court_due_at))
    recalculation.register(recalculation.Recomputable(source=SUSPECT_NOTICE_SOURCE, recompute=_suspect_notice_due_at))
    register_config(DecisionKindTerm, recalculates=True)
