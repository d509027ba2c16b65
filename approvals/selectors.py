"""Reads of procedural decisions. Every list and detail starts from decision_list_visible_to."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from ecase.choices import Role
from ecase.models import AuditEvent, Case, User
from ecase.terms.rules import Rule
from ecase.terms.term import Term
from ecase.visibility import office_scope_q, sees_case_contents

from . import permissions
from .choices import DecisionAction, DecisionKind, DecisionStatus
from .kinds import KINDS, kind_spec
from .models import DecisionDocument, DecisionKindTerm, DecisionSignature, ProceduralDecision

DECISION_OBJECT_TYPE = ProceduralDecision._meta.label_lower

_CORE = (
    "case",
    "case__investigation_body",
    "case__supervising_office",
    "case__investigator",
    "author",
    "decided_by",
    "termination_ground",
    "signature",
)
# A list joins only what every row shows: the case with its body and office, the author (and the person
# concerned, whom the court queue shows). The relations
# set on some decisions only are prefetched: one query per relation for the page when a row has one, none
# when no row has (an inbox of pending decisions has no decider, court or ground yet). Joining all 16 tables
# made PostgreSQL spend ~40 ms planning each page for 4 ms of execution (issue 14).
_LIST_JOINS = ("case", "case__investigation_body", "case__supervising_office", "author", "person")
# The API shows participant, action and suspect participant as ids only, and no list page shows them: not
# loaded at all (a page that starts showing one must add it here).
_LIST_PREFETCH = (
    "decided_by",
    "termination_ground",
    "suspension_ground",
    "main_case",
    "court",
    "court_decided_by",
)
_ATTACHMENTS = Prefetch("attachments", queryset=DecisionDocument.objects.select_related("document").order_by("id"))


def _visible(user: User) -> QuerySet[ProceduralDecision]:
    return ProceduralDecision.objects.filter(decision_scope_q(user))


def decision_scope_q(user: User) -> Q:
    """Decisions of the cases the user may see (office subtree, own investigation body). A judge: only those
    filed with the courts of his region and still awaiting a court, or ruled on by his court; never a draft.
    The auditor: none (least privilege, see README)."""
    if not sees_case_contents(user):
        return Q(pk__in=[])
    if user.is_authenticated and not user.is_superuser and user.role == Role.JUDGE:
        court_id = user.organisation_id
        return (
            office_scope_q(user, office_field="case__supervising_office")
            & Q(sent_to_court_at__isnull=False)
            & (Q(status=DecisionStatus.COURT_PENDING) | Q(court_id=court_id))
        )
    return office_scope_q(user, office_field="case__supervising_office", body_field="case__investigation_body")


def judge_case_scope_q(user: User) -> Q:
    """For ecase's case visibility: the cases of the decisions a judge may see."""
    return Q(pk__in=ProceduralDecision.objects.filter(decision_scope_q(user)).values("case_id"))


def decision_list_visible_to(*, user: User) -> QuerySet[ProceduralDecision]:
    """Decisions the user may see (decision_scope_q), loaded for a list: a constant number of queries per
    page. `has_signature` answers "signed" without joining the signature."""
    return (
        _visible(user)
        .select_related(*_LIST_JOINS)
        .prefetch_related(*_LIST_PREFETCH, _ATTACHMENTS)
        .annotate(has_signature=Exists(DecisionSignature.objects.filter(decision=OuterRef("pk"))))
    )


def decision_get_visible(*, user: User, decision_id: int) -> ProceduralDecision:
    """The decision, or ProceduralDecision.DoesNotExist (a 404) if the user may not see it."""
    return _visible(user).select_related(*_CORE).prefetch_related(_ATTACHMENTS).get(pk=decision_id)


def inbox_for(*, user: User) -> QuerySet[ProceduralDecision]:
    """The prosecutor's inbox: pending decisions of the supervised bodies, the nearest deadline first."""
    return decision_list_visible_to(user=user).filter(status=DecisionStatus.PENDING).order_by("due_at", "id")


def inbox_count(user: User) -> int:
    """The badge in the navigation: one indexed count."""
    return (
        ProceduralDecision.objects.filter(
            office_scope_q(user, office_field="case__supervising_office", body_field="case__investigation_body"),
            status=DecisionStatus.PENDING,
        )
        .order_by()
        .count()
    )


def my_decisions(*, user: User) -> QuerySet[ProceduralDecision]:
    """Decisions the user wrote: returned ones first (they wait for the author), then the newest."""
    return decision_list_visible_to(user=user).filter(author=user).order_by("-updated_at", "-id")


