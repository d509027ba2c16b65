"""The citizen's pages: file a complaint (with an account or anonymously), track it, read the answer and
the record of the personal explanation, appeal; and a simple sign-up for a citizen account.

Filing, sign-up and look-ups are rate-limited per address (and filings per IIN too): over the limit the
page answers 429 and nothing is written. An anonymous complainant proves ownership with the tracking
number and the secret access key; after a successful look-up the session remembers the complaint, so the
key is typed once and never travels in a URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from complaints import permissions, ratelimit, services
from complaints.choices import APPEALABLE_STATUSES
from complaints.forms import AnonymousAppealForm, AppealForm, CitizenSignupForm, ComplaintFileForm, TrackForm
from complaints.models import Complaint
from complaints.selectors import (
    complaint_appeal,
    complaint_get_by_access_key,
    complaint_get_key_protected,
    complaint_get_of_citizen,
    complaint_list_of_citizen,
    normalise_tracking_number,
)
from ecase.exceptions import Conflict, FileTooLarge
from ecase.forms import add_service_errors
from ecase.models import User

SESSION_FILED = "complaints_filed"
SESSION_ACCESS = "complaints_access"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def too_many(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(request, "complaints/429.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


def _grant(request: HttpRequest, tracking_number: str) -> None:
    granted = [n for n in request.session.get(SESSION_ACCESS, []) if n != tracking_number]
    request.session[SESSION_ACCESS] = [*granted[-9:], tracking_number]


def _granted(request: HttpRequest, tracking_number: str) -> bool:
    return tracking_number in request.session.get(SESSION_ACCESS, [])


@require_http_methods(["GET", "POST"])
def file(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    staff = user.is_authenticated and user.is_prosecutor
    if not staff and not permissions.can_file_publicly(user):
        raise PermissionDenied(_("Complaints are filed by citizens, or entered by prosecutors."))
    form = ComplaintFileForm(user=user)
    status = 200
    if request.method == "POST":
        wait = 0 if staff else ratelimit.hit("public", f"ip:{ratelimit.client_ip(request)}")
        if wait:
            return too_many(request, wait)
        form = ComplaintFileForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            iin = form.cleaned_data["complainant_iin"]
            wait = 0 if staff else ratelimit.hit("public", f"iin:{iin}")
            if wait:
                return too_many(request, wait)
            try:
                complaint, key = services.complaint_file(
                    actor=user if user.is_authenticated else None, **form.service_kwargs()
                )
            except FileTooLarge as exc:
                form.add_error("attachments", exc.message)
                return render(request, "complaints/file.html", {"form": form, "staff": staff}, status=413)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return _after_filing(request, complaint, key)
        status = 400
    return render(request, "complaints/file.html", {"form": form, "staff": staff}, status=status)


def _after_filing(request: HttpRequest, complaint: Complaint, key: str) -> HttpResponse:
    user = _user(request)
    if user.is_authenticated and user.is_prosecutor:
        messages.success(request, _("Complaint %(n)s entered.") % {"n": complaint.tracking_number})
        return redirect("complaints:detail", pk=complaint.pk)
    if user.is_authenticated:
        messages.success(request, _("Your complaint %(n)s has been filed.") % {"n": complaint.tracking_number})
        return redirect("complaints:my-detail", tracking_number=complaint.tracking_number)
    # The key is shown once, on the next page; only its hash is stored.
    request.session[SESSION_FILED] = {"tracking_number": complaint.tracking_number, "key": key}
    _grant(request, complaint.tracking_number)
    return redirect("complaints:filed")


@require_GET
def filed(request: HttpRequest) -> HttpResponse:
    shown = request.session.pop(SESSION_FILED, None)
    response = render(request, "complaints/filed.html", {"shown": shown})
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        wait = ratelimit.hit("public_lookup", f"ip:{ratelimit.client_ip(request)}")
        if wait:
            return too_many(request, wait)
        status = 400
        if form.is_valid():
            number = normalise_tracking_number(form.cleaned_data["tracking_number"])
            try:
                complaint_get_by_access_key(tracking_number=number, key=form.cleaned_data["access_key"])
            except Complaint.DoesNotExist:
                form.add_error(None, _("No complaint matches this tracking number and access key."))
                status = 404
            else:
                _grant(request, number)
                return redirect("complaints:track-status", tracking_number=number)
    return render(request, "complaints/track.html", {"form": form}, status=status)


def _status_page(
    request: HttpRequest,
    complaint: Complaint,
    *,
    appeal_url: str,
    back_url: str,
    appeal_form: AppealForm | None = None,
    anonymous: bool = False,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "complaint": complaint,
        "appeal": complaint_appeal(complaint=complaint),
        "can_appeal": complaint.status in APPEALABLE_STATUSES,
        "appeal_form": appeal_form or (AnonymousAppealForm() if anonymous else AppealForm()),
        "appeal_url": appeal_url,
        "back_url": back_url,
    }
    return render(request, "complaints/status.html", context, status=status)


def _anonymous_complaint(request: HttpRequest, tracking_number: str) -> Complaint | None:
    """The complaint this browser proved the key of (the session grant), or None."""
    number = normalise_tracking_number(tracking_number)
    if not _granted(request, number):
        return None
    try:
        return complaint_get_key_protected(tracking_number=number)
    except Complaint.DoesNotExist:
        return None


@require_GET
def track_status(request: HttpRequest, tracking_number: str) -> HttpResponse:
    complaint = _anonymous_complaint(request, tracking_number)
    if complaint is None:
        messages.info(request, _("Enter the tracking number and the access key to see the complaint."))
        return redirect("complaints:track")
    return _status_page(
        request,
        complaint,
        appeal_url=reverse("complaints:track-appeal", args=[complaint.tracking_number]),
        back_url=reverse("complaints:track"),
        anonymous=True,
    )


def _appeal_result(request: HttpRequest, appeal: Complaint) -> None:
    messages.success(
        request,
        _("Your appeal %(n)s has been sent to %(office)s.") % {"n": appeal.tracking_number, "office": appeal.office},
    )


@require_POST
def track_appeal(request: HttpRequest, tracking_number: str) -> HttpResponse:
    complaint = _anonymous_complaint(request, tracking_number)
    if complaint is None:
        return redirect("complaints:track")
    wait = ratelimit.hit("public", f"ip:{ratelimit.client_ip(request)}")
    if wait:
        return too_many(request, wait)
    form = AnonymousAppealForm(request.POST)
    if form.is_valid():
        try:
            appeal = services.complaint_appeal_anonymous(
                tracking_number=complaint.tracking_number,
                access_key=form.cleaned_data["access_key"],
                text=form.cleaned_data["text"],
            )
        except Complaint.DoesNotExist:
            form.add_error("access_key", _("The access key does not match this complaint."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            _grant(request, appeal.tracking_number)
            _appeal_result(request, appeal)
            return redirect("complaints:track-status", tracking_number=appeal.tracking_number)
    return _status_page(
        request,
        complaint,
        appeal_url=reverse("complaints:track-appeal", args=[complaint.tracking_number]),
        back_url=reverse("complaints:track"),
        appeal_form=form,
        anonymous=True,
        status=400,
    )


def _citizen(request: HttpRequest) -> User:
    user = _user(request)
    if not user.is_citizen:
        raise PermissionDenied(_("This page is for citizens."))
    return user


@login_required
@require_GET
def my_list(request: HttpRequest) -> HttpResponse:
    user = _citizen(request)
    return render(request, "complaints/my_list.html", {"complaints": complaint_list_of_citizen(user=user)})


def _own(request: HttpRequest, tracking_number: str) -> Complaint:
    try:
        return complaint_get_of_citizen(user=_citizen(request), tracking_number=tracking_number)
    except Complaint.DoesNotExist as exc:
        raise Http404(_("No such complaint.")) from exc


@login_required
@require_GET
def my_detail(request: HttpRequest, tracking_number: str) -> HttpResponse:
    complaint = _own(request, tracking_number)
    return _status_page(
        request,
        complaint,
        appeal_url=reverse("complaints:my-appeal", args=[complaint.tracking_number]),
        back_url=reverse("complaints:my"),
    )


@login_required
@require_POST
def my_appeal(request: HttpRequest, tracking_number: str) -> HttpResponse:
    complaint = _own(request, tracking_number)
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            appeal = services.complaint_appeal(
                complaint_id=complaint.pk, actor=_user(request), text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            _appeal_result(request, appeal)
            return redirect("complaints:my-detail", tracking_number=appeal.tracking_number)
    return _status_page(
        request,
        complaint,
        appeal_url=reverse("complaints:my-appeal", args=[complaint.tracking_number]),
        back_url=reverse("complaints:my"),
        appeal_form=form,
        status=400,
    )


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if _user(request).is_authenticated:
        return redirect("home")
    form = CitizenSignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        wait = ratelimit.hit("public", f"ip:{ratelimit.client_ip(request)}")
        if wait:
            return too_many(request, wait)
        if form.is_valid():
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account has been created. You can file a complaint now."))
            return redirect("complaints:file")
        status = 400
    return render(request, "complaints/signup.html", {"form": form}, status=status)
