"""The CRL refresh: a CRL signed by a trusted CA replaces the stored one (then the revoked certificate is
refused); one signed by an unknown CA, or older, is ignored; a second run changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding

from signatures import pki
from signatures.crl import crl_refresh
from signatures.tasks import crl_refresh_task
from signatures.verify import CmsVerifier, SignatureProblem


def test_a_trusted_crl_is_fetched_and_used(demo_pki, tmp_path, settings):
    personal = pki.issue(common_name="Soon revoked", issuer=demo_pki.intermediate())
    cms = pki.cms_sign(payload=b"x", key=personal.key, cert=personal.cert)
    CmsVerifier().verify(payload=b"x", cms_der=cms)
    published = tmp_path / "published.crl"
    crl = pki.crl_build(issuer=demo_pki.intermediate(), revoked=[personal.cert])
    published.write_bytes(crl.public_bytes(Encoding.DER))
    settings.SIGNATURE_CRL_URLS = [published.as_uri()]
    assert crl_refresh_task() == 1
    assert crl_refresh_task() == 0  # idempotent
    try:
        CmsVerifier().verify(payload=b"x", cms_der=cms)
    except SignatureProblem as problem:
        assert problem.code == "revoked"
    else:
        raise AssertionError("the revoked certificate verified")


def test_an_untrusted_or_older_crl_is_ignored(demo_pki, tmp_path):
    rogue = pki.pki_create(directory=tmp_path / "rogue")
    forged = tmp_path / "forged.crl"
    forged.write_bytes(pki.crl_build(issuer=rogue.intermediate, revoked=[]).public_bytes(Encoding.PEM))
    result = crl_refresh(url=forged.as_uri())
    assert not result.updated and "trust store" in result.problem
    good = tmp_path / "good.crl"
    good.write_bytes(pki.crl_build(issuer=demo_pki.intermediate(), revoked=[]).public_bytes(Encoding.PEM))
    assert crl_refresh(url=good.as_uri()).updated
    older = demo_pki.intermediate()
    stale = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(older.cert.subject)
        .last_update(datetime.now(UTC) - timedelta(days=3))
        .next_update(datetime.now(UTC) + timedelta(days=3))
        .sign(older.key, hashes.SHA256())
    )
    good.write_bytes(stale.public_bytes(Encoding.PEM))
    result = crl_refresh(url=good.as_uri())
    assert not result.updated and "older" in result.problem
    assert not crl_refresh(url="ftp://example.invalid/x.crl").updated