def returned_count(user: User) -> int:
    return ProceduralDecision.objects.filter(author=user, status=DecisionStatus.RETURNED).count()


def court_queue_for(*, user: User) -> QuerySet[ProceduralDecision]:
    """Decisions awaiting a court's ruling in the judge's region, the nearest deadline first."""
    return (
        decision_list_visible_to(user=user).filter(status=DecisionStatus.COURT_PENDING).order_by("court_due_at", "id")
    )


def court_queue_count(user: User) -> int:
    return (
        ProceduralDecision.objects.filter(decision_scope_q(user), status=DecisionStatus.COURT_PENDING)
        .order_by()
        .count()
    )


def case_decisions(*, user: User, case: Case) -> QuerySet[ProceduralDecision]:
    return decision_list_visible_to(user=user).filter(case=case).order_by("-created_at", "-id")


def decision_history(*, decision: ProceduralDecision) -> QuerySet[AuditEvent]:
    """The decision's own audit events, in the order they occurred (index audit_object)."""
    return (
        AuditEvent.objects.filter(object_type=DECISION_OBJECT_TYPE, object_id=str(decision.pk))
        .select_related("actor")
        .order_by("occurred_at", "seq")
    )


@dataclass(frozen=True)
class KindTerms:
    term: Term
    court_term: Term | None


def _terms(kind: str, row: DecisionKindTerm | None) -> KindTerms:
    spec = kind_spec(kind)
    if row is None:
        return KindTerms(spec.default_term, spec.default_court_term)
    return KindTerms(row.term(), row.court_term() or spec.default_court_term)


def kind_terms(kind: str) -> KindTerms:
    """The prosecutor's and the court's terms of a kind: the admin-edited row, else the table's default."""
    return _terms(kind, DecisionKindTerm.objects.filter(kind=kind).first())


def all_kind_terms() -> dict[str, KindTerms]:
    rows = {row.kind: row for row in DecisionKindTerm.objects.all()}
    return {kind: _terms(kind, rows.get(kind)) for kind in KINDS}


def decision_term_rules() -> list[Rule]:
    """The prosecutor's and the court's term of every kind that has one, for the terms calculator."""
    rules = []
    for kind, terms in all_kind_terms().items():
        spec = kind_spec(kind)
        if spec.needs_approval:
            title = _("Prosecutor's term: %(kind)s") % {"kind": spec.kind.label}
            rules.append(Rule(code=f"decision.{kind}", title=title, term=_with_article(terms.term, spec.legal_basis)))
        if terms.court_term is not None:
            title = _("Court's term: %(kind)s") % {"kind": spec.kind.label}
            rules.append(
                Rule(code=f"court.{kind}", title=title, term=_with_article(terms.court_term, spec.legal_basis))
            )
    return rules


def _with_article(term: Term, article: str) -> Term:
    return term if term.article else replace(term, article=article)


def action_basis_describe(*, case: Case, reference: str) -> str | None:
    """Resolver for ecase.hooks: a basis reference ("123", "#123" or "D-123") names an approved or
    court-sanctioned decision of the same case. Urgent-action notices are reviews after the fact, never a
    basis for a new action."""
    digits = reference.strip().upper().removeprefix("D-").removeprefix("#").strip()
    if not digits.isdigit():
        return None
    decision = (
        ProceduralDecision.objects.filter(
            pk=int(digits),
            case=case,
            status__in=[DecisionStatus.APPROVED, DecisionStatus.SANCTIONED],
        )
        .exclude(kind=DecisionKind.URGENT_ACTION_NOTICE)
        .first()
    )
    if decision is None:
        return None
    return f"#{decision.pk} {decision.get_kind_display()} ({decision.get_status_display()})"


def available_actions(user: User, decision: ProceduralDecision) -> list[str]:
    """The transitions this user may trigger on this decision now (URL names of the POST actions)."""
    actions: list[str] = []
    if permissions.can_author_act(user, decision):
        if can_proceed(decision.submit):
            actions.append(DecisionAction.SUBMIT)
        if permissions.can_issue(user, decision) and can_proceed(decision.issue):
            actions.append(DecisionAction.ISSUE)
        if can_proceed(decision.revise):
            actions.append(DecisionAction.REVISE)
        if can_proceed(decision.withdraw):
            actions.append(DecisionAction.WITHDRAW)
    if decision.status == DecisionStatus.PENDING and permissions.can_review(user, decision):
        actions += [DecisionAction.APPROVE, DecisionAction.REJECT, DecisionAction.RETURN]
    if decision.status == DecisionStatus.COURT_PENDING and permissions.can_record_court_outcome(user, decision):
        actions.append(DecisionAction.COURT_OUTCOME)
    return actions
