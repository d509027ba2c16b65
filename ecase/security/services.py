"""Writes of the security package: lockout records, second-factor enrolment."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecase.audit.services import audit_record
from ecase.choices import Role
from ecase.models import User
from ecase.models.notifications import NotificationLevel
from ecase.notifications.services import notification_create


def login_lockout_record(*, username: str, ip_address: str, path: str) -> None:
    """One lockout: an audit event (on the account when it exists) and an urgent notice to every auditor."""
    with transaction.atomic():
        account = User.objects.filter(username=username).first() if username else None
        obj: models.Model | None = account
        if obj is None:
            obj = AccessAttempt.objects.filter(username=username, ip_address=ip_address).order_by("-id").first()
        if obj is None:
            return
        audit_record(
            action="login.locked_out",
            obj=obj,
            actor=None,
            data={"username": username[:150], "ip_address": ip_address, "path": path[:200]},
        )
        for auditor in User.objects.filter(role=Role.AUDITOR, is_active=True):
            notification_create(
                user=auditor,
                title=_("Log-in lockout: %(username)s from %(ip)s") % {"username": username[:60], "ip": ip_address},
                body=_("Repeated failed log-ins at %(path)s locked the account and the address.") % {"path": path},
                url=reverse("admin:axes_accessattempt_changelist"),
                level=NotificationLevel.URGENT,
            )


def otp_enrolment_start(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device for the user (the same one until confirmed, so a reload keeps the QR)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="eCase", confirmed=False)
        return device


def otp_enrolment_confirm(*, user: User, device_id: int, token: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the device with a first code; replace any earlier devices and issue new recovery codes
    (returned once, stored hashed by django-otp's static device). None if the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, pk=device_id, confirmed=False).first()
        if device is None or not device.verify_token(token):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_issue(user=user)
        audit_record(action="otp.enrolled", obj=user, actor=user, data={"device": device.pk})
        audit_record(action="otp.recovery_codes_issued", obj=user, actor=user, data={"count": len(codes)})
        return device, codes


def _recovery_codes_issue(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _i in range(settings.OTP_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def otp_verify(*, user: User, token: str) -> Device | None:
    """Check a TOTP code or a recovery code; a used recovery code is spent and audited."""
    with transaction.atomic():
        device = match_token(user, token.replace(" ", ""))
        if isinstance(device, StaticDevice):
            remaining = StaticToken.objects.filter(device=device).count()
            audit_record(action="otp.recovery_code_used", obj=user, actor=user, data={"remaining": remaining})
        return device


def login_lockout_lift(*, attempts: models.QuerySet[AccessAttempt], actor: User) -> int:
    """An admin lifts lockouts: the access attempts go, each lift an audit event naming the admin."""
    with transaction.atomic():
        lifted = 0
        for attempt in attempts.select_for_update():
            account = User.objects.filter(username=attempt.username).first() if attempt.username else None
            audit_record(
                action="login.lockout_lifted",
                obj=account if account is not None else attempt,
                actor=actor,
                data={"username": (attempt.username or "")[:150], "ip_address": attempt.ip_address or ""},
            )
            attempt.delete()
            lifted += 1
        return lifted
