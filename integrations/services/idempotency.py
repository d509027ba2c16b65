"""Idempotency-Key on every POST under /api/: the first response is kept per caller and key for 24 hours.

A retry with the same key and the same request gets the stored response (header `Idempotent-Replayed: true`)
and changes nothing; the same key with another request gets 422; a retry while the first is still running
gets 409 (the unique constraint on (caller, key) lets exactly one request in). A first request that ends in
a server error or an authentication/permission/rate refusal keeps nothing, so it can be retried.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ecase.models import ApiToken
from integrations.models import IdempotencyRecord, ServiceToken
from integrations.services.accounts import TOKEN_PREFIX, token_hash

TTL = timedelta(hours=24)
HEADER = "Idempotency-Key"
MAX_KEY = 255
NOT_KEPT = {401, 403, 429}


def request_principal(request: HttpRequest) -> str | None:
    """Who is calling, as the key's namespace: the service account, the person, or the anonymous address.
    None for a token that authenticates nobody (the API answers 401 anyway)."""
    auth = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(auth) == 2 and auth[0].lower() == "bearer":
        digest = token_hash(auth[1])
        if auth[1].startswith(TOKEN_PREFIX):
            account_id = ServiceToken.objects.filter(key_hash=digest).values_list("account_id", flat=True).first()
            return f"svc:{account_id}" if account_id else None
        user_id = ApiToken.objects.filter(key_hash=digest).values_list("user_id", flat=True).first()
        return f"user:{user_id}" if user_id else None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"anon:{request.META.get('REMOTE_ADDR', '')}"


def request_fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/"):
        # Reading an upload's body here would defeat the upload limits: its length and type stand in for it.
        digest.update(f"{content_type.split(';')[0]} {request.META.get('CONTENT_LENGTH', '')}".encode())
    else:
        digest.update(request.body)
    return digest.hexdigest()


@dataclass(frozen=True)
class Claim:
    record: IdempotencyRecord
    fresh: bool  # True: this request runs; False: `record` is another request's


def idempotency_claim(*, principal: str, key: str, fingerprint: str) -> Claim:
    now = timezone.now()
    IdempotencyRecord.objects.filter(principal=principal, key=key, created_at__lt=now - TTL).delete()
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                principal=principal, key=key, request_hash=fingerprint, created_at=now
            )
        return Claim(record, True)
    except IntegrityError:
        existing = IdempotencyRecord.objects.filter(principal=principal, key=key).first()
        if existing is None:  # expired and deleted by a concurrent request just now: try once more
            return idempotency_claim(principal=principal, key=key, fingerprint=fingerprint)
        return Claim(existing, False)


def idempotency_complete(*, record: IdempotencyRecord, response: HttpResponse) -> None:
    if response.status_code >= 500 or response.status_code in NOT_KEPT or response.streaming:
        IdempotencyRecord.objects.filter(pk=record.pk).delete()
        return
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        status_code=response.status_code,
        content_type=response.get("Content-Type", ""),
        body=bytes(response.content),
    )


def idempotency_release(*, record: IdempotencyRecord) -> None:
    IdempotencyRecord.objects.filter(pk=record.pk).delete()


def idempotency_purge() -> int:
    """Delete the records older than 24 hours (a periodic task)."""
    return IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - TTL).delete()[0]
