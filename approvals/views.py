"""Web pages of the prosecutor's filter: the prosecutor's inbox, the decision page with its actions, the
investigator's drafting pages and "My decisions", the judge's queue, and the decisions panel on the case page.

Views stay thin: reads through the visibility selectors (invisible -> 404), writes through the services;
a refused write answers 403, invalid input re-renders the page with the errors (400), a decision that has
moved re-renders it with the reason (409).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ecase.exceptions import Conflict, FileTooLarge
from ecase.forms import add_service_errors
from ecase.models import Case, User
from ecase.pagination import paginate
from ecase.selectors import case_get_visible
from ecase.terms.display import term_display
from ecase.timeline import timeline_entries

from . import permissions, selectors, services
from .choices import DecisionAction, DecisionKind, DecisionStatus
from .filters import DecisionFilter
from .forms import (
    ApproveForm,
    CourtOutcomeForm,
    DecisionForm,
    DocumentForm,
    RejectForm,
    ReturnForm,
    SuspectNotifiedForm,
    WithdrawForm,
)
from .kinds import KINDS, kind_spec
from .models import ProceduralDecision
from .personal import signature_from_post
from .selectors import (
    case_decisions,
    court_queue_for,
    decision_get_visible,
    decision_history,
    inbox_for,
    kind_terms,
    my_decisions,
)
from .signing import signature_verify

PER_PAGE = 25


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _get_decision(request: HttpRequest, pk: int) -> ProceduralDecision:
    try:
        return decision_get_visible(user=_user(request), decision_id=pk)
    except ProceduralDecision.DoesNotExist as exc:
        raise Http404 from exc


def _filtered_list(
    request: HttpRequest, queryset: QuerySet[ProceduralDecision], *, drop: tuple[str, ...]
) -> dict[str, Any]:
    filterset = DecisionFilter(request.GET or None, queryset=queryset, user=_user(request))
    for name in drop:
        filterset.filters.pop(name, None)
    for name in ("status", "kind", "body", "office", "overdue"):
        if name in filterset.filters:
            filterset.filters[name].extra["empty_label"] = _("Any")
    # An invalid filter (e.g. a body the user may not see) shows its error and no rows, never everything.
    rows = queryset.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
    return {"filter": filterset, **paginate(request, rows, PER_PAGE)}


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Pending decisions of the supervised bodies, the nearest deadline first; overdue and due today marked."""
    user = _user(request)
    if not permissions.can_use_inbox(user):
        raise PermissionDenied(_("The approval inbox is for prosecutors."))
    context = _filtered_list(request, inbox_for(user=user), drop=("status", "case", "office"))
    return render(request, "approvals/inbox.html", context)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The decisions the user wrote; returned ones show the prosecutor's remarks."""
    user = _user(request)
    if not permissions.can_draft_any(user):
        raise PermissionDenied(_("Only investigators and prosecutors draft decisions."))
    context = _filtered_list(request, my_decisions(user=user), drop=("case", "office", "body"))
    return render(request, "approvals/mine.html", context)


@login_required
@require_GET
def court(request: HttpRequest) -> HttpResponse:
    """Petitions awaiting the court in the judge's region, the nearest deadline first."""
    user = _user(request)
    if not permissions.can_use_court_queue(user):
        raise PermissionDenied(_("The court queue is for judges."))
    context = _filtered_list(request, court_queue_for(user=user), drop=("status", "case", "overdue"))
    return render(request, "approvals/court.html", context)


# --- the decision page ----------------------------------------------------------------------------------------

_FORMS: dict[str, type[Form]] = {
    DecisionAction.APPROVE: ApproveForm,
    DecisionAction.REJECT: RejectForm,
    DecisionAction.RETURN: ReturnForm,
    DecisionAction.WITHDRAW: WithdrawForm,
    DecisionAction.COURT_OUTCOME: CourtOutcomeForm,
}


