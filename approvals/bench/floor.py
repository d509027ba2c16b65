"""Floor endpoints: the least a list endpoint could do for the same rows.

Same authentication (the API's default classes), same visibility rules (the product's scope predicates),
same fields in the same JSON shape as the product's list, built from one ``.values()`` query per page.
The product's list answers the same rows, paginated; the floor answers only ``results`` of the first page
(no count query), so it is the lower bound the product is measured against.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, F, Model, OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ecase.api.utils import request_user
from ecase.choices import CaseStatus
from ecase.models import Case, Organisation, SuspensionGround, TerminationGround, User
from ecase.visibility import case_scope_q

from ..choices import DecisionKind, DecisionStatus
from ..models import DecisionDocument, DecisionSignature, ProceduralDecision
from ..selectors import available_actions, decision_scope_q

PAGE_SIZE = 25
_datetime = serializers.DateTimeField().to_representation
_date = serializers.DateField().to_representation
_duration = serializers.DurationField().to_representation


def _dt(value: datetime | None) -> str | None:
    return None if value is None else _datetime(value)


def _d(value: date | None) -> str | None:
    return None if value is None else _date(value)


def _name(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    """A UserRefSerializer shape: the full name, else the username."""
    if row[f"{prefix}_id"] is None:
        return None
    full = f"{row[f'{prefix}__first_name']} {row[f'{prefix}__last_name']}".strip()
    return {"id": row[f"{prefix}_id"], "name": full or row[f"{prefix}__username"]}


def _org(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_id"] is None:
        return None
    return {"id": row[f"{prefix}_id"], "code": row[f"{prefix}__code"], "name": row[f"{prefix}__name"]}


def _ground(row: dict[str, Any], prefix: str, *, rehabilitating: bool) -> dict[str, Any] | None:
    if row[f"{prefix}_id"] is None:
        return None
    ground = {"code": row[f"{prefix}__code"], "article": row[f"{prefix}__article"], "title": row[f"{prefix}__title"]}
    if rehabilitating:
        ground["is_rehabilitating"] = row[f"{prefix}__is_rehabilitating"]
    return ground


def _refs(*prefixes: str, user: tuple[str, ...] = (), org: tuple[str, ...] = (), ground: tuple[str, ...] = ()) -> list:
    fields: list[str] = []
    for p in user:
        fields += [f"{p}_id", f"{p}__first_name", f"{p}__last_name", f"{p}__username"]
    for p in org:
        fields += [f"{p}_id", f"{p}__code", f"{p}__name"]
    for p in ground:
        fields += [f"{p}_id", f"{p}__code", f"{p}__article", f"{p}__title"]
    return [*prefixes, *fields]


_DECISION_PLAIN = [
    "id", "kind", "status", "author_id", "text", "created_at", "updated_at", "submitted_at", "due_at",
    "decided_at", "approval_note", "rejection_reason", "return_remarks", "ground_code", "ground_title",
    "ground_rehabilitating", "participant_id", "person_id", "person_full_name", "person_iin", "person_birth_date",
    "qualification", "new_term_expires_at", "measure", "measure_until", "detained_at", "action_id",
    "suspect_participant_id", "suspect_notice_due_at",
    "suspect_notified_at", "previous_term_expires_at", "measure_expires_at", "sent_to_court_at", "court_due_at",
    "court_decided_at", "court_reason", "case_id", "case__number", "case__status", "case__qualification",
    "case__investigation_body_id", "case__supervising_office_id", "case__supervising_office__path",
    "documents", "signed", "decided_by_json", "court_decided_by_json", "court_json", "termination_ground_json",
    "suspension_ground_json", "main_case_json",
]  # fmt: skip
_DECISION_FIELDS = [
    *_DECISION_PLAIN,
    *_refs(user=("author",), org=("case__investigation_body", "case__supervising_office")),
]
_DOCUMENT = JSONObject(
    id="document_id",
    title="document__title",
    original_name="document__original_name",
    content_type="document__content_type",
    size="document__size",
    sha256="document__sha256",
    uploaded_at="document__uploaded_at",
)
_USER = JSONObject(id="id", first_name="first_name", last_name="last_name", username="username")
_GROUND_KEYS = {"code": "code", "article": "article", "title": "title"}


def _one(model: type[Model], key: str, json: JSONObject) -> Subquery:
    """A relation set on few rows, as a correlated subquery: joining all of them made the planner's work grow
    with every table (the product prefetches them instead)."""
    # annotate + values("json"): django-modeltranslation's values() with expressions alone selects every field.
    return Subquery(model._default_manager.filter(pk=OuterRef(key)).annotate(json=json).values("json")[:1])


def decision_floor_rows(*, user: Any, status: str | None) -> list[dict[str, Any]]:
    """One query: the visible decisions (status filter, the inbox order), the first page, as the list shows."""
    documents = (
        DecisionDocument.objects.filter(decision=OuterRef("pk")).order_by("added_at", "id").values(doc=_DOCUMENT)
    )
    queryset = ProceduralDecision.objects.filter(decision_scope_q(user))
    if status:
        queryset = queryset.filter(status=status)
    termination = JSONObject(is_rehabilitating="is_rehabilitating", **_GROUND_KEYS)
    rows = (
        queryset.annotate(
            documents=ArraySubquery(documents),
            signed=Exists(DecisionSignature.objects.filter(decision=OuterRef("pk"))),
            decided_by_json=_one(User, "decided_by_id", _USER),
            court_decided_by_json=_one(User, "court_decided_by_id", _USER),
            court_json=_one(Organisation, "court_id", JSONObject(id="id", code="code", name="name")),
            termination_ground_json=_one(TerminationGround, "termination_ground_id", termination),
            suspension_ground_json=_one(SuspensionGround, "suspension_ground_id", JSONObject(**_GROUND_KEYS)),
            main_case_json=_one(Case, "main_case_id", JSONObject(id="id", number="number", status="status")),
        )
        .order_by(F("due_at").asc(nulls_last=True), "id")
        .values(*_DECISION_FIELDS)[:PAGE_SIZE]
    )
    return [_decision(row, user) for row in rows]


def _keyed(value: dict[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """The serializer's key order (jsonb sorts the keys)."""
    return None if value is None else {key: value[key] for key in keys}


