"""Personal certificates registered to users, and the personal signatures made with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserCertificate(models.Model):
    """A user's signing certificate. A national certificate is recognised by the IIN in its subject; one
    registered here is recognised by its fingerprint too. `demo_key_pem` is set only by ``demo_pki`` for demo
    users: the software signer signs with it on the server; real users' keys never reach the server."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="certificates"
    )
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    der = models.BinaryField(_("certificate (DER)"))
    subject = models.CharField(_("subject"), max_length=500)
    issuer = models.CharField(_("issuer"), max_length=500)
    serial = models.CharField(_("serial number"), max_length=80)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    demo_key_pem = models.TextField(_("demo private key"), blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal certificate")
        verbose_name_plural = _("personal certificates")
        ordering = ["user_id", "-not_after"]

    def __str__(self) -> str:
        return self.subject


class PersonalSignature(models.Model):
    """One CMS detached signature over `payload`, accepted when `signer` did `action` to the target."""

    target_type = models.CharField(_("signed object type"), max_length=40)
    target_id = models.BigIntegerField(_("signed object"))
    action = models.CharField(_("action"), max_length=40)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.PROTECT, related_name="+"
    )
    payload = models.BinaryField(_("signed bytes"))
    payload_sha256 = models.CharField(_("SHA-256 of the signed bytes"), max_length=64)
    cms = models.BinaryField(_("CMS signature (DER)"))
    signed_at = models.DateTimeField(_("signing time"))
    cert_subject = models.CharField(_("certificate subject"), max_length=500)
    cert_issuer = models.CharField(_("certificate issuer"), max_length=500)
    cert_serial = models.CharField(_("certificate serial number"), max_length=80)
    cert_not_before = models.DateTimeField(_("certificate valid from"))
    cert_not_after = models.DateTimeField(_("certificate valid until"))
    cert_fingerprint = models.CharField(_("certificate fingerprint"), max_length=64)
    created_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal signature")
        verbose_name_plural = _("personal signatures")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="sig_target_idx")]

    def __str__(self) -> str:
        return f"{self.target_type}:{self.target_id} {self.action}"
