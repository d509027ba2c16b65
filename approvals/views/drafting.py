"""Drafting decisions (create, edit) and the decisions panel on the case page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecase.exceptions import Conflict
from ecase.forms import add_service_errors
from ecase.models import Case
from ecase.selectors import case_get_visible

from .. import permissions, services
from ..choices import DecisionStatus
from ..forms import DecisionForm
from ..kinds import KINDS, kind_spec
from ..selectors import case_decisions
from .common import _get_decision, _user


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
