"""Template tags: the personal signatures panel of an object, and which browser signer a user gets."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils import timezone

from ..models import UserCertificate
from ..selectors import signature_check, signatures_of

register = template.Library()


@register.inclusion_tag("signatures/_panel.html")
def personal_signatures(target_type: str, target_id: int) -> dict[str, Any]:
    """The personal signatures of an object the page already shows (the caller checked its visibility)."""
    return {
        "checks": [signature_check(signature=s) for s in signatures_of(target_type=target_type, target_id=target_id)]
    }


@register.simple_tag
def signer_adapter(user: Any) -> str:
    """'software' for a demo user with a server-held key where the demo signer is on; else 'ncalayer' where
    the policy requires signatures; else '' (actions go unsigned)."""
    if settings.SIGNATURE_DEMO_SIGNER and getattr(user, "pk", None):
        has_demo_key = (
            UserCertificate.objects.filter(user=user, not_after__gt=timezone.now()).exclude(demo_key_pem="").exists()
        )
        if has_demo_key:
            return "software"
    return "ncalayer" if settings.SIGNATURE_REQUIRED else ""
