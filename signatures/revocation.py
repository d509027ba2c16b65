"""Revocation checkers: is a certificate of the chain revoked? One interface, two backends, chosen by
``SIGNATURE_REVOCATION`` (a list: ``crl``, ``ocsp``; each one listed must pass).

- ``CrlChecker``: the CRLs of the trust store's CAs (files in ``SIGNATURE_CRL_DIR``, refreshed by the beat
  task); every link of the chain is checked against its issuer's CRL.
- ``OcspChecker``: asks an OCSP responder (RFC 6960) about the personal certificate: the responder of
  ``SIGNATURE_OCSP_URL`` when set, else the one named in the certificate's Authority Information Access. The
  request is built and the response parsed with ``cryptography.x509.ocsp``; the response must be signed by
  the issuing CA or by a responder certificate that CA issued for OCSP signing, answer for this very
  certificate, echo the nonce, and be current. ``good`` passes; ``revoked`` refuses (at the signing time: only
  if revoked before it); ``unknown`` refuses. When no usable answer comes (responder down, garbage, a forged
  or stale answer) the policy is ``SIGNATURE_OCSP_FAIL_OPEN``: off (fail closed: refuse) by default and always
  in production; on only for a development machine without a responder.
"""

from __future__ import annotations

import logging
import os
import urllib.request
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import SignatureProblem
from .trust import TrustStore

logger = logging.getLogger(__name__)

MAX_OCSP_BYTES = 1024 * 1024


class RevocationChecker(Protocol):
    def check(self, *, path: list[x509.Certificate], store: TrustStore, revoked_before: datetime | None) -> None:
        """Raise SignatureProblem when a certificate of `path` (the signer's first, up to the anchor) is revoked
        (revoked before `revoked_before`, or at all when None), or its status cannot be known under the policy."""


class CrlChecker:
    def check(self, *, path: list[x509.Certificate], store: TrustStore, revoked_before: datetime | None) -> None:
        for cert, issuer in zip(path, path[1:], strict=False):
            for crl in store.crls_of(issuer):
                entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
                if entry is None:
                    continue
                if revoked_before is None or entry.revocation_date_utc <= revoked_before:
                    raise SignatureProblem("revoked", _("The certificate is revoked (certificate revocation list)."))


class OcspUnavailable(Exception):
    """No usable OCSP answer (the reason is for the log, not for people)."""


def _aia_ocsp_url(cert: x509.Certificate) -> str:
    try:
        access = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return ""
    for description in access:
        if description.access_method == AuthorityInformationAccessOID.OCSP:
            value = description.access_location.value
            return str(value)
    return ""


def _verify_with(key: Any, signature: bytes, data: bytes, algorithm: hashes.HashAlgorithm | None) -> None:
    if algorithm is None:
        raise OcspUnavailable("the response names no hash algorithm")
    if isinstance(key, rsa.RSAPublicKey):
        key.verify(signature, data, padding.PKCS1v15(), algorithm)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, data, ec.ECDSA(algorithm))
    else:
        raise OcspUnavailable("unsupported responder key")


def _responder_key(response: ocsp.OCSPResponse, issuer: x509.Certificate) -> Any:
    """The key that must have signed the response: the issuer's own, or a delegated responder certificate the
    issuer signed with the OCSP-signing extended key usage (RFC 6960 4.2.2.2)."""

    def named(cert: x509.Certificate) -> bool:
        if response.responder_name is not None:
            return cert.subject == response.responder_name
        # byKey: the SHA-1 of the responder's public key bits, which is the RFC 5280 key identifier (method 1)
        return response.responder_key_hash == x509.SubjectKeyIdentifier.from_public_key(cert.public_key()).digest

    if named(issuer):
        return issuer.public_key()
    for candidate in response.certificates:
        if not named(candidate):
            continue
        try:
            candidate.verify_directly_issued_by(issuer)
            usage = candidate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound) as exc:
            raise OcspUnavailable("the responder certificate is not the issuer's") from exc
        if ExtendedKeyUsageOID.OCSP_SIGNING not in usage:
            raise OcspUnavailable("the responder certificate may not sign OCSP responses")
        now = datetime.now(UTC)
        if not candidate.not_valid_before_utc <= now <= candidate.not_valid_after_utc:
            raise OcspUnavailable("the responder certificate is not valid now")
        return candidate.public_key()
    raise OcspUnavailable("the response is signed by an unknown responder")


