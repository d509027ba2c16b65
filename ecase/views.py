"""Web pages of the case register: home, case list, case page (with its add forms), registration, downloads.

Views stay thin: reads go through the visibility selectors, writes through ecase.services.cases. A case the
user may not see answers 404; a write the user may not make answers 403; invalid input re-renders the page
with the errors (HTTP 400, or 413 for an oversized file).
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ecase import case_panels, navigation, permissions
from ecase.choices import RIGHTS_RESTRICTING_ACTIONS, ActionReview, CaseStatus, OrganisationKind
from ecase.documents_http import document_download_response
from ecase.exceptions import FileTooLarge
from ecase.filters import CaseFilter
from ecase.forms import ActionForm, CaseRegisterForm, DocumentUploadForm, ParticipantForm, add_service_errors
from ecase.models import Case, User
from ecase.pagination import paginate
from ecase.selectors import (
    action_list,
    case_get_visible,
    case_list_visible_to,
    case_timeline,
    document_list,
    participant_list,
)
from ecase.services import cases as case_services
from ecase.timeline import timeline_entries
from ecase.visibility import visible_organisations

CASES_PER_PAGE = 25


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its start page: the one an app registered for it, else the case list."""
    user = _user(request)
    url_name = navigation.home_url_name_for(user)
    if url_name and url_name != "home":
        with contextlib.suppress(NoReverseMatch):  # an app's page not wired: fall back below
            return redirect(reverse(url_name))
    if user.is_citizen:
        return render(request, "ecase/home.html")
    return redirect("cases:list")


def _term_state(case: Case, today: Any) -> str:
    """'overdue' when the investigation term has run out while the case is still under investigation."""
    if case.status != CaseStatus.INVESTIGATING:
        return ""
    expires = timezone.localtime(case.term_expires_at)
    if expires <= timezone.now():
        return "overdue"
    if expires.date() == today:
        return "due-today"
    return ""


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.is_citizen:
        raise PermissionDenied(_("Citizens have no access to the case register."))
    filterset = CaseFilter(request.GET or None, queryset=case_list_visible_to(user=user), request=request)
    # The body and office choices show only what the user may see.
    organisations = visible_organisations(user)
    filterset.filters["investigation_body"].queryset = organisations.filter(  # type: ignore[attr-defined]
        kind=OrganisationKind.INVESTIGATION_BODY
    )
    filterset.filters["supervising_office"].queryset = organisations.exclude(  # type: ignore[attr-defined]
        kind__in=[OrganisationKind.INVESTIGATION_BODY, OrganisationKind.COURT]
    )
    for name in ("status", "category", "severity", "investigation_body", "supervising_office"):
        filterset.filters[name].extra["empty_label"] = _("Any")
    paged = paginate(request, filterset.qs, CASES_PER_PAGE)
    today = timezone.localdate()
    rows = [(case, _term_state(case, today)) for case in paged["page"].object_list]
    return render(
        request,
        "ecase/case_list.html",
        {"filter": filterset, **paged, "rows": rows, "can_register": permissions.can_register_case(user)},
    )


def _case_page(
    request: HttpRequest, case: Case, *, forms: dict[str, Form] | None = None, status: int = 200
) -> HttpResponse:
    user = _user(request)
    can_edit = permissions.can_edit_case_materials(user, case)
    forms = forms or {}
    actions = list(action_list(case=case))
    context = {
        "case": case,
        "term_state": _term_state(case, timezone.localdate()),
        "participants": participant_list(case=case),
        "documents": document_list(case=case),
        "actions": actions,
        "awaiting_review": [a for a in actions if a.review == ActionReview.AWAITING_REVIEW],
        "timeline": timeline_entries(case_timeline(case=case)),
        "can_edit": can_edit,
        "participant_form": forms.get("participant") or (ParticipantForm() if can_edit else None),
        "document_form": forms.get("document") or (DocumentUploadForm() if can_edit else None),
        "action_form": forms.get("action") or (ActionForm() if can_edit else None),
        "open_form": next(iter(forms), ""),
        "restricting_kinds": sorted(RIGHTS_RESTRICTING_ACTIONS),
        "panels": case_panels.render_panels(request, case),
    }
    return render(request, "ecase/case_detail.html", context, status=status)


def _visible_case(request: HttpRequest, case_id: int) -> Case:
    try:
        return case_get_visible(user=_user(request), case_id=case_id)
    except Case.DoesNotExist as exc:
        raise Http404(_("No such case.")) from exc


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, _visible_case(request, case_id))


@login_required
@require_POST
def participant_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        try:
            participant = case_services.participant_add(case_id=case.pk, actor=_user(request), **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s added as %(role)s.")
                % {"name": participant.person.full_name, "role": participant.get_role_display()},
            )
            return redirect("cases:detail", case_id=case.pk)
    return _case_page(request, case, forms={"participant": form}, status=400)


@login_required
@require_POST
def document_upload(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    form = DocumentUploadForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        try:
            document = case_services.case_document_upload(
                case_id=case.pk,
                actor=_user(request),
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except FileTooLarge as exc:
            form.add_error("file", exc.message)
            status = 413
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Document “%(title)s” uploaded.") % {"title": document.title})
            return redirect("cases:detail", case_id=case.pk)
    return _case_page(request, case, forms={"document": form}, status=status)


@login_required
@require_GET
def document_download(request: HttpRequest, case_id: int, document_id: int) -> FileResponse:
    return document_download_response(_visible_case(request, case_id).documents.all(), document_id)


@login_required
@require_POST
def action_record(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            action = case_services.action_record(case_id=case.pk, actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if action.review == ActionReview.AWAITING_REVIEW:
                messages.warning(
                    request,
                    _(
                        "The action restricts rights and rests on no approved basis: "
                        "it has been sent to the supervising prosecutor for review."
                    ),
                )
            else:
                messages.success(request, _("Investigative action recorded."))
            return redirect("cases:detail", case_id=case.pk)
    return _case_page(request, case, forms={"action": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def case_register(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not permissions.can_register_case(user):
        raise PermissionDenied(_("Only an investigator of an investigation body may register a case."))
    form = CaseRegisterForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                case = case_services.case_register(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Case %(number)s registered.") % {"number": case.number})
                return redirect("cases:detail", case_id=case.pk)
        return render(request, "ecase/case_register.html", {"form": form}, status=400)
    return render(request, "ecase/case_register.html", {"form": form})