def _detail_context(request: HttpRequest, decision: ProceduralDecision, **overrides: Any) -> dict[str, Any]:
    user = _user(request)
    actions = [str(a) for a in selectors.available_actions(user, decision)]
    forms = {name.replace("-", "_"): form_class() for name, form_class in _FORMS.items() if name in actions}
    is_author = permissions.can_author_act(user, decision)
    context: dict[str, Any] = {
        "decision": decision,
        "case": decision.case,
        "spec": kind_spec(decision.kind),
        "actions": actions,
        "forms": forms,
        "timeline": timeline_entries(decision_history(decision=decision)),
        "verification": signature_verify(decision=decision) if hasattr(decision, "signature") else None,
        "can_edit": is_author and decision.status == DecisionStatus.DRAFT,
        "document_form": DocumentForm() if is_author and decision.status == DecisionStatus.DRAFT else None,
        "suspect_form": (
            SuspectNotifiedForm()
            if is_author
            and decision.kind == DecisionKind.SUSPECT_RECOGNITION
            and decision.status == DecisionStatus.APPROVED
            and decision.suspect_notified_at is None
            else None
        ),
        "action_error": "",
        "term_text": term_display(kind_terms(decision.kind).term) if DecisionAction.SUBMIT in actions else None,
    }
    for key, value in overrides.items():
        if key.endswith("_form") and key[: -len("_form")] in context["forms"]:
            context["forms"][key[: -len("_form")]] = value
        else:
            context[key] = value
    return context


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    return render(request, "approvals/detail.html", _detail_context(request, decision))


def _run(
    request: HttpRequest,
    decision: ProceduralDecision,
    write: Callable[[], object],
    *,
    form_key: str = "",
    form: Form | None = None,
    done: str,
) -> HttpResponse:
    """Call a service; on refusal re-render the decision page with the reason and the right status."""
    try:
        write()
    except ValidationError as exc:
        if form is not None:
            add_service_errors(form, exc)
            return render(
                request, "approvals/detail.html", _detail_context(request, decision, **{form_key: form}), status=400
            )
        return render(
            request,
            "approvals/detail.html",
            _detail_context(request, decision, action_error=" ".join(exc.messages)),
            status=400,
        )
    except Conflict as exc:
        fresh = _get_decision(request, decision.pk)
        return render(
            request, "approvals/detail.html", _detail_context(request, fresh, action_error=exc.message), status=409
        )
    messages.success(request, done)
    return redirect("approvals:detail", pk=decision.pk)


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """POST /decisions/<pk>/<action>/: one transition, with its form where it takes input."""
    decision = _get_decision(request, pk)
    user = _user(request)
    if action not in DecisionAction.values:
        raise Http404
    key = action.replace("-", "_")
    form_class = _FORMS.get(action)
    form = form_class(request.POST) if form_class else None
    if not permissions.may(user, decision, action):
        raise PermissionDenied(_("You may not do this to this decision."))
    if form is not None and not form.is_valid():
        return render(
            request, "approvals/detail.html", _detail_context(request, decision, **{f"{key}_form": form}), status=400
        )
    data = form.cleaned_data if form is not None else {}
    sig = signature_from_post(request.POST.get("signature", ""))
    runs: dict[str, tuple[Callable[[], object], str]] = {
        DecisionAction.SUBMIT: (
            lambda: services.decision_submit(decision_id=pk, actor=user, signature=sig),
            _("Submitted to the prosecutor."),
        ),
        DecisionAction.ISSUE: (lambda: services.decision_issue(decision_id=pk, actor=user), _("Issued.")),
        DecisionAction.REVISE: (
            lambda: services.decision_revise(decision_id=pk, actor=user),
            _("The decision is a draft again: edit it and submit."),
        ),
        DecisionAction.WITHDRAW: (
            lambda: services.decision_withdraw(decision_id=pk, actor=user, reason=data.get("reason", "")),
            _("Withdrawn."),
        ),
        DecisionAction.APPROVE: (
            lambda: services.decision_approve(decision_id=pk, actor=user, note=data.get("note", ""), signature=sig),
            _("Approved and signed."),
        ),
        DecisionAction.REJECT: (
            lambda: services.decision_reject(decision_id=pk, actor=user, reason=data["reason"], signature=sig),
            _("Rejected."),
        ),
        DecisionAction.RETURN: (
            lambda: services.decision_return(decision_id=pk, actor=user, remarks=data["remarks"], signature=sig),
            _("Returned to the author."),
        ),
        DecisionAction.COURT_OUTCOME: (
            lambda: services.decision_record_court_outcome(
                decision_id=pk,
                actor=user,
                outcome=data["outcome"],
                reason=data.get("reason", ""),
                measure_until=data.get("measure_until"),
                signature=sig,
            ),
            _("The court's ruling is recorded."),
        ),
    }
    write, done = runs[action]
    return _run(request, decision, write, form_key=f"{key}_form", form=form, done=done)


