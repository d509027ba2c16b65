"""The CMS (PKCS#7) verifier: a detached signature over the exact payload bytes, by a personal certificate.

It checks, in order, and stops at the first failure with a clear, translatable reason:
the CMS parses (a truncated or garbled one is refused); it is SignedData with one signer whose certificate it
carries; the signed attributes' message digest equals the digest of the payload; the signature over the signed
attributes verifies with the certificate's key (RSA PKCS#1 v1.5 or ECDSA); the certificate chains to a CA of
the trust store, each link's signature verifying and each certificate valid at the signing time; the key may
sign (digitalSignature or nonRepudiation); no certificate of the chain is revoked (signatures/revocation.py: the
CRLs of the trust store, and/or OCSP, as SIGNATURE_REVOCATION says); and
the certificate belongs to the user who acted (his IIN in the subject's serialNumber, ``IIN`` + 12 digits as
national certificates carry it, or a fingerprint registered to him).

National GOST keys (GOST R 34.10-2015 / 34.11-2015) plug in through ``SIGNATURE_VERIFIER``: an object with the
same ``verify`` signature, e.g. one calling the national certification centre's verification library.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .errors import SignatureProblem
from .revocation import revocation_checkers
from .trust import TrustStore, trust_store_load

__all__ = ["CertificateInfo", "CmsVerifier", "SignatureProblem", "Verified", "Verifier", "get_verifier"]

HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
MAX_CHAIN = 6
NAMES = {NameOID.SERIAL_NUMBER: "SERIALNUMBER"}


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    fingerprint: str
    iin: str


@dataclass(frozen=True)
class Verified:
    certificate: CertificateInfo
    certificate_der: bytes
    signed_at: datetime
    payload_sha256: str


def certificate_info(cert: x509.Certificate) -> CertificateInfo:
    serials = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    raw = str(serials[0].value) if serials else ""
    iin = raw[3:] if raw.upper().startswith("IIN") else ""
    return CertificateInfo(
        subject=cert.subject.rfc4514_string(NAMES),
        issuer=cert.issuer.rfc4514_string(NAMES),
        serial=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
        iin=iin,
    )


def _parse(cms_der: bytes) -> cms.SignedData:
    try:
        info = cms.ContentInfo.load(cms_der, strict=True)
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signed = info["content"]
        signed.native  # noqa: B018 - forces the whole structure to parse now
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise SignatureProblem("malformed", _("The signature is not a readable CMS (PKCS#7) signature.")) from exc
    return signed


def _attributes(signer_info: cms.SignerInfo) -> dict[str, object]:
    attrs = signer_info["signed_attrs"]
    if not attrs:
        raise SignatureProblem("malformed", _("The signature carries no signed attributes (time and digest)."))
    return {attr["type"].native: attr["values"][0].native for attr in attrs}


def _signer_certificate(signed: cms.SignedData, signer_info: cms.SignerInfo) -> x509.Certificate:
    sid = signer_info["sid"]
    for choice in signed["certificates"] or []:
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            ias = sid.chosen
            if cert.serial_number == ias["serial_number"].native and cert.issuer == ias["issuer"]:
                return x509.load_der_x509_certificate(cert.dump())
        elif cert.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(cert.dump())
    raise SignatureProblem("no_certificate", _("The signature does not carry the signer's certificate."))


def _check_signature(cert: x509.Certificate, signer_info: cms.SignerInfo, hash_name: str) -> None:
    signed_attrs = signer_info["signed_attrs"].dump()
    data = b"\x31" + signed_attrs[1:]  # the signature covers the attributes encoded as a SET OF (RFC 5652 5.4)
    signature = signer_info["signature"].native
    key = cert.public_key()
    algorithm = HASHES[hash_name]()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm))
        else:
            raise SignatureProblem("algorithm", _("The certificate's key algorithm is not supported here."))
    except InvalidSignature as exc:
        raise SignatureProblem("bad_signature", _("The signature does not verify with the certificate's key.")) from exc


def _valid_at(cert: x509.Certificate, at: datetime) -> bool:
    return cert.not_valid_before_utc <= at <= cert.not_valid_after_utc


def _chain(cert: x509.Certificate, store: TrustStore, at: datetime) -> list[x509.Certificate]:
    """The path from the certificate to a trust anchor, every link verified; the certificate first."""
    path = [cert]
    current = cert
    for _depth in range(MAX_CHAIN):
        if current in store.anchors and current.issuer == current.subject:
            return path
        issuer = None
        for candidate in store.issuers_of(current):
            try:
                current.verify_directly_issued_by(candidate)
            except (ValueError, TypeError, InvalidSignature):
                continue
            issuer = candidate
            break
        if issuer is None:
            if current in store.anchors:
                return path  # an intermediate configured as the anchor
            raise SignatureProblem("untrusted", _("The certificate was not issued by a trusted certification centre."))
        try:
            constraints = issuer.extensions.get_extension_for_class(x509.BasicConstraints).value
        except x509.ExtensionNotFound:
            constraints = None
        if constraints is None or not constraints.ca:
            raise SignatureProblem("untrusted", _("The certificate's issuer is not a certification authority."))
        if not _valid_at(issuer, at):
            raise SignatureProblem("expired", _("A certificate of the chain was not valid at the signing time."))
        path.append(issuer)
        if issuer.issuer == issuer.subject:
            return path
        current = issuer
    raise SignatureProblem("untrusted", _("The certificate chain is too long."))


def _check_key_usage(cert: x509.Certificate) -> None:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return  # no restriction
    if not (usage.digital_signature or usage.content_commitment):
        raise SignatureProblem("key_usage", _("The certificate may not be used to sign documents."))


class Verifier(Protocol):
    def verify(
        self, *, payload: bytes, cms_der: bytes, at_signing_time: bool = False, store: TrustStore | None = None
    ) -> Verified: ...


class CmsVerifier:
    """RSA and ECDSA signatures with SHA-2, through asn1crypto (parsing) and cryptography (the mathematics)."""

    def verify(
        self, *, payload: bytes, cms_der: bytes, at_signing_time: bool = False, store: TrustStore | None = None
    ) -> Verified:
        signed = _parse(cms_der)
        signer_infos = signed["signer_infos"]
        if len(signer_infos) != 1:
            raise SignatureProblem("malformed", _("The signature must have exactly one signer."))
        if signed["encap_content_info"]["content"].native is not None:
            raise SignatureProblem("malformed", _("The signature must be detached from the signed bytes."))
        signer_info = signer_infos[0]
        hash_name = signer_info["digest_algorithm"]["algorithm"].native
        if hash_name not in HASHES:
            raise SignatureProblem("algorithm", _("The digest algorithm is not supported here."))
        attrs = _attributes(signer_info)
        if attrs.get("message_digest") != hashlib.new(hash_name, payload).digest():
            raise SignatureProblem("other_content", _("The signature was made over other bytes than this document."))
        signing_time = attrs.get("signing_time")
        if not isinstance(signing_time, datetime):
            raise SignatureProblem("no_time", _("The signature carries no signing time."))
        signing_time = signing_time.astimezone(UTC)
        cert = _signer_certificate(signed, signer_info)
        _check_signature(cert, signer_info, hash_name)
        if not _valid_at(cert, signing_time):
            raise SignatureProblem("expired", _("The certificate was not valid at the signing time."))
        store = store or trust_store_load()
        path = _chain(cert, store, signing_time)
        _check_key_usage(cert)
        for checker in revocation_checkers():
            checker.check(path=path, store=store, revoked_before=signing_time if at_signing_time else None)
        return Verified(
            certificate=certificate_info(cert),
            certificate_der=cert.public_bytes(Encoding.DER),
            signed_at=signing_time,
            payload_sha256=hashlib.sha256(payload).hexdigest(),
        )


def get_verifier() -> Verifier:
    path = getattr(settings, "SIGNATURE_VERIFIER", "") or "signatures.verify.CmsVerifier"
    return import_string(path)()
