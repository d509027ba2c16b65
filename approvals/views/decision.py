"""The decision page and its actions. The review actions (approve, reject, return) sit in one action bar
near the top, one tab each; a failed POST renders the page in place (no confirm or resubmit trap) with an
error summary at the top that links to the fields; "Approve and next" goes on to the next decision of the
inbox in the order the prosecutor sorted and filtered it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ecase.exceptions import Conflict, FileTooLarge
from ecase.forms import add_service_errors
from ecase.terms.display import term_display
from ecase.timeline import timeline_entries

from .. import permissions, selectors, services
from ..choices import DecisionAction, DecisionKind, DecisionStatus
from ..forms import (
    ApproveForm,
    CourtOutcomeForm,
    DocumentForm,
    RejectForm,
    ReturnForm,
    SuspectNotifiedForm,
    WithdrawForm,
)
from ..inbox_selectors import inbox_next_after
from ..kinds import kind_spec
from ..models import ProceduralDecision
from ..personal import signature_from_post
from ..selectors import decision_history, kind_terms
from ..signing import signature_verify
from .common import _get_decision, _user

_FORMS: dict[str, type[Form]] = {
    DecisionAction.APPROVE: ApproveForm,
    DecisionAction.REJECT: RejectForm,
    DecisionAction.RETURN: ReturnForm,
    DecisionAction.WITHDRAW: WithdrawForm,
    DecisionAction.COURT_OUTCOME: CourtOutcomeForm,
}
REVIEW_TABS = ("approve", "reject", "return")


def _action_form(action: str, data: QueryDict | None = None) -> Form:
    """The form of one action, its ids prefixed with the action: reject's and withdraw's `reason` (and the
    help and error ids aria-describedby names) stay unique on the page."""
    return _FORMS[action](data, auto_id=f"id_{action.replace('-', '_')}_%s")


def _suspect_form(decision: ProceduralDecision, data: QueryDict | None = None) -> SuspectNotifiedForm:
    return SuspectNotifiedForm(data, earliest=decision.decided_at, auto_id="id_suspect_%s")


def _inbox_query(request: HttpRequest) -> str:
    """The inbox's query string (filters, ordering) the decision was opened from, carried to "next"."""
    return (request.POST.get("inbox") or request.GET.get("inbox") or "")[:500]


def _detail_context(request: HttpRequest, decision: ProceduralDecision, **overrides: Any) -> dict[str, Any]:
    user = _user(request)
    actions = [str(a) for a in selectors.available_actions(user, decision)]
    forms = {name.replace("-", "_"): _action_form(name) for name in _FORMS if name in actions}
    is_author = permissions.can_author_act(user, decision)
    context: dict[str, Any] = {
        "decision": decision,
        "case": decision.case,
        "spec": kind_spec(decision.kind),
        "actions": actions,
        "forms": forms,
        "review_tabs": [tab for tab in REVIEW_TABS if tab in forms],
        "active_tab": "approve",
        "error_form": None,
        "inbox_query": _inbox_query(request),
        "timeline": timeline_entries(decision_history(decision=decision)),
        "verification": signature_verify(decision=decision) if hasattr(decision, "signature") else None,
        "can_edit": is_author and decision.status == DecisionStatus.DRAFT,
        "document_form": DocumentForm() if is_author and decision.status == DecisionStatus.DRAFT else None,
        "suspect_form": (
            _suspect_form(decision)
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
        if key.endswith("_form") and isinstance(value, Form) and value.is_bound and value.errors:
            context["error_form"] = value
        if key.endswith("_form") and key[: -len("_form")] in context["forms"]:
            context["forms"][key[: -len("_form")]] = value
            if key[: -len("_form")] in REVIEW_TABS:
                context["active_tab"] = key[: -len("_form")]
        else:
            context[key] = value
    if context["review_tabs"] and context["active_tab"] not in context["review_tabs"]:
        context["active_tab"] = context["review_tabs"][0]
    return context


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    return render(request, "approvals/detail.html", _detail_context(request, decision))


def _render_error(request: HttpRequest, decision: ProceduralDecision, status: int, **overrides: Any) -> HttpResponse:
    return render(request, "approvals/detail.html", _detail_context(request, decision, **overrides), status=status)


def _run(
    request: HttpRequest,
    decision: ProceduralDecision,
    write: Callable[[], object],
    *,
    form_key: str = "",
    form: Form | None = None,
    done: str,
    then: Callable[[], str] | None = None,
) -> HttpResponse:
    """Call a service; on refusal re-render the decision page with the reason and the right status."""
    try:
        write()
    except ValidationError as exc:
        if form is not None:
            add_service_errors(form, exc)
            return _render_error(request, decision, 400, **{form_key: form})
        return _render_error(request, decision, 400, action_error=" ".join(exc.messages))
    except Conflict as exc:
        return _render_error(request, _get_decision(request, decision.pk), 409, action_error=exc.message)
    messages.success(request, done)
    if then is not None:
        return redirect(then())
    return redirect("approvals:detail", pk=decision.pk)


def _next_url(request: HttpRequest, pk: int) -> str:
    """After "Approve and next": the next decision in the inbox order, or the inbox when none is left."""
    query = _inbox_query(request)
    next_id = inbox_next_after(user=_user(request), decision_id=pk, query=QueryDict(query))
    if next_id is None:
        messages.info(request, _("No more decisions await you here."))
        return reverse("approvals:inbox") + (f"?{query}" if query else "")
    return reverse("approvals:detail", args=[next_id]) + (f"?inbox={quote(query)}" if query else "")


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """POST /decisions/<pk>/<action>/: one transition, with its form where it takes input."""
    decision = _get_decision(request, pk)
    user = _user(request)
    if action not in DecisionAction.values:
        raise Http404
    key = action.replace("-", "_")
    form = _action_form(action, request.POST) if action in _FORMS else None
    if not permissions.may(user, decision, action):
        raise PermissionDenied(_("You may not do this to this decision."))
    if form is not None and not form.is_valid():
        return _render_error(request, decision, 400, **{f"{key}_form": form})
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
    then = None
    if action in REVIEW_TABS and request.POST.get("then") == "next":
        then = lambda: _next_url(request, pk)  # noqa: E731
    return _run(request, decision, write, form_key=f"{key}_form", form=form, done=done, then=then)


@login_required
@require_POST
def attach_document(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    user = _user(request)
    if not permissions.can_author_act(user, decision):
        raise PermissionDenied(_("Only the author may attach documents."))
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_error(request, decision, 400, document_form=form)
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
        return _render_error(request, decision, 413, document_form=form)


@login_required
@require_POST
def suspect_notified(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _get_decision(request, pk)
    user = _user(request)
    if not permissions.can_author_act(user, decision):
        raise PermissionDenied(_("Only the author records this."))
    form = _suspect_form(decision, request.POST)
    if not form.is_valid():
        return _render_error(request, decision, 400, suspect_form=form)
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
