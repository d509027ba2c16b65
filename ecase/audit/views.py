"""The auditor's page: the last verifications, the checkpoints, and a case's trail exported with its proof."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ecase.api.utils import request_user
from ecase.audit.checkpoints import public_key_pem
from ecase.audit.export import audit_case_export
from ecase.audit.selectors import audit_checkpoint_recent, audit_verification_list
from ecase.models import Case
from ecase.permissions import can_verify_audit
from ecase.queue import task_named


def _auditor(request: HttpRequest) -> None:
    if not can_verify_audit(request_user(request)):
        raise Http404


@login_required
@require_GET
def audit_page(request: HttpRequest) -> HttpResponse:
    _auditor(request)
    runs = list(audit_verification_list())
    return render(
        request,
        "ecase/audit.html",
        {
            "last_run": runs[0] if runs else None,
            "runs": runs,
            "checkpoints": audit_checkpoint_recent(),
            "public_key": public_key_pem(),
        },
    )


@login_required
@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    """?case=<register number>: the case's trail with its proof, as a JSON attachment."""
    _auditor(request)
    number = request.GET.get("case", "").strip()
    try:
        # The trail is the auditor's own material (not the case file, which the role does not see): any case
        # by its register number, for a user who passed can_verify_audit.
        case = Case.objects.only("id", "number").get(number=number)
    except Case.DoesNotExist:
        raise Http404 from None
    body = json.dumps(audit_case_export(case=case), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{case.number}-audit.json"'
    return response


@login_required
@require_POST
def audit_verify_now(request: HttpRequest) -> HttpResponse:
    """Queue a verification of the whole trail (the nightly task's work, now); its run appears on the page."""
    _auditor(request)
    transaction.on_commit(lambda: task_named("ecase.audit_verify").delay())
    messages.success(request, _("A verification of the whole trail is queued; its result appears here when it ends."))
    return redirect("audit-page")
