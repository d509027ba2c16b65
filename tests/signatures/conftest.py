from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509

from signatures import pki
from signatures.demo import demo_pki_create
from signatures.models import UserCertificate
from tests.approvals.factories import DecisionMaker
from tests.complaints.conftest import _clean_cache, _kinds, complaint_in, file_complaint  # noqa: F401 (fixtures)


@dataclass
class Pki:
    directory: Path

    def key_of(self, user) -> tuple[pki.PrivateKey, x509.Certificate]:
        """The user's current (unrevoked, longest-valid) demo key and certificate."""
        registered = UserCertificate.objects.filter(user=user).exclude(demo_key_pem="").order_by("-not_after").first()
        assert registered is not None
        return pki.load_key(registered.demo_key_pem), x509.load_der_x509_certificate(bytes(registered.der))

    def sign(self, user, payload: bytes) -> bytes:
        key, cert = self.key_of(user)
        return pki.cms_sign(payload=payload, key=key, cert=cert)

    def intermediate(self) -> pki.Issued:
        key = pki.load_key((self.directory / "intermediate-key.pem").read_text())
        cert = x509.load_pem_x509_certificate((self.directory / "trust" / "intermediate.pem").read_bytes())
        return pki.Issued(key=key, cert=cert)

    def revoked(self) -> tuple[pki.PrivateKey, x509.Certificate]:
        key = pki.load_key((self.directory / "revoked-key.pem").read_text())
        return key, x509.load_pem_x509_certificate((self.directory / "revoked-cert.pem").read_bytes())


@pytest.fixture
def demo_pki(world, tmp_path, settings) -> Pki:
    """A fresh demo PKI in a temporary directory, configured as the trust store; prosecutor_a1 is first (his
    second certificate is the revoked one)."""
    settings.SIGNATURE_TRUST_DIR = str(tmp_path / "trust")
    settings.SIGNATURE_CRL_DIR = str(tmp_path / "crl")
    users = [world.prosecutor_a1, world.prosecutor_a2, world.investigator_a, world.judge_a, world.senior_a1]
    demo_pki_create(directory=tmp_path, users=users)
    return Pki(directory=tmp_path)


@pytest.fixture
def decisions(world, make_case) -> DecisionMaker:
    return DecisionMaker(world, make_case)
