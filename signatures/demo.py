"""The demo PKI for the demo users (``manage.py demo_pki``, also called by ``seed_demo`` and the tests)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding

from ecase.choices import Role
from ecase.models import User

from . import pki
from .services import certificate_register

SIGNING_ROLES = (Role.PROSECUTOR, Role.SENIOR_PROSECUTOR, Role.INVESTIGATOR, Role.JUDGE)


@dataclass(frozen=True)
class DemoPkiResult:
    directory: Path
    users: int
    revoked_user: str


def demo_users() -> list[User]:
    return list(
        User.objects.filter(role__in=SIGNING_ROLES, is_active=True, is_service_account=False).order_by("username")
    )


def demo_pki_create(*, directory: Path, users: Iterable[User] | None = None) -> DemoPkiResult:
    """A fresh root and intermediate CA in `directory`, a personal certificate (ECDSA P-256; RSA for every
    second user) with a server-held demo key for each user, one more certificate of the first user revoked in
    the CRL. Registers the certificates to the users. Re-running replaces the PKI (old certificates no longer
    chain to the new trust store)."""
    chosen = list(users) if users is not None else demo_users()
    authority = pki.pki_create(directory=directory)
    revoked = []
    for index, user in enumerate(chosen):
        personal = pki.issue(
            common_name=user.get_full_name() or user.get_username(),
            issuer=authority.intermediate,
            iin=user.iin,
            algorithm="rsa" if index % 2 else "ec",
        )
        certificate_register(
            user=user, cert_der=personal.cert.public_bytes(Encoding.DER), actor=None, demo_key_pem=personal.key_pem
        )
        if index == 0:
            lost = pki.issue(
                common_name=f"{user.get_full_name() or user.get_username()} (revoked)",
                issuer=authority.intermediate,
                iin=user.iin,
                days=365,
            )
            certificate_register(
                user=user, cert_der=lost.cert.public_bytes(Encoding.DER), actor=None, demo_key_pem=lost.key_pem
            )
            revoked.append(lost.cert)
            (directory / "revoked-cert.pem").write_bytes(lost.cert_pem)
            (directory / "revoked-key.pem").write_text(lost.key_pem)
    pki.crl_write(directory=directory, crl=pki.crl_build(issuer=authority.intermediate, revoked=revoked))
    return DemoPkiResult(
        directory=directory, users=len(chosen), revoked_user=chosen[0].get_username() if chosen else ""
    )


def seed_base(ctx: object) -> None:
    """seed_demo's part: the demo PKI, made once (idempotent: kept while every demo user has a certificate
    chaining to the root on disk)."""
    from django.conf import settings

    from .models import UserCertificate

    directory = Path(settings.SIGNATURE_PKI_DIR)
    users = demo_users()
    covered = set(UserCertificate.objects.exclude(demo_key_pem="").values_list("user_id", flat=True))
    if (directory / "trust" / "root.pem").exists() and all(u.pk in covered for u in users):
        return
    result = demo_pki_create(directory=directory, users=users)
    stdout = getattr(ctx, "stdout", None)
    if stdout is not None:
        stdout.write(f"Demo PKI: {result.users} personal certificates in {result.directory}.")
