"""Complaint API serializers. Inputs check the shape only (types, lengths, required); the services check
the rules. Outputs are read-only; no serializer writes a status."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complaints.choices import STAFF_CHANNELS, ExplanationForm
from complaints.models import Complaint, ComplaintExplanation
from ecase.api.serializers import OrganisationRefSerializer, UserRefSerializer
from ecase.models import Document
from signatures.api.fields import CmsSignatureField

TEXT_MAX = 10_000


# --- outputs --------------------------------------------------------------------------------------


class ExplanationSerializer(serializers.ModelSerializer):
    given_by = UserRefSerializer(read_only=True)
    recorded_by = UserRefSerializer(read_only=True)

    class Meta:
        model = ComplaintExplanation
        fields = ["held_at", "form", "given_by", "participants", "summary", "recorded_by", "recorded_at"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at"]
        read_only_fields = fields


class CaseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    number = serializers.CharField(read_only=True)


class ComplaintSerializer(serializers.ModelSerializer):
    """The office's view of a complaint."""

    kind = serializers.CharField(source="kind_id", read_only=True)
    kind_title = serializers.CharField(source="kind.display_title", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    complainant_email = serializers.EmailField(read_only=True, allow_blank=True)  # "" when not given
    office = OrganisationRefSerializer(read_only=True)
    executor = UserRefSerializer(read_only=True, allow_null=True)
    case = CaseRefSerializer(read_only=True, allow_null=True)
    explanation = ExplanationSerializer(read_only=True, allow_null=True)
    appeal_of = serializers.CharField(source="appeal_of.tracking_number", read_only=True, allow_null=True)
    attachments = AttachmentSerializer(source="documents", many=True, read_only=True)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "tracking_number",
            "kind",
            "kind_title",
            "status",
            "status_display",
            "channel",
            "complainant_name",
            "complainant_iin",
            "complainant_email",
            "complainant_phone",
            "complainant_address",
            "case",
            "case_number",
            "text",
            "office",
            "executor",
            "received_at",
            "registered_at",
            "due_at",
            "initial_due_at",
            "forward_due_at",
            "extended_until",
            "extension_reason",
            "answer",
            "forwarded_to",
            "refusal_proposed_at",
            "explanation_due_at",
            "explanation",
            "answered_at",
            "rights_notice",
            "appeal_of",
            "attachments",
            "is_overdue",
        ]
        read_only_fields = fields

    def get_is_overdue(self, complaint: Complaint) -> bool:
        return bool(getattr(complaint, "overdue", complaint.is_overdue()))


class CitizenComplaintSerializer(serializers.ModelSerializer):
    """What the complainant sees: the state, the answer once final, and the explanation record."""

    kind = serializers.CharField(source="kind_id", read_only=True)
    kind_title = serializers.CharField(source="kind.display_title", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    office = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()
    rights_notice = serializers.CharField(source="display_rights_notice", read_only=True)
    explanation = ExplanationSerializer(read_only=True, allow_null=True)
    appeal_of = serializers.CharField(source="appeal_of.tracking_number", read_only=True, allow_null=True)

    class Meta:
        model = Complaint
        fields = [
            "tracking_number",
            "kind",
            "kind_title",
            "status",
            "status_display",
            "case_number",
            "text",
            "office",
            "received_at",
            "due_at",
            "extended_until",
            "extension_reason",
            "explanation_due_at",
            "answer",
            "forwarded_to",
            "answered_at",
            "explanation",
            "rights_notice",
            "appeal_of",
        ]
        read_only_fields = fields

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_office(self, complaint: Complaint) -> dict | None:
        # Shown once registered: before that the routing (e.g. from a case number) stays internal.
        return OrganisationRefSerializer(complaint.office).data if complaint.registered_at else None

    @extend_schema_field(serializers.CharField())
    def get_answer(self, complaint: Complaint) -> str:
        # A proposed refusal is told to the complainant personally first; the text follows when final.
        return complaint.answer if complaint.answered_at else ""


class FiledComplaintSerializer(serializers.Serializer):
    tracking_number = serializers.CharField()
    access_key = serializers.CharField(
        help_text=_("Shown once, only for an anonymous filing (empty with an account). Only its hash is stored.")
    )
    status = serializers.CharField()
    received_at = serializers.DateTimeField()
    status_url = serializers.CharField(help_text=_("GET it with the header X-Access-Key: <access_key>."))


# --- inputs ---------------------------------------------------------------------------------------


class PublicFileSerializer(serializers.Serializer):
    kind = serializers.SlugField(max_length=32, help_text=_("Code of the kind: procedural, general, ..."))
    text = serializers.CharField(max_length=TEXT_MAX)
    complainant_name = serializers.CharField(max_length=255)
    complainant_iin = serializers.CharField(max_length=12, help_text=_("12 digits with a valid check digit."))
    complainant_email = serializers.EmailField(required=False, allow_blank=True, default="")
    complainant_phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    complainant_address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    office = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text=_("Id of a prosecutor's office.")
    )
    case_number = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=5, help_text=_("multipart only")
    )

    def service_kwargs(self) -> dict[str, Any]:
        """The validated input as keyword arguments of complaints.services.complaint_file."""
        d = dict(self.validated_data)
        d["office_id"] = d.pop("office")
        return d


class StaffFileSerializer(PublicFileSerializer):
    office = serializers.IntegerField(help_text=_("Id of a prosecutor's office of your subtree."))
    channel = serializers.ChoiceField(choices=[(c.value, c.label) for c in STAFF_CHANNELS])
    received_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class RegisterSerializer(serializers.Serializer):
    office = serializers.IntegerField()
    executor = serializers.IntegerField()
    kind = serializers.SlugField(max_length=32, required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=TEXT_MAX)
    signature = CmsSignatureField()


class ForwardSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=255, help_text=_("Name of the competent body."))
    answer = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    signature = CmsSignatureField()


class ExplanationInputSerializer(serializers.Serializer):
    held_at = serializers.DateTimeField()
    form = serializers.ChoiceField(choices=ExplanationForm.choices)
    given_by = serializers.IntegerField(
        required=False, help_text=_("Id of the senior prosecutor who gave the explanation (default: the caller).")
    )
    participants = serializers.CharField(max_length=2000)
    summary = serializers.CharField(max_length=TEXT_MAX)
    signature = CmsSignatureField()


class ExtendSerializer(serializers.Serializer):
    until = serializers.DateField(help_text=_("The new term ends at the end of this day (Asia/Almaty)."))
    reason = serializers.CharField(max_length=TEXT_MAX)


class AppealSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX)
