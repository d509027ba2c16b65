"""The OCSP option, against a real OCSP responder: the system's `openssl ocsp` serving the demo PKI's index
over HTTP on a local port, signing its answers with the intermediate CA's key. Good passes; revoked, unknown
and a responder that is down are refused (fail closed, as production always is); fail-open accepts only the
last; the responder is found in the certificate's Authority Information Access when none is configured."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.exceptions import ValidationError

from approvals import services
from approvals.choices import DecisionKind, DecisionStatus
from approvals.personal import signing_payload
from signatures import pki
from signatures.models import PersonalSignature, UserCertificate
from signatures.revocation import CrlChecker, OcspChecker, revocation_checkers
from signatures.verify import SignatureProblem, get_verifier
from tests.ecase.test_settings import _manage

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl binary is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _index_line(cert: x509.Certificate, revoked_at: datetime | None) -> str:
    expires = cert.not_valid_after_utc.strftime("%y%m%d%H%M%SZ")
    status, when = ("R", revoked_at.strftime("%y%m%d%H%M%SZ")) if revoked_at else ("V", "")
    return f"{status}\t{expires}\t{when}\t{cert.serial_number:X}\tunknown\t{cert.subject.rfc4514_string()}\n"


class Responder:
    def __init__(self, directory: Path, issuer: pki.Issued) -> None:
        self.directory = directory
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        (directory / "ocsp-ca.pem").write_bytes(issuer.cert_pem)
        (directory / "ocsp-key.pem").write_text(issuer.key_pem)
        self.index = directory / "index.txt"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, known: list[tuple[x509.Certificate, datetime | None]]) -> None:
        self.index.write_text("".join(_index_line(cert, revoked) for cert, revoked in known))
        (self.directory / "index.txt.attr").write_text("unique_subject = no\n")
        d = self.directory
        command = [
            "openssl", "ocsp", "-index", str(self.index), "-port", str(self.port), "-ignore_err",
            "-CA", str(d / "ocsp-ca.pem"), "-rsigner", str(d / "ocsp-ca.pem"), "-rkey", str(d / "ocsp-key.pem"),
            "-nmin", "5",
        ]  # fmt: skip
        log = self.directory / "ocsp.log"
        with log.open("wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        # Wait for its "ACCEPT" line: a probe connection would hang the single-threaded responder.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if b"ACCEPT" in log.read_bytes():
                return
            time.sleep(0.05)
        raise RuntimeError("openssl ocsp did not start: " + log.read_text())

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def responder(demo_pki, tmp_path, settings):
    server = Responder(tmp_path, demo_pki.intermediate())
    settings.SIGNATURE_REVOCATION = ["ocsp"]  # the CRL is off here: what is refused, OCSP refused
    settings.SIGNATURE_OCSP_URL = server.url
    settings.SIGNATURE_OCSP_TIMEOUT = 5
    settings.SIGNATURE_OCSP_FAIL_OPEN = False
    yield server
    server.stop()


def _personal_certs(demo_pki, world) -> dict[str, tuple[pki.PrivateKey, x509.Certificate]]:
    return {"good": demo_pki.key_of(world.prosecutor_a1), "revoked": demo_pki.revoked()}


def _verify(key, cert, payload=b"the payload"):
    return get_verifier().verify(payload=payload, cms_der=pki.cms_sign(payload=payload, key=key, cert=cert))


def _refused_with(code: str, key, cert) -> None:
    with pytest.raises(SignatureProblem) as caught:
        _verify(key, cert)
    assert caught.value.code == code and caught.value.message


def test_good_revoked_and_unknown_from_a_real_responder(world, demo_pki, responder):
    certs = _personal_certs(demo_pki, world)
    revoked_at = datetime.now(UTC) - timedelta(hours=1)
    responder.start([(certs["good"][1], None), (certs["revoked"][1], revoked_at)])
    assert _verify(*certs["good"]).certificate.iin == world.prosecutor_a1.iin
    _refused_with("revoked", *certs["revoked"])
    stranger = pki.issue(common_name="Not in the index", issuer=demo_pki.intermediate())
    _refused_with("revocation_unknown", stranger.key, stranger.cert)


def test_revoked_after_signing_is_valid_at_the_signing_time(world, demo_pki, responder):
    key, cert = demo_pki.key_of(world.prosecutor_a1)
    payload = b"signed before the revocation"
    cms = pki.cms_sign(payload=payload, key=key, cert=cert)
    responder.start([(cert, datetime.now(UTC) + timedelta(minutes=2))])  # revoked just after signing
    get_verifier().verify(payload=payload, cms_der=cms, at_signing_time=True)
    with pytest.raises(SignatureProblem):
        get_verifier().verify(payload=payload, cms_der=cms)


def test_a_responder_that_is_down_fails_closed_and_fail_open_is_a_choice(world, demo_pki, responder, settings):
    key, cert = demo_pki.key_of(world.prosecutor_a1)
    # nothing listens on the responder's port
    _refused_with("revocation_unavailable", key, cert)
    settings.SIGNATURE_OCSP_FAIL_OPEN = True
    assert _verify(key, cert)


def test_an_answer_signed_by_another_ca_is_refused(world, demo_pki, responder, tmp_path):
    key, cert = demo_pki.key_of(world.prosecutor_a1)
    rogue = pki.pki_create(directory=tmp_path / "rogue")
    forger = Responder(tmp_path / "rogue", rogue.intermediate)
    forger.port, forger.url = responder.port, responder.url
    forger.start([(cert, None)])  # it says "good", but it is not the issuer's responder
    try:
        _refused_with("revocation_unavailable", key, cert)
    finally:
        forger.stop()


def test_the_responder_from_the_certificates_aia(world, demo_pki, responder, settings):
    settings.SIGNATURE_OCSP_URL = ""
    personal = pki.issue(
        common_name="With AIA", issuer=demo_pki.intermediate(), iin=world.prosecutor_a1.iin, ocsp_url=responder.url
    )
    without = pki.issue(common_name="Without AIA", issuer=demo_pki.intermediate())
    responder.start([(personal.cert, None), (without.cert, None)])
    assert _verify(personal.key, personal.cert)
    _refused_with("revocation_unavailable", without.key, without.cert)  # no responder known for it


def test_an_approval_signed_with_a_revoked_certificate_is_refused_and_nothing_changes(
    world, demo_pki, responder, decisions
):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    prosecutor = world.prosecutor_a1
    key, cert = demo_pki.key_of(prosecutor)
    responder.start([(cert, datetime.now(UTC) - timedelta(minutes=5))])
    cms = pki.cms_sign(
        payload=signing_payload(decision=decision, actor=prosecutor, action="approve"), key=key, cert=cert
    )
    with pytest.raises(ValidationError) as caught:
        services.decision_approve(decision_id=decision.pk, actor=prosecutor, signature=cms)
    assert caught.value.error_dict["signature"][0].code == "revoked"
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING and not PersonalSignature.objects.exists()
    assert UserCertificate.objects.filter(user=prosecutor, der=cert.public_bytes(Encoding.DER)).exists()


def test_the_checkers_follow_the_setting(settings):
    settings.SIGNATURE_REVOCATION = ["crl", "ocsp"]
    assert [type(c) for c in revocation_checkers()] == [CrlChecker, OcspChecker]
    settings.SIGNATURE_REVOCATION = ["crl"]
    assert [type(c) for c in revocation_checkers()] == [CrlChecker]


def test_production_fails_closed_whatever_the_environment_says(tmp_path):
    code = "from django.conf import settings; print('FAIL_OPEN', settings.SIGNATURE_OCSP_FAIL_OPEN)"
    result = _manage(tmp_path, "shell", "-c", code, SIGNATURE_OCSP_FAIL_OPEN="true")
    assert "FAIL_OPEN False" in result.stdout, result.stdout + result.stderr
