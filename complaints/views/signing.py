"""The complaint page's signing step: the exact bytes the browser signer signs for an answer or for the record
of a personal explanation, computed from the very form the user is about to send (same prefix, same cleaning
as the action itself), so the signature matches what the action checks. Nothing is written.

POST /complaints/<pk>/<action>/signing-payload/ → 200 {"action", "payload" (base64), "payload_sha256"}; an
invalid form → 400 {"code": "invalid", "fields": {...}} (the browser then sends the form as it is, and the
page shows the field errors); a user who may not take the action → 403; an invisible complaint → 404.
"""

from __future__ import annotations

import base64
import hashlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints.personal import action_facts, may_sign, signing_payload

from .staff import ACTIONS, _form_for, _staff_only, _visible


@login_required
@require_POST
def bytes_to_sign(request: HttpRequest, pk: int, action: str) -> JsonResponse:
    user = _staff_only(request)
    spec = ACTIONS.get(action)
    if spec is None or not spec.signed:
        raise Http404(_("No such action."))
    complaint = _visible(user, pk)
    if not may_sign(user, complaint, spec.signed):
        raise PermissionDenied(_("You may not do this with this complaint."))
    form = _form_for(spec, user, request.POST)
    if not form.is_valid():
        fields = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        return JsonResponse({"code": "invalid", "message": _("Correct the form."), "fields": fields}, status=400)
    facts = action_facts(complaint=complaint, actor=user, action=spec.signed, data=form.cleaned_data)
    payload = signing_payload(complaint=complaint, actor=user, action=spec.signed, facts=facts)
    return JsonResponse(
        {
            "action": spec.signed,
            "payload": base64.b64encode(payload).decode(),
            "payload_sha256": hashlib.sha256(payload).hexdigest(),
        }
    )
