"""Input and output serializers of the decisions API. No serializer writes a status."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ecase.api.serializers import (
    OrganisationRefSerializer,
    SuspensionGroundSerializer,
    TerminationGroundSerializer,
    UserRefSerializer,
    choice_label,
)
from ecase.models import Case, Document
from ecase.terms.choices import TermUnit
from signatures.api.fields import CmsSignatureField

from ..choices import CourtOutcome, DecisionAction, DecisionKind, DecisionStatus, PreventiveMeasure
from ..content import TEXT_MAX_LENGTH
from ..kinds import FIELD_LABELS, KINDS
from ..models import DecisionSignature, ProceduralDecision
from ..selectors import available_actions
from ..services import REASON_MAX_LENGTH

# --- input ----------------------------------------------------------------------------------------------


class DecisionContentSerializer(serializers.Serializer):
    """Text and kind-specific fields. Which fields a kind takes (and requires) is in GET /decision-kinds/;
    a field that does not apply to the kind answers 400."""

    text = serializers.CharField(max_length=TEXT_MAX_LENGTH, help_text=_("Reasoning and operative part."))
    termination_ground = serializers.SlugField(
        max_length=32, required=False, help_text=_("Code of the ground, e.g. 35-1-2 (CPC 35 p.1(2)).")
    )
    suspension_ground = serializers.SlugField(
        max_length=32, required=False, help_text=_("Code of the ground, e.g. 45-7-1 (CPC 45 p.7(1)).")
    )
    participant = serializers.IntegerField(min_value=1, required=False, help_text=str(FIELD_LABELS["participant"]))
    person_full_name = serializers.CharField(max_length=255, required=False)
    person_iin = serializers.RegexField(
        r"^\d{12}$", required=False, help_text=_("12 digits, with a valid check digit.")
    )
    person_birth_date = serializers.DateField(required=False)
    qualification = serializers.CharField(max_length=64, required=False)
    new_term_expires_at = serializers.DateTimeField(required=False)
    measure = serializers.ChoiceField(choices=PreventiveMeasure.choices, required=False)
    measure_until = serializers.DateField(required=False)
    detained_at = serializers.DateTimeField(required=False)
    action = serializers.IntegerField(min_value=1, required=False, help_text=_("Id of the investigative action."))
    main_case = serializers.IntegerField(min_value=1, required=False, help_text=_("Id of the main case."))


class DecisionCreateSerializer(DecisionContentSerializer):
    case = serializers.IntegerField(min_value=1, help_text=_("Id of the case."))
    kind = serializers.ChoiceField(choices=DecisionKind.choices)


class DecisionUpdateSerializer(DecisionContentSerializer):
    """PATCH of a draft: the fields sent replace the stored ones; the others stay."""

    text = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False)


class ApproveSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default="")
    signature = CmsSignatureField()


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH, help_text=_("Required: why the decision is unlawful."))
    signature = CmsSignatureField()


class ReturnSerializer(serializers.Serializer):
    remarks = serializers.CharField(max_length=REASON_MAX_LENGTH, help_text=_("Required: what the author must fix."))
    signature = CmsSignatureField()


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default="")


class SubmitSerializer(serializers.Serializer):
    signature = CmsSignatureField()


class EmptySerializer(serializers.Serializer):
    """No input: the transition takes none (an empty JSON object, or no body)."""


class CourtOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=CourtOutcome.choices)
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The court's reasons; required for a denial."),
    )
    measure_until = serializers.DateField(
        required=False, allow_null=True, default=None, help_text=_("The end date the judge set, if it differs.")
    )
    signature = CmsSignatureField()


class SuspectNotifiedSerializer(serializers.Serializer):
    notified_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


# --- output ---------------------------------------------------------------------------------------------


class DecisionCaseSerializer(serializers.ModelSerializer):
    investigation_body = OrganisationRefSerializer(read_only=True)
    supervising_office = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = Case
        fields = ["id", "number", "status", "qualification", "investigation_body", "supervising_office"]
        read_only_fields = fields


class AttachedDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "title", "original_name", "content_type", "size", "sha256", "uploaded_at"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    case = DecisionCaseSerializer(read_only=True)
    # Labels through the enums, not get_*_display (which rebuilds and hashes the whole choice list per call)
    # and not a callable source (DRF inspects its signature per row): a third of a list's time (issue 14).
    kind_display = serializers.SerializerMethodField()
    status_display = serializers.SerializerMethodField()
    author = UserRefSerializer(read_only=True)
    decided_by = UserRefSerializer(read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    termination_ground = TerminationGroundSerializer(read_only=True, allow_null=True)
    suspension_ground = SuspensionGroundSerializer(read_only=True, allow_null=True)
    participant = serializers.IntegerField(source="participant_id", read_only=True, allow_null=True)
    person = serializers.IntegerField(source="person_id", read_only=True, allow_null=True)
    action = serializers.IntegerField(source="action_id", read_only=True, allow_null=True)
    main_case = serializers.SerializerMethodField()
    suspect_participant = serializers.IntegerField(source="suspect_participant_id", read_only=True, allow_null=True)
    court = OrganisationRefSerializer(read_only=True, allow_null=True)
    court_decided_by = UserRefSerializer(read_only=True, allow_null=True)
    documents = serializers.SerializerMethodField()
    signed = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()
    measure = serializers.ChoiceField(choices=PreventiveMeasure.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ProceduralDecision
        fields = [
            "id",
            "case",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "author",
            "text",
            "created_at",
            "updated_at",
            "submitted_at",
            "due_at",
            "is_overdue",
            "decided_at",
            "decided_by",
            "approval_note",
            "rejection_reason",
            "return_remarks",
            "termination_ground",
            "ground_code",
            "ground_title",
            "ground_rehabilitating",
            "suspension_ground",
            "participant",
            "person",
            "person_full_name",
            "person_iin",
            "person_birth_date",
            "qualification",
            "new_term_expires_at",
            "measure",
            "measure_until",
            "detained_at",
            "action",
            "main_case",
            "suspect_participant",
            "suspect_notice_due_at",
            "suspect_notified_at",
            "previous_term_expires_at",
            "measure_expires_at",
            "sent_to_court_at",
            "court_due_at",
            "court",
            "court_decided_at",
            "court_decided_by",
            "court_reason",
            "documents",
            "signed",
            "available_actions",
        ]
        read_only_fields = fields

    _documents: AttachedDocumentSerializer | None = None

    @extend_schema_field(serializers.CharField())
    def get_kind_display(self, decision: ProceduralDecision) -> str:
        return choice_label(DecisionKind, decision.kind)

    @extend_schema_field(serializers.CharField())
    def get_status_display(self, decision: ProceduralDecision) -> str:
        return choice_label(DecisionStatus, decision.status)

    @extend_schema_field(DecisionCaseSerializer(allow_null=True))
    def get_main_case(self, decision: ProceduralDecision) -> dict[str, Any] | None:
        main = decision.main_case
        return None if main is None else {"id": main.pk, "number": main.number, "status": main.status}

    @extend_schema_field(AttachedDocumentSerializer(many=True))
    def get_documents(self, decision: ProceduralDecision) -> list[dict[str, Any]]:
        attachments = decision.attachments.all()
        if not attachments:
            return []
        if self._documents is None:  # one child serializer for the whole page: its fields are built once
            self._documents = AttachedDocumentSerializer()
        return [self._documents.to_representation(a.document) for a in attachments]

    @extend_schema_field(serializers.BooleanField())
    def get_signed(self, decision: ProceduralDecision) -> bool:
        annotated = getattr(decision, "has_signature", None)  # lists annotate it (decision_list_visible_to)
        if annotated is not None:
            return bool(annotated)
        try:
            return decision.signature is not None
        except DecisionSignature.DoesNotExist:
            return False

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=DecisionAction.choices)))
    def get_available_actions(self, decision: ProceduralDecision) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return [str(a) for a in available_actions(request.user, decision)]


class SignatureStatusSerializer(serializers.Serializer):
    signed = serializers.BooleanField()
    valid = serializers.BooleanField(help_text=_("The content is unchanged and the signature matches it."))
    content_matches = serializers.BooleanField()
    signature_matches = serializers.BooleanField()
    signed_hash = serializers.CharField()
    current_hash = serializers.CharField()
    algorithm = serializers.CharField()
    key_id = serializers.CharField()
    signed_by = serializers.CharField()
    signed_at = serializers.DateTimeField(allow_null=True)
    problem = serializers.CharField()


class KindSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    legal_basis = serializers.CharField()
    issued_by = serializers.CharField()
    prosecutor_acts = serializers.CharField()
    needs_approval = serializers.BooleanField()
    term_amount = serializers.IntegerField(help_text=_("The prosecutor's term in force (admin-editable)."))
    term_unit = serializers.ChoiceField(choices=TermUnit.choices)
    court_sanction = serializers.BooleanField()
    court_term_amount = serializers.IntegerField(allow_null=True)
    court_term_unit = serializers.ChoiceField(choices=TermUnit.choices, allow_null=True)
    case_states = serializers.ListField(child=serializers.CharField())
    kind_fields = serializers.ListField(child=serializers.CharField())
    required_fields = serializers.ListField(child=serializers.CharField())
    effect = serializers.CharField()
    drafted_by_hand = serializers.BooleanField()


def kinds_table_data() -> list[dict[str, Any]]:
    from ..selectors import all_kind_terms

    terms_by_kind = all_kind_terms()
    rows = []
    for spec in KINDS.values():
        terms = terms_by_kind[spec.kind]
        rows.append(
            {
                "kind": spec.kind.value,
                "title": str(spec.kind.label),
                "legal_basis": spec.legal_basis,
                "issued_by": spec.issued_by.value,
                "prosecutor_acts": str(spec.prosecutor_acts),
                "needs_approval": spec.needs_approval,
                "term_amount": terms.term.amount,
                "term_unit": terms.term.unit,
                "court_sanction": spec.court_sanction,
                "court_term_amount": terms.court_term.amount if terms.court_term else None,
                "court_term_unit": terms.court_term.unit if terms.court_term else None,
                "case_states": list(spec.case_states),
                "kind_fields": list(spec.fields),
                "required_fields": list(spec.required),
                "effect": str(spec.effect_description),
                "drafted_by_hand": spec.drafted_by_hand,
            }
        )
    return rows
