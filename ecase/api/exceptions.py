"""One error shape for the whole API: {"code", "message", "fields"}.

ValidationError -> 400, authentication -> 401, PermissionDenied -> 403, not visible -> 404,
TransitionNotAllowed / ConcurrentTransition / Conflict -> 409, FileTooLarge / RequestDataTooBig -> 413,
throttled -> 429. Nothing a client sends becomes a 500.
"""

from __future__ import annotations

from typing import Any

from django.core import exceptions as django_exceptions
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ecase.exceptions import Conflict, FileTooLarge


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("This action is not allowed in the current state.")
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The upload is too large.")
    default_code = "too_large"


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Field errors as the documented flat map `{"field": ["message", ...]}`: a nested serializer's or a list
    item's errors are named by their path (`attachments.0`, `person.iin`); a lone message becomes a list."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            for name, messages in _flatten(value, f"{prefix}.{key}" if prefix else str(key)).items():
                fields.setdefault(name, []).extend(messages)
        return fields
    name = prefix or "non_field_errors"
    if isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                for sub, messages in _flatten(item, f"{name}.{index}").items():
                    fields.setdefault(sub, []).extend(messages)
            else:
                fields.setdefault(name, []).append(str(item))
        return fields
    return {name: [str(detail)]}


def _translate(exc: Exception) -> Exception:
    if isinstance(exc, Conflict):
        return ConflictError(exc.message)
    if isinstance(exc, TransitionNotAllowed | ConcurrentTransition):
        return ConflictError()
    if isinstance(exc, FileTooLarge):
        return PayloadTooLarge(exc.message)
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge(_("The request body is too large."))
    if isinstance(exc, OverflowError):
        # A client's date or number outside what Python's types hold (e.g. year 0001 shifted to UTC while
        # a field is parsed): bad input, refused before anything is written.
        return exceptions.ValidationError({"non_field_errors": [_("A date or a number is out of range.")]})
    if isinstance(exc, ObjectDoesNotExist):
        return exceptions.NotFound()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, django_exceptions.PermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, django_exceptions.ValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    assert isinstance(exc, exceptions.APIException)  # noqa: S101 - drf returns a response only for these
    if isinstance(exc, exceptions.ValidationError):
        detail: Any = exc.detail
        fields = _flatten(detail)
        non_field = fields.get("non_field_errors")
        message = non_field[0] if non_field else _("The input is not valid; see the field errors.")
        response.data = {"code": "invalid", "message": message, "fields": fields}
    else:
        detail = exc.detail
        codes = exc.get_codes()
        response.data = {
            "code": codes if isinstance(codes, str) else exc.default_code,
            "message": str(detail) if not isinstance(detail, dict | list) else str(exc.default_detail),
            "fields": {},
        }
    return response
