"""The investigator's "My decisions" and the judge's court queue (the prosecutor's inbox: views/inbox.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import permissions
from ..selectors import court_queue_for, my_decisions
from .common import _filtered_list, _user


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