def _user_json(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    full = f"{value['first_name']} {value['last_name']}".strip()
    return {"id": value["id"], "name": full or value["username"]}


def _actions(row: dict[str, Any], user: Any) -> list[str]:
    """The product's own predicate, on an unsaved stand-in built from the row (no query)."""
    office = Organisation(pk=row["case__supervising_office_id"], path=row["case__supervising_office__path"])
    case = Case(
        pk=row["case_id"],
        investigation_body_id=row["case__investigation_body_id"],
        supervising_office=office,
    )
    decision = ProceduralDecision(
        pk=row["id"], kind=row["kind"], status=row["status"], author_id=row["author_id"], case=case
    )
    return [str(a) for a in available_actions(user, decision)]


def _document(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "uploaded_at": _dt(datetime.fromisoformat(doc["uploaded_at"]))}


def _decision(row: dict[str, Any], user: Any) -> dict[str, Any]:
    now = timezone.now()
    return {
        "id": row["id"],
        "case": {
            "id": row["case_id"],
            "number": row["case__number"],
            "status": row["case__status"],
            "qualification": row["case__qualification"],
            "investigation_body": _org(row, "case__investigation_body"),
            "supervising_office": _org(row, "case__supervising_office"),
        },
        "kind": row["kind"],
        "kind_display": str(DecisionKind(row["kind"]).label),
        "status": row["status"],
        "status_display": str(DecisionStatus(row["status"]).label),
        "author": _name(row, "author"),
        "text": row["text"],
        "created_at": _dt(row["created_at"]),
        "updated_at": _dt(row["updated_at"]),
        "submitted_at": _dt(row["submitted_at"]),
        "due_at": _dt(row["due_at"]),
        "is_overdue": row["status"] == DecisionStatus.PENDING and row["due_at"] is not None and row["due_at"] < now,
        "decided_at": _dt(row["decided_at"]),
        "decided_by": _user_json(row["decided_by_json"]),
        "approval_note": row["approval_note"],
        "rejection_reason": row["rejection_reason"],
        "return_remarks": row["return_remarks"],
        "termination_ground": _keyed(row["termination_ground_json"], ("code", "article", "title", "is_rehabilitating")),
        "ground_code": row["ground_code"],
        "ground_title": row["ground_title"],
        "ground_rehabilitating": row["ground_rehabilitating"],
        "suspension_ground": _keyed(row["suspension_ground_json"], ("code", "article", "title")),
        "participant": row["participant_id"],
        "person": row["person_id"],
        "person_full_name": row["person_full_name"],
        "person_iin": row["person_iin"],
        "person_birth_date": _d(row["person_birth_date"]),
        "qualification": row["qualification"],
        "new_term_expires_at": _dt(row["new_term_expires_at"]),
        "measure": row["measure"],
        "measure_until": _d(row["measure_until"]),
        "detained_at": _dt(row["detained_at"]),
        "action": row["action_id"],
        "main_case": _keyed(row["main_case_json"], ("id", "number", "status")),
        "suspect_participant": row["suspect_participant_id"],
        "suspect_notice_due_at": _dt(row["suspect_notice_due_at"]),
        "suspect_notified_at": _dt(row["suspect_notified_at"]),
        "previous_term_expires_at": _dt(row["previous_term_expires_at"]),
        "measure_expires_at": _dt(row["measure_expires_at"]),
        "sent_to_court_at": _dt(row["sent_to_court_at"]),
        "court_due_at": _dt(row["court_due_at"]),
        "court": _keyed(row["court_json"], ("id", "code", "name")),
        "court_decided_at": _dt(row["court_decided_at"]),
        "court_decided_by": _user_json(row["court_decided_by_json"]),
        "court_reason": row["court_reason"],
        "documents": [_document(doc) for doc in row["documents"]],
        "signed": row["signed"],
        "available_actions": _actions(row, user),
    }


_CASE_FIELDS = [
    "id", "number", "status", "qualification", "category", "severity", "summary", "registered_at",
    "term_expires_at", "status_changed_at", "suspended_at", "term_left_at_suspension",
    "termination_rehabilitating", "merged_into_id", "termination_ground__is_rehabilitating",
    *_refs(
        user=("investigator",),
        org=("investigation_body", "supervising_office"),
        ground=("termination_ground", "suspension_ground"),
    ),
]  # fmt: skip


def case_floor_rows(*, user: Any) -> list[dict[str, Any]]:
    """One query: the visible cases, newest registration first, the first page, as the case list shows."""
    rows = Case.objects.filter(case_scope_q(user)).order_by("-registered_at", "-id").values(*_CASE_FIELDS)[:PAGE_SIZE]
    return [_case(row) for row in rows]


def _case(row: dict[str, Any]) -> dict[str, Any]:
    left = row["term_left_at_suspension"]
    return {
        "id": row["id"],
        "number": row["number"],
        "status": row["status"],
        "status_display": str(CaseStatus(row["status"]).label),
        "qualification": row["qualification"],
        "category": row["category"],
        "severity": row["severity"],
        "summary": row["summary"],
        "investigation_body": _org(row, "investigation_body"),
        "supervising_office": _org(row, "supervising_office"),
        "investigator": _name(row, "investigator"),
        "registered_at": _dt(row["registered_at"]),
        "term_expires_at": _dt(row["term_expires_at"]),
        "status_changed_at": _dt(row["status_changed_at"]),
        "suspended_at": _dt(row["suspended_at"]),
        "suspension_ground": _ground(row, "suspension_ground", rehabilitating=False),
        "term_left_at_suspension": None if left is None else _duration(left),
        "termination_ground": _ground(row, "termination_ground", rehabilitating=True),
        "termination_rehabilitating": row["termination_rehabilitating"],
        "merged_into": row["merged_into_id"],
    }


class DecisionFloorView(APIView):
    """GET: the first page of the visible decisions (``?status=``), in the inbox order, through one query."""

    def get(self, request: Request) -> Response:
        status = request.query_params.get("status") or None
        return Response({"results": decision_floor_rows(user=request_user(request), status=status)})


class CaseFloorView(APIView):
    """GET: the first page of the visible cases, newest first, through one query."""

    def get(self, request: Request) -> Response:
        return Response({"results": case_floor_rows(user=request_user(request))})
