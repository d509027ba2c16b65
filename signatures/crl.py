"""Refreshing the CRLs from their distribution points (SIGNATURE_CRL_URLS), for the beat task.

A downloaded CRL replaces the stored one only if a CA of the trust store signed it and it is not older than
the stored one; the file is replaced atomically, so a verification never reads half a CRL.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings

from .trust import load_crl, trust_store_load

ALLOWED_SCHEMES = ("http", "https", "file")  # file: a CRL mirrored onto the server by other means
MAX_CRL_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CrlRefresh:
    url: str
    updated: bool
    problem: str = ""


def _fetch(url: str) -> bytes:
    if urlsplit(url).scheme not in ALLOWED_SCHEMES:
        raise ValueError(f"unsupported URL scheme: {url}")
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the scheme is checked above
        data: bytes = response.read(MAX_CRL_BYTES + 1)
    if len(data) > MAX_CRL_BYTES:
        raise ValueError("the CRL is too large")
    return data


def _path_for(url: str) -> Path:
    return Path(settings.SIGNATURE_CRL_DIR) / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}.crl"


def crl_refresh(*, url: str) -> CrlRefresh:
    """Download one CRL; keep it if a trusted CA signed it and it is at least as new as the stored one."""
    try:
        crl = load_crl(_fetch(url))
    except (OSError, ValueError) as exc:
        return CrlRefresh(url=url, updated=False, problem=str(exc))
    store = trust_store_load()
    issuers = [ca for ca in store.anchors if ca.subject == crl.issuer]
    keys: list[Any] = [ca.public_key() for ca in issuers]  # RSA or EC for a CA; anything else fails the check
    if not any(crl.is_signature_valid(key) for key in keys):
        return CrlRefresh(url=url, updated=False, problem="not signed by a CA of the trust store")
    path = _path_for(url)
    if path.exists():
        stored: x509.CertificateRevocationList = load_crl(path.read_bytes())
        if stored.last_update_utc > crl.last_update_utc:
            return CrlRefresh(url=url, updated=False, problem="older than the stored CRL")
        if stored.public_bytes(Encoding.DER) == crl.public_bytes(Encoding.DER):
            return CrlRefresh(url=url, updated=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(crl.public_bytes(Encoding.PEM))
    os.replace(temporary, path)
    return CrlRefresh(url=url, updated=True)
