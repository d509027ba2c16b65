"""Serializers of the register API. Input and output are separate: inputs carry only what a client may
write (never a status, a number or an office), outputs describe the stored object in full."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ecase.choices import ActionKind, CaseCategory, CaseStatus, ParticipantRole, Severity
from ecase.models import AuditEvent, Case, Document, InvestigativeAction, Organisation, Participant, Person, User
from ecase.validators import validate_iin

# Limits on free text, so a client cannot store megabytes in a field the model leaves unbounded.
SUMMARY_MAX_LENGTH = 20_000
DESCRIPTION_MAX_LENGTH = 20_000


# --- Authentication ---------------------------------------------------------------------------------------


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Shown once. Send it as `Authorization: Bearer <token>`."))
    token_type = serializers.CharField(default="Bearer")
    expires_at = serializers.DateTimeField()


# --- Small nested shapes ----------------------------------------------------------------------------------


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "code", "name"]
        read_only_fields = fields


class UserRefSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "name"]
        read_only_fields = fields

    def get_name(self, user: User) -> str:
        return user.get_full_name() or user.get_username()


# --- Organisations ----------------------------------------------------------------------------------------


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "kind", "parent", "path"]
        read_only_fields = fields


# --- Cases ------------------------------------------------------------------------------------------------


class CaseCreateSerializer(serializers.Serializer):
    """What an investigator enters to register a case. Number, body, office, term and status are derived."""

    qualification = serializers.CharField(max_length=64, help_text=_("Criminal Code article, e.g. 188 p.2"))
    category = serializers.ChoiceField(choices=CaseCategory.choices)
    severity = serializers.ChoiceField(choices=Severity.choices)
    summary = serializers.CharField(max_length=SUMMARY_MAX_LENGTH)


class TerminationGroundSerializer(serializers.Serializer):
    code = serializers.CharField()
    article = serializers.CharField()
    title = serializers.CharField()
    is_rehabilitating = serializers.BooleanField()


class SuspensionGroundSerializer(serializers.Serializer):
    code = serializers.CharField()
    article = serializers.CharField()
    title = serializers.CharField()


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a stored choice (the value itself if unknown). Cheaper than get_FOO_display,
    which builds and hashes the whole choice list on every call: a list serializer calls it for every row."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class CaseSerializer(serializers.ModelSerializer):
    investigation_body = OrganisationRefSerializer(read_only=True)
    supervising_office = OrganisationRefSerializer(read_only=True)
    investigator = UserRefSerializer(read_only=True)
    termination_ground = TerminationGroundSerializer(read_only=True, allow_null=True)
    suspension_ground = SuspensionGroundSerializer(read_only=True, allow_null=True)
    status_display = serializers.SerializerMethodField()
    merged_into = serializers.IntegerField(source="merged_into_id", read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "status",
            "status_display",
            "qualification",
            "category",
            "severity",
            "summary",
            "investigation_body",
            "supervising_office",
            "investigator",
            "registered_at",
            "term_expires_at",
            "status_changed_at",
            "suspended_at",
            "suspension_ground",
            "term_left_at_suspension",
            "termination_ground",
            "termination_rehabilitating",
            "merged_into",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_status_display(self, case: Case) -> str:
        return choice_label(CaseStatus, case.status)


# --- Participants -----------------------------------------------------------------------------------------


class ParticipantCreateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(
        choices=ParticipantRole.choices,
        help_text=_("A suspect is recognised only by an approved decision; `suspect` is refused with 400."),
    )
    full_name = serializers.CharField(max_length=255)
    iin = serializers.CharField(
        max_length=12, required=False, allow_blank=True, default="", validators=[validate_iin], help_text=_("12 digits")
    )
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class PersonSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(read_only=True, allow_blank=True)  # "" when unknown (documented so)

    class Meta:
        model = Person
        fields = ["id", "full_name", "iin", "birth_date", "phone", "email", "address"]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    added_by = UserRefSerializer(read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "role", "person", "qualification", "added_at", "added_by"]
        read_only_fields = fields


# --- Documents --------------------------------------------------------------------------------------------


class DocumentUploadSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    file = serializers.FileField(
        max_length=255,
        allow_empty_file=False,
        help_text=_("PDF, PNG, JPEG, DOCX, ODT or UTF-8 text; checked by content"),
    )


class DocumentSerializer(serializers.ModelSerializer):
    uploaded_by = UserRefSerializer(read_only=True, allow_null=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "download_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_download_url(self, document: Document) -> str:
        url = reverse("case-document-download", kwargs={"pk": document.case_id, "doc_id": document.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


# --- Investigative actions --------------------------------------------------------------------------------


class ActionCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ActionKind.choices)
    performed_at = serializers.DateTimeField()
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)
    legal_basis = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    basis_reference = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "The approved or court-sanctioned decision of this case the action rests on (D-<id>). Empty: the "
            "action goes to the prosecutor for review. A reference to anything else is refused with 400."
        ),
    )


class ActionSerializer(serializers.ModelSerializer):
    performed_by = UserRefSerializer(read_only=True)

    class Meta:
        model = InvestigativeAction
        fields = [
            "id",
            "kind",
            "restricts_rights",
            "performed_at",
            "performed_by",
            "description",
            "legal_basis",
            "basis_reference",
            "review",
            "recorded_at",
        ]
        read_only_fields = fields


# --- Audit events -----------------------------------------------------------------------------------------


class ActorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="actor_id", allow_null=True)
    name = serializers.CharField(source="actor_name")


class AuditEventSerializer(serializers.ModelSerializer):
    actor = ActorSerializer(source="*", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "seq",
            "occurred_at",
            "actor",
            "action",
            "object_type",
            "object_id",
            "from_state",
            "to_state",
            "reason",
            "data",
            "mac",
            "position",
            "link",
        ]
        read_only_fields = fields
