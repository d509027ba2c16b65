"""Refuse oversized request bodies with 413 before reading them."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_BODY_MAX_SIZE
        if length > limit:
            message = _("The request is larger than the limit of %(mb)s MB.") % {"mb": round(limit / 1048576, 1)}
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "too_large", "message": message, "fields": {}}, status=413)
            return HttpResponse(render_to_string("413.html", {"message": message}, request=request), status=413)
        return self.get_response(request)