@login_required
@require_POST
def attach_document(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    user = _user(request)
    if not permissions.can_author_act(user, decision):
        raise PermissionDenied(_("Only the author may attach documents."))
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request, "approvals/detail.html", _detail_context(request, decision, document_form=form), status=400
        )
    try:
        return _run(
            request,
            decision,
            lambda: services.decision_attach_document(
                decision_id=pk, actor=user, upload=form.cleaned_data["file"], title=form.cleaned_data["title"]
            ),
            form_key="document_form",
            form=form,
            done=_("Document attached."),
        )
    except FileTooLarge as exc:
        form.add_error("file", exc.message)
        return render(
            request, "approvals/detail.html", _detail_context(request, decision, document_form=form), status=413
        )


@login_required
@require_POST
def suspect_notified(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    user = _user(request)
    if not permissions.can_author_act(user, decision):
        raise PermissionDenied(_("Only the author records this."))
    form = SuspectNotifiedForm(request.POST)
    if not form.is_valid():
        return render(
            request, "approvals/detail.html", _detail_context(request, decision, suspect_form=form), status=400
        )
    return _run(
        request,
        decision,
        lambda: services.decision_record_suspect_notified(
            decision_id=pk, actor=user, notified_at=form.cleaned_data.get("notified_at")
        ),
        form_key="suspect_form",
        form=form,
        done=_("Recorded."),
    )


# --- drafting ------------------------------------------------------------------------------------------------


def _visible_case(request: HttpRequest, case_id: int) -> Case:
    try:
        return case_get_visible(user=_user(request), case_id=case_id)
    except Case.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """Draft a decision of one kind in a case (from the case page's decisions panel)."""
    case = _visible_case(request, case_id)
    user = _user(request)
    if kind not in KINDS:
        raise Http404
    if not permissions.can_create(user, case, kind):
        raise PermissionDenied(_("You may not draft a decision of this kind in this case."))
    form = DecisionForm(request.POST or None, kind=kind, case=case, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(actor=user, case_id=case.pk, kind=kind, content=form.content())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Draft saved. Check it, attach documents, and submit it to the prosecutor."))
            return redirect("approvals:detail", pk=decision.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "approvals/form.html",
        {"form": form, "case": case, "spec": kind_spec(kind), "decision": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    user = _user(request)
    if not permissions.can_author_act(user, decision):
        raise PermissionDenied(_("Only the author may edit the decision."))
    if decision.status != DecisionStatus.DRAFT:
        messages.error(request, _("Only a draft can be edited."))
        return redirect("approvals:detail", pk=pk)
    form = DecisionForm(request.POST or None, kind=decision.kind, case=decision.case, user=user, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(decision_id=pk, actor=user, content=form.content())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except Conflict as exc:
            messages.error(request, exc.message)
            return redirect("approvals:detail", pk=pk)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("approvals:detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "case": decision.case, "spec": kind_spec(decision.kind), "decision": decision}
    return render(request, "approvals/form.html", context, status=status)


# --- the case page's panel -----------------------------------------------------------------------------------


def case_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The decisions of the case, and the kinds the user may draft here now (a button each)."""
    user = _user(request)
    if not user.is_authenticated or user.is_citizen:
        return None
    draftable = [
        spec
        for spec in KINDS.values()
        if case.status in spec.case_states and permissions.can_create(user, case, spec.kind)
    ]
    return {"decisions": list(case_decisions(user=user, case=case)), "draftable": draftable}
