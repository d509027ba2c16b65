"""Web pages of the legality app: the prosecutors' findings queue and the case page's panel."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ecase.models import Case, User
from ecase.pagination import paginate

from .choices import FindingStatus
from .filters import FindingFilter
from .permissions import can_see_findings
from .registry import rule_get
from .selectors import finding_list_visible_to, findings_open_for_case

PER_PAGE = 25


def _rows(findings: Any) -> list[dict[str, Any]]:
    return [{"finding": f, "rule": rule_get(f.rule)} for f in findings]


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
    context["rows"] = _rows(context["page"].object_list)
    return render(request, "legality/queue.html", context, status=status)


def case_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    user: User = request.user  # type: ignore[assignment]
    if not can_see_findings(user):
        return None
    return {
        "findings": _rows(findings_open_for_case(user=user, case=case)),
        "can_queue": user.is_prosecutor,
    }
