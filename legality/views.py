"""Web pages of the legality app: the prosecutors' findings queue and the case page's panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ecase.models import Case, User
from ecase.pagination import paginate
from ecase.selectors import case_list_visible_to

from . import services
from .choices import FindingStatus
from .display import finding_rows
from .filters import FindingFilter
from .forms import RecordFindingForm
from .permissions import can_record_finding, can_see_findings
from .selectors import finding_list_visible_to, findings_open_for_case

PER_PAGE = 25


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Findings of the supervised cases (open ones unless a status is chosen), most severe and oldest first."""
    user: User = request.user  # type: ignore[assignment]
    if not (can_see_findings(user) and user.is_prosecutor):
        raise PermissionDenied(_("The findings queue is for prosecutors."))
    data = request.GET.copy()
    data.setdefault("status", FindingStatus.OPEN)
    filterset = FindingFilter(data, queryset=finding_list_visible_to(user=user))
    for name in ("case", "decision"):
        filterset.filters.pop(name, None)
    status = 200
    if filterset.is_valid():
        findings = filterset.qs
    else:
        findings, status = filterset.queryset.none(), 400
    context = {"filter": filterset, **paginate(request, findings, PER_PAGE)}
    context["rows"] = finding_rows(context["page"].object_list)
    return render(request, "legality/queue.html", context, status=status)


def _record_form(case: Case, data: Any = None) -> RecordFindingForm:
    decisions = list(case.decisions.order_by("created_at", "id"))  # type: ignore[attr-defined]
    return RecordFindingForm(data, decisions=decisions, prefix="finding")


def case_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    user: User = request.user  # type: ignore[assignment]
    if not can_see_findings(user):
        return None
    can_record = can_record_finding(user, case)
    return {
        "case": case,
        "findings": finding_rows(findings_open_for_case(user=user, case=case)),
        "can_queue": user.is_prosecutor,
        "can_record": can_record,
        "record_form": _record_form(case) if can_record else None,
    }


@login_required
@require_POST
def record(request: HttpRequest, case_id: int) -> HttpResponse:
    """A prosecutor records a finding by hand on a case he supervises (or one of its decisions)."""
    user: User = request.user  # type: ignore[assignment]
    case = get_object_or_404(case_list_visible_to(user=user).select_related("supervising_office"), pk=case_id)
    if not can_record_finding(user, case):
        raise PermissionDenied(_("Only a prosecutor of the supervising office may record a finding."))
    form = _record_form(case, request.POST)
    if form.is_valid():
        try:
            data = form.cleaned_data
            services.finding_record(
                actor=user,
                case_id=case.pk,
                decision_id=data["decision"],
                severity=data["severity"],
                article=data["article"],
                text=data["text"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The finding is recorded."))
            return redirect(reverse("cases:detail", args=[case.pk]) + "#legality")
    return render(request, "legality/record.html", {"case": case, "form": form}, status=400)
