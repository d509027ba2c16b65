"""The trust store and the revocation lists the verifier reads: PEM/DER files in configured directories.

``SIGNATURE_TRUST_DIR`` holds the trusted CA certificates (roots and intermediates, ``*.pem``/``*.crt``/``*.cer``);
``SIGNATURE_CRL_DIR`` holds the CRLs (``*.crl``, PEM or DER), refreshed by ``signatures.tasks.crl_refresh`` from
``SIGNATURE_CRL_URLS``. Both are read at each verification: a replaced file takes effect at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from django.conf import settings

CA_SUFFIXES = (".pem", ".crt", ".cer")


def _load_certificates(data: bytes) -> list[x509.Certificate]:
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def load_crl(data: bytes) -> x509.CertificateRevocationList:
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_crl(data)
    return x509.load_der_x509_crl(data)


@dataclass(frozen=True)
class TrustStore:
    anchors: tuple[x509.Certificate, ...]
    crls: tuple[x509.CertificateRevocationList, ...]

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        return [ca for ca in self.anchors if ca.subject == cert.issuer]

    def crls_of(self, issuer: x509.Certificate) -> list[x509.CertificateRevocationList]:
        """The CRLs issued by `issuer` whose signature verifies with its key (a forged CRL is ignored)."""
        key: Any = issuer.public_key()  # RSA or EC for a CA; anything else fails the check
        return [crl for crl in self.crls if crl.issuer == issuer.subject and crl.is_signature_valid(key)]


def _files(directory: str, suffixes: tuple[str, ...]) -> list[Path]:
    if not directory:
        return []
    root = Path(directory)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def trust_store_load(*, trust_dir: str | None = None, crl_dir: str | None = None) -> TrustStore:
    trust_dir = settings.SIGNATURE_TRUST_DIR if trust_dir is None else trust_dir
    crl_dir = settings.SIGNATURE_CRL_DIR if crl_dir is None else crl_dir
    anchors: list[x509.Certificate] = []
    for path in _files(str(trust_dir), CA_SUFFIXES):
        anchors.extend(_load_certificates(path.read_bytes()))
    crls = [load_crl(path.read_bytes()) for path in _files(str(crl_dir), (".crl",))]
    return TrustStore(anchors=tuple(anchors), crls=tuple(crls))
