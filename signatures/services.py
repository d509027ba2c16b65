"""Writes of the signatures app: registering a certificate, accepting a personal signature.

``signature_accept`` is what other apps call (approvals through its signer interface, approvals/personal.py):
it verifies the CMS over the exact payload and that the certificate is the actor's, refuses with a 400-shaped
ValidationError on the ``signature`` field (and the caller's transaction rolls back: nothing changes), and
stores the signature with an audit event on the signed object.
"""

from __future__ import annotations

import base64
import binascii
from datetime import timedelta

from cryptography import x509
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.audit.services import audit_record
from ecase.models import Case, User

from . import pki
from .models import PersonalSignature, UserCertificate
from .verify import SignatureProblem, Verified, certificate_info, get_verifier


def signature_required(*, kind: str) -> bool:
    """The signature policy: is a personal signature required for `kind` (e.g. ``decision.approve``)?"""
    return kind in settings.SIGNATURE_REQUIRED


def cms_from_form(value: str) -> bytes | None:
    """A web form's hidden base64 CMS: None when empty; undecodable text becomes bytes the verifier refuses."""
    value = "".join((value or "").split())
    if not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return value.encode()[:64]


def _refuse(code: str, message: str) -> ValidationError:
    return ValidationError({"signature": ValidationError(message, code=code)})


def _belongs_to(actor: User, verified: Verified) -> bool:
    if actor.iin and verified.certificate.iin == actor.iin:
        return True
    return UserCertificate.objects.filter(user=actor, fingerprint=verified.certificate.fingerprint).exists()


def signature_accept(
    *,
    target: models.Model,
    target_type: str,
    action: str,
    actor: User,
    payload: bytes,
    cms_der: bytes,
    case: Case | None = None,
) -> PersonalSignature:
    """Verify and keep the actor's signature of `payload` for `action` on `target`. Refuses (400) a signature
    that does not verify, is not the actor's, or whose signing time is far from now."""
    try:
        verified = get_verifier().verify(payload=payload, cms_der=cms_der)
    except SignatureProblem as problem:
        raise _refuse(problem.code, problem.message) from problem
    if not _belongs_to(actor, verified):
        raise _refuse("not_yours", _("The certificate belongs to someone else, not to you."))
    skew = timedelta(seconds=settings.SIGNATURE_CLOCK_SKEW)
    if abs(timezone.now() - verified.signed_at) > skew:
        raise _refuse("stale", _("The signing time is too far from now: sign again."))
    info = verified.certificate
    with transaction.atomic():
        signature = PersonalSignature.objects.create(
            target_type=target_type,
            target_id=target.pk,
            action=action,
            signer=actor,
            payload=payload,
            payload_sha256=verified.payload_sha256,
            cms=cms_der,
            signed_at=verified.signed_at,
            cert_subject=info.subject,
            cert_issuer=info.issuer,
            cert_serial=info.serial,
            cert_not_before=info.not_before,
            cert_not_after=info.not_after,
            cert_fingerprint=info.fingerprint,
        )
        audit_record(
            action=f"{target_type}.personally_signed",
            obj=target,
            actor=actor,
            case=case,
            # The CMS and the signed bytes go into the trail itself, so a case's audit export carries them
            # (under the checkpoints' Merkle proofs) for offline verification with openssl.
            data={
                "signature": signature.pk,
                "action": action,
                "payload_sha256": verified.payload_sha256,
                "certificate": info.fingerprint,
                "subject": info.subject,
                "cms": base64.b64encode(cms_der).decode(),
                "payload": base64.b64encode(payload).decode(),
            },
        )
    return signature


def certificate_register(*, user: User, cert_der: bytes, actor: User | None, demo_key_pem: str = "") -> UserCertificate:
    """Register `user`'s certificate (idempotent by fingerprint); the demo key only for the demo PKI."""
    try:
        cert = x509.load_der_x509_certificate(cert_der)
    except ValueError as exc:
        raise ValidationError({"certificate": _("Not a readable X.509 certificate.")}) from exc
    info = certificate_info(cert)
    with transaction.atomic():
        registered, created = UserCertificate.objects.update_or_create(
            fingerprint=info.fingerprint,
            defaults={
                "user": user,
                "der": cert_der,
                "subject": info.subject,
                "issuer": info.issuer,
                "serial": info.serial,
                "not_before": info.not_before,
                "not_after": info.not_after,
                "demo_key_pem": demo_key_pem,
            },
        )
        audit_record(
            action="certificate.registered",
            obj=registered,
            actor=actor,
            data={"user": user.pk, "fingerprint": info.fingerprint, "subject": info.subject, "created": created},
        )
    return registered


def signature_demo_sign(*, actor: User, payload: bytes) -> bytes:
    """The software adapter's server half: sign `payload` with the actor's demo key. Demo users only, and only
    where SIGNATURE_DEMO_SIGNER is on (never in production)."""
    if not settings.SIGNATURE_DEMO_SIGNER:
        raise PermissionDenied(_("The software signer is off on this server."))
    registered = (
        UserCertificate.objects.filter(user=actor, not_after__gt=timezone.now())
        .exclude(demo_key_pem="")
        .order_by("-not_after")
        .first()
    )
    if registered is None:
        raise PermissionDenied(_("You have no demo signing key; use your own signer (NCALayer)."))
    cert = x509.load_der_x509_certificate(bytes(registered.der))
    return pki.cms_sign(payload=payload, key=pki.load_key(registered.demo_key_pem), cert=cert)
