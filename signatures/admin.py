"""Admin: the certificate registry and the personal signatures, read-only (they change only through the
services: ``manage.py register_certificate``, ``demo_pki``, and the signed actions)."""

from __future__ import annotations

from django.contrib import admin

from ecase.admin_base import ReadOnlyAdmin

from .models import PersonalSignature, UserCertificate


@admin.register(UserCertificate)
class UserCertificateAdmin(ReadOnlyAdmin):
    list_display = ["user", "subject", "issuer", "serial", "not_before", "not_after"]
    search_fields = ["user__username", "subject", "fingerprint", "serial"]
    list_select_related = ["user"]
    exclude = ["der", "demo_key_pem"]


@admin.register(PersonalSignature)
class PersonalSignatureAdmin(ReadOnlyAdmin):
    list_display = ["target_type", "target_id", "action", "signer", "signed_at", "cert_subject"]
    list_filter = ["target_type", "action"]
    search_fields = ["signer__username", "cert_subject", "cert_fingerprint"]
    list_select_related = ["signer"]
    exclude = ["payload", "cms"]
