"""Web pages of the detention clock and rehabilitations: a panel on the case page (the running clocks with
their countdown, the record form, release and hand-over buttons) and the POST views behind it. The panel is
registered with ecase.case_panels from ecase.deadline_sources, like any app's panel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed

from ecase import case_panels, permissions
from ecase.api.utils import request_user
from ecase.forms import DetentionForm, add_service_errors
from ecase.models import Case
from ecase.selectors import detention_list, rehabilitation_list
from ecase.services.detentions import detention_record, detention_release
from ecase.services.rehabilitation import rehabilitation_handover
from ecase.views import _case_page as case_page
from ecase.views import _visible_case


def panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    user = request_user(request)
    form = getattr(request, "detention_form", None)  # a bound form with errors, set by detention_add
    can_manage = permissions.can_manage_detention(user, case)
    detentions = list(detention_list(case=case))
    rehabilitations = list(rehabilitation_list(case=case))
    if not detentions and not rehabilitations and not can_manage:
        return None
    return {
        "detentions": detentions,
        "rehabilitations": rehabilitations,
        "now": timezone.now(),
        "can_manage": can_manage,
        "detention_form": form or (DetentionForm(case=case) if can_manage else None),
    }


case_panels.register(
    case_panels.CasePanel(name="detentions", template_name="ecase/detention_panel.html", context=panel_context, order=5)
)


def _done(request: HttpRequest, case: Case, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{case_url(case)}#detentions")


def case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


@login_required
@require_POST
def detention_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    if not permissions.can_manage_detention(request_user(request), case):
        raise PermissionDenied(_("Only an investigator of the case's investigation body may record a detention."))
    form = DetentionForm(request.POST, case=case)
    if form.is_valid():
        data = form.cleaned_data
        try:
            detention = detention_record(
                case_id=case.pk,
                actor=request_user(request),
                detained_at=data["detained_at"],
                participant_id=data["participant"].pk if data["participant"] else None,
                full_name=data["full_name"],
                iin=data["iin"],
                protocol_reference=data["protocol_reference"],
                exceptional=data["exceptional"],
                exceptional_basis=data["exceptional_basis"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, case, _("Detention of %(person)s recorded.") % {"person": detention.person})
    request.detention_form = form  # type: ignore[attr-defined]
    return case_page(request, case, status=400)


def _stop_time(request: HttpRequest) -> datetime | None:
    raw = request.POST.get("at", "").strip()
    if not raw:
        return None
    field = forms.DateTimeField()
    try:
        return field.clean(raw)
    except ValidationError as exc:
        raise ValidationError({"at": exc.messages}) from exc


@login_required
@require_POST
def detention_release_view(request: HttpRequest, case_id: int, detention_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    detention = detention_list(case=case).filter(pk=detention_id).first()
    if detention is None:
        raise Http404(_("No such detention."))
    try:
        detention_release(
            detention_id=detention.pk,
            actor=request_user(request),
            released_at=_stop_time(request),
            note=request.POST.get("note", ""),
        )
    except (ValidationError, TransitionNotAllowed) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(f"{case_url(case)}#detentions")
    return _done(request, case, _("Release of %(person)s recorded.") % {"person": detention.person})


@login_required
@require_POST
def rehabilitation_handover_view(request: HttpRequest, case_id: int, rehabilitation_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    record = rehabilitation_list(case=case).filter(pk=rehabilitation_id).first()
    if record is None:
        raise Http404(_("No such rehabilitation."))
    try:
        rehabilitation_handover(
            rehabilitation_id=record.pk, actor=request_user(request), handed_over_at=_stop_time(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{case_url(case)}#detentions")
    return _done(request, case, _("Hand-over of the notice to %(person)s recorded.") % {"person": record.person})
