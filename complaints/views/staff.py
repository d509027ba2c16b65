"""The office's pages: the complaint queue and the complaint page with its actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_fsm import can_proceed

from complaints import permissions, services
from complaints.filters import ComplaintFilter
from complaints.forms import (
    AnswerForm,
    AppealForm,
    ExplanationRecordForm,
    ExtendForm,
    ForwardForm,
    RefusalForm,
    RegisterForm,
)
from complaints.models import Complaint
from complaints.selectors import (
    complaint_appeal,
    complaint_get_visible,
    complaint_history,
    complaint_list_visible_to,
    complaint_queue,
)
from ecase.documents_http import document_download_response
from ecase.exceptions import Conflict
from ecase.forms import add_service_errors
from ecase.models import Case, User
from ecase.pagination import paginate
from ecase.timeline import timeline_entries
from signatures.services import cms_from_form

PER_PAGE = 25
Run = Callable[[int, User, dict[str, Any]], Complaint]


@dataclass(frozen=True)
class StaffAction:
    """One action of the complaint page: its form, who may use it, and the service it calls."""

    name: str
    title: str | Promise
    button: str | Promise
    confirm: str | Promise
    form_class: type[forms.Form]
    allowed: Callable[[User, Complaint], bool]
    transition: str
    run: Run
    danger: bool = False
    signed: str = ""  # the personally signed action (complaints.personal.SIGNED_ACTIONS), if any


def _register(pk: int, actor: User, d: dict[str, Any]) -> Complaint:
    return services.complaint_register(
        complaint_id=pk, actor=actor, office_id=d["office"].pk, executor_id=d["executor"].pk, kind=d["kind"].code
    )


def _explain(pk: int, actor: User, d: dict[str, Any]) -> Complaint:
    return services.complaint_record_explanation(
        complaint_id=pk,
        actor=actor,
        held_at=d["held_at"],
        form=d["form"],
        participants=d["participants"],
        summary=d["summary"],
        given_by_id=d["given_by"].pk if d.get("given_by") else None,
        signature=d.get("signature"),
    )


ACTIONS: dict[str, StaffAction] = {
    a.name: a
    for a in (
        StaffAction(
            "register",
            gettext_lazy("Register"),
            gettext_lazy("Register the complaint"),
            gettext_lazy("Register the complaint and start its term?"),
            RegisterForm,
            permissions.can_register,
            "register",
            _register,
        ),
        StaffAction(
            "satisfy",
            gettext_lazy("Satisfy"),
            gettext_lazy("Satisfy the complaint"),
            gettext_lazy("Satisfy the complaint and send the answer to the complainant?"),
            AnswerForm,
            permissions.can_decide,
            "satisfy",
            lambda pk, u, d: services.complaint_satisfy(
                complaint_id=pk, actor=u, answer=d["answer"], signature=d.get("signature")
            ),
            signed="satisfy",
        ),
        StaffAction(
            "partially-satisfy",
            gettext_lazy("Satisfy in part"),
            gettext_lazy("Satisfy in part"),
            gettext_lazy("Satisfy the complaint in part and send the answer to the complainant?"),
            AnswerForm,
            permissions.can_decide,
            "partially_satisfy",
            lambda pk, u, d: services.complaint_partially_satisfy(
                complaint_id=pk, actor=u, answer=d["answer"], signature=d.get("signature")
            ),
            signed="partially-satisfy",
        ),
        StaffAction(
            "forward",
            gettext_lazy("Forward to the competent body"),
            gettext_lazy("Forward"),
            gettext_lazy("Forward the complaint to this body and tell the complainant?"),
            ForwardForm,
            permissions.can_decide,
            "forward",
            lambda pk, u, d: services.complaint_forward(
                complaint_id=pk, actor=u, body=d["body"], answer=d.get("answer") or "", signature=d.get("signature")
            ),
            signed="forward",
        ),
        StaffAction(
            "propose-refusal",
            gettext_lazy("Propose a refusal"),
            gettext_lazy("Propose the refusal"),
            gettext_lazy("Propose to refuse? A senior prosecutor must then explain it to the complainant personally."),
            RefusalForm,
            permissions.can_decide,
            "propose_refusal",
            lambda pk, u, d: services.complaint_propose_refusal(
                complaint_id=pk, actor=u, answer=d["answer"], signature=d.get("signature")
            ),
            danger=True,
            signed="propose-refusal",
        ),
        StaffAction(
            "explanation",
            gettext_lazy("Record the personal explanation"),
            gettext_lazy("Record the explanation and refuse"),
            gettext_lazy("Record the personal explanation? The refusal becomes final."),
            ExplanationRecordForm,
            permissions.can_record_explanation,
            "record_explanation",
            _explain,
            danger=True,
            signed="record-explanation",
        ),
        StaffAction(
            "extend",
            gettext_lazy("Extend the term (once)"),
            gettext_lazy("Extend the term"),
            gettext_lazy("Extend the term? It can be extended only once."),
            ExtendForm,
            permissions.can_extend,
            "extend",
            lambda pk, u, d: services.complaint_extend(complaint_id=pk, actor=u, until=d["until"], reason=d["reason"]),
        ),
        StaffAction(
            "appeal",
            gettext_lazy("Enter an appeal received on paper"),
            gettext_lazy("Open the appeal"),
            gettext_lazy("Open an appeal to the higher office?"),
            AppealForm,
            permissions.can_appeal,
            "appeal",
            lambda pk, u, d: services.complaint_appeal(complaint_id=pk, actor=u, text=d["text"]),
        ),
    )
}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _staff_only(request: HttpRequest) -> User:
    user = _user(request)
    if not permissions.can_see_queue(user):
        raise PermissionDenied(_("The complaint queue is for prosecutors."))
    return user


def _row_state(complaint: Complaint, today: Any) -> str:
    if getattr(complaint, "overdue", False):
        return "overdue"
    if complaint.is_open and timezone.localtime(complaint.deadline).date() == today:  # type: ignore[attr-defined]
        return "due-today"
    return ""


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.is_citizen:
        return redirect("complaints:my")
    _staff_only(request)
    filterset = ComplaintFilter(request.GET or None, queryset=complaint_queue(user=user), request=request)
    for name in ("status", "kind"):
        filterset.filters[name].extra["empty_label"] = _("Any")
    paged = paginate(request, filterset.qs, PER_PAGE)
    today = timezone.localdate()
    rows = [(c, _row_state(c, today)) for c in paged["page"].object_list]
    return render(request, "complaints/queue.html", {"filter": filterset, **paged, "rows": rows})


def _form_for(action: StaffAction, user: User, data: Any = None) -> forms.Form:
    kwargs: dict[str, Any] = {"prefix": action.name}
    if action.form_class in (RegisterForm, ExplanationRecordForm):
        kwargs["user"] = user
    return action.form_class(data, **kwargs)


def _detail_page(
    request: HttpRequest, complaint: Complaint, *, bound: tuple[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    user = _user(request)
    panels = []
    for action in ACTIONS.values():
        if not action.allowed(user, complaint) or not can_proceed(getattr(complaint, action.transition)):
            continue
        form = bound[1] if bound and bound[0] == action.name else _form_for(action, user)
        if action.name == "register" and not form.is_bound:
            form.initial = {"office": complaint.office_id, "kind": complaint.kind_id, "executor": user.pk}
        panels.append({"action": action, "form": form, "open": bool(bound and bound[0] == action.name)})
    context = {
        "complaint": complaint,
        "now": timezone.now(),
        "is_overdue": complaint.is_overdue(),
        "panels": panels,
        "timeline": timeline_entries(complaint_history(complaint=complaint)),
        "appeal": complaint_appeal(complaint=complaint),
    }
    return render(request, "complaints/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff_only(request)
    complaint = _visible(user, pk)
    return _detail_page(request, complaint)


def _visible(user: User, pk: int) -> Complaint:
    try:
        return complaint_get_visible(user=user, complaint_id=pk)
    except Complaint.DoesNotExist as exc:
        raise Http404(_("No such complaint.")) from exc


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _staff_only(request)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404(_("No such action."))
    complaint = _visible(user, pk)
    if not spec.allowed(user, complaint):
        raise PermissionDenied(_("You may not do this with this complaint."))
    form = _form_for(spec, user, request.POST)
    if form.is_valid():
        try:
            signature = cms_from_form(request.POST.get("signature", "")) if spec.signed else None
            result = spec.run(complaint.pk, user, {**form.cleaned_data, "signature": signature})
        except ValidationError as exc:
            add_service_errors(form, exc)
        except Conflict as exc:
            messages.error(request, exc.message)
            return _detail_page(request, _visible(user, pk), status=409)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": spec.title})
            return redirect("complaints:detail", pk=result.pk)
    return _detail_page(request, complaint, bound=(spec.name, form), status=400)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    user = _staff_only(request)
    return document_download_response(_visible(user, pk).documents.all(), document_id)


def case_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The complaints about a case, on the case page (ecase.case_panels), for prosecutors who see them."""
    user = _user(request)
    if not permissions.can_see_queue(user):
        return None
    complaints = list(complaint_list_visible_to(user=user).filter(case=case).order_by("received_at", "id")[:20])
    return {"complaints": complaints} if complaints else None
