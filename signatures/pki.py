"""A test PKI (root CA → intermediate CA → personal certificates, a CRL) and the software CMS signer.

For development, the demo and the tests only: ``manage.py demo_pki`` writes the CA certificates to the trust
directory and the CRL to the CRL directory. Personal certificates carry the holder's IIN as national ones do
(subject serialNumber ``IIN`` + 12 digits) and key usage digitalSignature + nonRepudiation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class Issued:
    key: PrivateKey
    cert: x509.Certificate

    @property
    def key_pem(self) -> str:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def new_key(algorithm: str = "ec") -> PrivateKey:
    if algorithm == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str, iin: str = "") -> x509.Name:
    # X.509 limits a common name to 64 characters (a long full name is cut).
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"), x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64])]
    if iin:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{iin}"))
    return x509.Name(attrs)


def issue(
    *,
    common_name: str,
    issuer: Issued | None = None,
    ca: bool = False,
    iin: str = "",
    algorithm: str = "ec",
    not_before: datetime | None = None,
    days: int = 730,
    ocsp_url: str = "",
) -> Issued:
    """A certificate: self-signed when `issuer` is None (a root), a CA when `ca`, else a personal one; with
    `ocsp_url`, its Authority Information Access names that OCSP responder."""
    key = new_key(algorithm)
    start = not_before or datetime.now(UTC) - timedelta(days=1)
    subject = _name(common_name, iin)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if ocsp_url:
        builder = builder.add_extension(
            x509.AuthorityInformationAccess(
                [x509.AccessDescription(AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url))]
            ),
            critical=False,
        )
    signing_key = issuer.key if issuer else key
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    return Issued(key=key, cert=builder.sign(signing_key, hashes.SHA256()))


def crl_build(*, issuer: Issued, revoked: list[x509.Certificate], days: int = 30) -> x509.CertificateRevocationList:
    now = datetime.now(UTC)
    builder = x509.CertificateRevocationListBuilder().issuer_name(issuer.cert.subject)
    builder = builder.last_update(now - timedelta(minutes=5)).next_update(now + timedelta(days=days))
    for cert in revoked:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(now - timedelta(minutes=1))
            .build()
        )
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(issuer.key, hashes.SHA256())


def cms_sign(*, payload: bytes, key: PrivateKey, cert: x509.Certificate) -> bytes:
    """A detached CMS SignedData (DER) over `payload`, with the certificate and the signing time: what
    NCALayer's createCAdESFromBase64 returns for a personal key, made here for demo keys."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(payload)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])
    )


def load_key(pem: str) -> PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ValueError("unsupported key")
    return key


@dataclass(frozen=True)
class DemoPki:
    root: Issued
    intermediate: Issued


def pki_create(*, directory: Path) -> DemoPki:
    """A root and an intermediate CA; their certificates written to `directory`/trust as the trust store."""
    root = issue(common_name="eCase Demo Root CA", ca=True, algorithm="rsa", days=3650)
    intermediate = issue(common_name="eCase Demo Personal CA", issuer=root, ca=True, days=1825)
    (directory / "trust").mkdir(parents=True, exist_ok=True)
    (directory / "crl").mkdir(parents=True, exist_ok=True)
    (directory / "trust" / "root.pem").write_bytes(root.cert_pem)
    (directory / "trust" / "intermediate.pem").write_bytes(intermediate.cert_pem)
    (directory / "ca-bundle.pem").write_bytes(root.cert_pem + intermediate.cert_pem)
    (directory / "intermediate-key.pem").write_text(intermediate.key_pem)
    return DemoPki(root=root, intermediate=intermediate)


def crl_write(*, directory: Path, crl: x509.CertificateRevocationList) -> Path:
    path = directory / "crl" / "intermediate.crl"
    path.write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    return path
