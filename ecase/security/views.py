"""Second-factor pages (enrolment with a server-rendered QR, verification after the password) and the
health probes used by the containers."""

from __future__ import annotations

import base64

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device

from ecase.models import User
from ecase.security.forms import TokenForm
from ecase.security.services import otp_enrolment_confirm, otp_enrolment_start, otp_verify


def _next_url(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return reverse("home")


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required
    if not user_has_device(user, confirmed=True):
        return HttpResponseRedirect(f"{reverse('otp-enrol')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = otp_verify(user=user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("The code is wrong or expired."))
    return render(request, "registration/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def otp_enrol_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required
    verified = user.is_verified()  # type: ignore[attr-defined]  # django-otp's OTPMiddleware adds it
    if user_has_device(user, confirmed=True) and not verified:
        # Replacing a device needs the current one first: a stolen password alone cannot re-enrol.
        return HttpResponseRedirect(f"{reverse('otp-verify')}?next={reverse('otp-enrol')}")
    device = otp_enrolment_start(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = otp_enrolment_confirm(user=user, device_id=device.pk, token=form.cleaned_data["token"])
        if result is not None:
            confirmed, codes = result
            otp_login(request, confirmed)
            context: dict[str, object] = {"codes": codes, "next": _next_url(request)}
            return render(request, "registration/otp_recovery_codes.html", context)
        form.add_error("token", _("The code is wrong or expired."))
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
    context = {
        "form": form,
        "qr": qr,
        "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
        "next": _next_url(request),
    }
    return render(request, "registration/otp_enrol.html", context)