class OcspChecker:
    def __init__(self, *, url: str | None = None, timeout: float | None = None, fail_open: bool | None = None) -> None:
        self.url = settings.SIGNATURE_OCSP_URL if url is None else url
        self.timeout = settings.SIGNATURE_OCSP_TIMEOUT if timeout is None else timeout
        self.fail_open = settings.SIGNATURE_OCSP_FAIL_OPEN if fail_open is None else fail_open

    def check(self, *, path: list[x509.Certificate], store: TrustStore, revoked_before: datetime | None) -> None:
        if len(path) < 2:
            return  # a trust anchor itself: nothing to ask
        cert, issuer = path[0], path[1]
        try:
            single = self.status(cert, issuer)
        except OcspUnavailable as exc:
            logger.warning("OCSP check of certificate %x failed: %s", cert.serial_number, exc)
            if self.fail_open:
                return
            raise SignatureProblem(
                "revocation_unavailable",
                _("The certificate's revocation status could not be checked (the OCSP responder did not answer)."),
            ) from exc
        if single.certificate_status == ocsp.OCSPCertStatus.REVOKED:
            revoked_at = single.revocation_time_utc
            if revoked_before is None or revoked_at is None or revoked_at <= revoked_before:
                raise SignatureProblem("revoked", _("The certificate is revoked (OCSP)."))
        elif single.certificate_status == ocsp.OCSPCertStatus.UNKNOWN:
            raise SignatureProblem(
                "revocation_unknown", _("The certification centre's OCSP responder does not know this certificate.")
            )

    def status(self, cert: x509.Certificate, issuer: x509.Certificate) -> ocsp.OCSPSingleResponse:
        """Ask the responder about `cert`: the verified single response for it, or OcspUnavailable."""
        url = self.url or _aia_ocsp_url(cert)
        if not url:
            raise OcspUnavailable("no OCSP responder configured or named in the certificate")
        if urlsplit(url).scheme not in ("http", "https"):
            raise OcspUnavailable(f"unsupported OCSP URL {url}")
        nonce = os.urandom(16)
        request = (
            ocsp.OCSPRequestBuilder()
            .add_certificate(cert, issuer, hashes.SHA1())  # noqa: S303 - CertID hashes: SHA-1 is what responders expect
            .add_extension(x509.OCSPNonce(nonce), critical=False)
            .build()
        )
        http = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            url,
            data=request.public_bytes(Encoding.DER),
            headers={"Content-Type": "application/ocsp-request", "Accept": "application/ocsp-response"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(http, timeout=self.timeout) as answer:  # noqa: S310
                data: bytes = answer.read(MAX_OCSP_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise OcspUnavailable(f"{url}: {exc}") from exc
        try:
            response = ocsp.load_der_ocsp_response(data)
        except ValueError as exc:
            raise OcspUnavailable("not an OCSP response") from exc
        if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
            raise OcspUnavailable(f"responder status {response.response_status.name}")
        key = _responder_key(response, issuer)
        try:
            _verify_with(key, response.signature, response.tbs_response_bytes, response.signature_hash_algorithm)
        except InvalidSignature as exc:
            raise OcspUnavailable("the response's signature does not verify") from exc
        self._check_nonce(response, nonce)
        for single in response.responses:
            if single.serial_number == cert.serial_number and self._same_issuer(single, issuer):
                self._check_current(single)
                return single
        raise OcspUnavailable("the response does not answer for this certificate")

    @staticmethod
    def _check_nonce(response: ocsp.OCSPResponse, nonce: bytes) -> None:
        try:
            echoed = response.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
        except x509.ExtensionNotFound:
            return  # responders may pre-produce answers without a nonce; freshness is checked instead
        if echoed != nonce:
            raise OcspUnavailable("the response's nonce is not ours (a replay?)")

    @staticmethod
    def _same_issuer(single: ocsp.OCSPSingleResponse, issuer: x509.Certificate) -> bool:
        digest = hashes.Hash(single.hash_algorithm)
        digest.update(issuer.subject.public_bytes())
        return digest.finalize() == single.issuer_name_hash

    @staticmethod
    def _check_current(single: ocsp.OCSPSingleResponse) -> None:
        now = datetime.now(UTC)
        skew = timedelta(seconds=settings.SIGNATURE_CLOCK_SKEW)
        if single.this_update_utc > now + skew:
            raise OcspUnavailable("the response is from the future")
        if single.next_update_utc is not None and single.next_update_utc < now - skew:
            raise OcspUnavailable("the response is stale")


CHECKERS: dict[str, type[CrlChecker] | type[OcspChecker]] = {"crl": CrlChecker, "ocsp": OcspChecker}


def revocation_checkers() -> list[RevocationChecker]:
    """The checkers of SIGNATURE_REVOCATION, in order (an unknown name is a configuration error)."""
    return [CHECKERS[name.strip().lower()]() for name in settings.SIGNATURE_REVOCATION if name.strip()]
