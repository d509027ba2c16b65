"""People and organisations: the organisation tree and the users who work in it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecase.choices import PROSECUTOR_OFFICE_KINDS, OrganisationKind, Role
from ecase.validators import validate_kz_phone


class Organisation(models.Model):
    """A prosecutor's office, an investigation body or a court.

    Offices form a tree (general -> regional -> district) stored as a materialised path, so "this office
    and its sub-offices" is one indexed prefix query. An investigation body or a court hangs under the
    office that supervises it.
    """

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("For an office: the higher office. For a body or a court: the supervising office."),
    )
    path = models.CharField(_("path"), max_length=512, editable=False, db_index=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        indexes = [models.Index(fields=["path"], name="org_path_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        # The path is derived data: recompute it, and move the subtree with it when the parent changes.
        old_path = self.path
        self.path = (self.parent.path if self.parent else "/") + f"{self.code}/"
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        if old_path and old_path != self.path:
            Organisation.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(models.Value(self.path), Substr("path", len(old_path) + 1))
            )

    @property
    def is_prosecutor_office(self) -> bool:
        return self.kind in PROSECUTOR_OFFICE_KINDS

    @property
    def supervising_office(self) -> Organisation | None:
        """The office that supervises this organisation's work (itself for an office)."""
        return self if self.is_prosecutor_office else self.parent

    @property
    def region_code(self) -> str:
        """Code of the regional level of the tree ("GP" for organisations directly under the General Office)."""
        parts = [p for p in self.path.split("/") if p]
        return "".join(c for c in parts[1] if c.isalnum()).upper()[:8] if len(parts) > 1 else "GP"

    def clean(self) -> None:
        if self.kind == OrganisationKind.GENERAL_OFFICE:
            if self.parent_id is not None:
                raise ValidationError({"parent": _("The General Prosecutor's Office has no parent.")})
        elif self.parent is None or not self.parent.is_prosecutor_office:
            raise ValidationError({"parent": _("Choose the prosecutor's office this organisation belongs to.")})


class User(AbstractUser):
    """A person using eCase: staff of one organisation with one role, or a citizen (no organisation)."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CITIZEN)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    is_service_account = models.BooleanField(
        _("integration client"),
        default=False,
        help_text=_("A service account of an external system: API access only, with its role's rights."),
    )
    iin = models.CharField(_("IIN"), max_length=12, blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=32,
        blank=True,
        validators=[validate_kz_phone],
        help_text=_("For SMS notices: a Kazakhstan number, +7XXXXXXXXXX."),
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language of e-mail and SMS notices. Empty: the site's default."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role=Role.CITIZEN, organisation__isnull=True)
                | (~models.Q(role=Role.CITIZEN) & models.Q(organisation__isnull=False))
                | models.Q(is_superuser=True),
                name="user_role_matches_organisation",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.is_superuser:
            return
        if self.role == Role.CITIZEN and self.organisation_id:
            raise ValidationError({"organisation": _("A citizen belongs to no organisation.")})
        if self.role != Role.CITIZEN and not self.organisation_id:
            raise ValidationError({"organisation": _("Staff belong to one organisation.")})
        if self.organisation_id:
            kind = self.organisation.kind  # type: ignore[union-attr]
            allowed = {
                Role.INVESTIGATOR: {OrganisationKind.INVESTIGATION_BODY},
                Role.JUDGE: {OrganisationKind.COURT},
                Role.PROSECUTOR: set(PROSECUTOR_OFFICE_KINDS),
                Role.SENIOR_PROSECUTOR: set(PROSECUTOR_OFFICE_KINDS),
                Role.AUDITOR: set(PROSECUTOR_OFFICE_KINDS),
            }.get(Role(self.role), set())
            if kind not in allowed:
                raise ValidationError({"role": _("This role does not exist in this kind of organisation.")})

    @property
    def is_investigator(self) -> bool:
        return self.role == Role.INVESTIGATOR

    @property
    def is_prosecutor(self) -> bool:
        """A prosecutor or a senior prosecutor."""
        return self.role in (Role.PROSECUTOR, Role.SENIOR_PROSECUTOR)

    @property
    def is_senior_prosecutor(self) -> bool:
        return self.role == Role.SENIOR_PROSECUTOR

    @property
    def is_citizen(self) -> bool:
        return self.role == Role.CITIZEN and not self.is_superuser


class ApiToken(models.Model):
    """A revocable, expiring API token. Only its SHA-256 is stored; the raw token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text=_("First characters of the token, to recognise it."))
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
