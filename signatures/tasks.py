"""Celery tasks of the signatures app (thin). Beat: ``signatures.crl_refresh`` hourly (migration 0002)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from .crl import crl_refresh


@shared_task(name="signatures.crl_refresh", acks_late=True, ignore_result=True, soft_time_limit=240, time_limit=300)
def crl_refresh_task() -> int:
    """Refresh every configured CRL; idempotent (an unchanged CRL is not rewritten). Returns how many changed."""
    return sum(crl_refresh(url=url).updated for url in settings.SIGNATURE_CRL_URLS)
