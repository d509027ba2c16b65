"""The notification centre pages: the list of the user's notifications, mark one or all as read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ecase.api.utils import request_user
from ecase.models import DeliveryChannel, Notification
from ecase.notifications.forms import PreferencesForm
from ecase.notifications.preferences import CHANNEL_FIELDS
from ecase.notifications.selectors import notification_list_visible_to, notification_unread_count
from ecase.notifications.services import notification_mark_all_read, notification_mark_read
from ecase.pagination import paginate

PAGE_SIZE = 25


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    unread_only = request.GET.get("unread") == "1"
    notifications = notification_list_visible_to(user=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return render(
        request,
        "ecase/notifications.html",
        {
            **paginate(request, notifications, PAGE_SIZE),
            "unread_only": unread_only,
            "unread_count": notification_unread_count(user=user),
            "rendered_at": timezone.now().isoformat(),
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notification = notification_mark_read(notification_id=pk, actor=request_user(request))
    except Notification.DoesNotExist:
        raise Http404 from None
    target = notification.url if request.POST.get("open") else request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("up_to", "")
    try:
        up_to = parse_datetime(raw) if raw else None
    except ValueError:
        up_to = None
    if raw and up_to is None:
        messages.error(request, _("The page was out of date; nothing was marked. Please try again."))
        return redirect("notifications:list")
    if up_to is not None and timezone.is_naive(up_to):
        up_to = timezone.make_aware(up_to)
    marked = notification_mark_all_read(actor=request_user(request), up_to=up_to)
    messages.success(request, _("Marked %(count)d notifications as read.") % {"count": marked})
    return redirect("notifications:list")


@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """Which events reach the user by which channel, the language of e-mail and SMS, the phone number."""
    user = request_user(request)
    form = PreferencesForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError:
            pass  # the errors are on the form; nothing was changed
        else:
            messages.success(request, _("Your notification settings were saved."))
            return redirect("notifications:preferences")
    return render(
        request,
        "ecase/notification_preferences.html",
        {"form": form, "rows": form.bound_rows(), "channels": [DeliveryChannel(c).label for c in CHANNEL_FIELDS]},
        status=400 if form.errors else 200,
    )
