"""Optimistic concurrency for the API: `ETag` on the detail of a case, a decision or a complaint, and
`If-Match` on every write to one (PATCH and the POST actions): a stale version answers 412, so two systems
do not overwrite each other.

The version of an object is the newest audit event concerning it (for a case, also every event of its
materials): every change writes one in its own transaction, so the version changes exactly when the object
does, and costs one indexed query. The check runs as an object permission — after the visibility filter,
so an invisible object still answers 404, never 412. It is a check before the service runs, not inside its
row lock: two writers that both pass it within the same instant are still serialised by the services
(row locks, FSM conflicts answer 409).
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, status

from ecase.models import AuditEvent
from integrations.models import ServiceToken

RESOURCES = {"cases": "ecase.case", "decisions": "approvals.proceduraldecision", "complaints": "complaints.complaint"}
DETAIL = re.compile(r"^/api/v1/(cases|decisions|complaints)/(\d+)/$")


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The object has changed since you read it: read it again (If-Match is stale).")
    default_code = "precondition_failed"


def object_etag(*, label: str, pk: int) -> str:
    events = Q(object_type=label, object_id=str(pk))
    if label == "ecase.case":
        events |= Q(case_id=pk)
    seq = AuditEvent.objects.filter(events).aggregate(v=Max("seq"))["v"] or 0
    return f'"{label}.{pk}.{seq}"'


def _matches(header: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _("This service account must send If-Match (the ETag of the object as read) with every write.")
    default_code = "precondition_required"


def _requires_if_match(request: Any) -> bool:
    """The caller is a service account set to require If-Match (read from its token: no query)."""
    token = request.auth
    return isinstance(token, ServiceToken) and token.account.require_if_match


class IfMatch(permissions.BasePermission):
    """A write to an object with a stale If-Match fails with 412. A write without If-Match is let through,
    unless the caller is a service account set to require it (`require_if_match`): then 428."""

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        label = obj._meta.label_lower
        if label not in RESOURCES.values():
            return True
        header = request.META.get("HTTP_IF_MATCH")
        if header is None:
            if _requires_if_match(request):
                raise PreconditionRequired()
            return True
        if not _matches(header, object_etag(label=label, pk=obj.pk)):
            raise PreconditionFailed()
        return True


class ETagMiddleware:
    """Adds the version as ETag to a successful GET of a case's, a decision's or a complaint's detail."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200:
            match = DETAIL.match(request.path)
            if match:
                response["ETag"] = object_etag(label=RESOURCES[match.group(1)], pk=int(match.group(2)))
        return response
