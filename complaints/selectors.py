"""Reads of complaints. Every query of complaint data starts from complaint_list_visible_to()."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from django.db.models import BooleanField, Case, DateTimeField, Q, QuerySet, Value, When
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext

from ecase.choices import PROSECUTOR_OFFICE_KINDS, Role
from ecase.models import AuditEvent, Organisation, User
from ecase.terms.rules import Rule
from ecase.visibility import office_scope_q

from .choices import OPEN_STATUSES, ComplaintStatus
from .models import Complaint, ComplaintKind

_STAFF_ROLES = (Role.PROSECUTOR, Role.SENIOR_PROSECUTOR, Role.AUDITOR)


def complaint_visibility_q(user: User) -> Q:
    """Citizens see their own complaints; prosecutors and auditors their office's subtree; others none."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.role == Role.CITIZEN:
        return Q(complainant=user)
    if user.role in _STAFF_ROLES:
        return office_scope_q(user, office_field="office")
    return Q(pk__in=[])


def complaint_annotate_deadline(qs: QuerySet[Complaint], now: datetime | None = None) -> QuerySet[Complaint]:
    """Adds `deadline` (the clock that runs now) and `overdue` for lists and queues."""
    now = now or timezone.now()
    deadline = Case(
        When(
            status=ComplaintStatus.REFUSAL_PENDING_EXPLANATION,
            explanation_due_at__isnull=False,
            then=Least("explanation_due_at", "due_at"),
        ),
        default="due_at",
        output_field=DateTimeField(),
    )
    return qs.annotate(deadline=deadline).annotate(
        overdue=Case(
            When(Q(status__in=OPEN_STATUSES) & Q(deadline__lt=now), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        open_rank=Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1)),
    )


def complaint_list_visible_to(*, user: User) -> QuerySet[Complaint]:
    qs = Complaint.objects.filter(complaint_visibility_q(user)).select_related(
        "kind", "office", "executor", "case", "explanation"
    )
    return complaint_annotate_deadline(qs)


def complaint_queue(*, user: User) -> QuerySet[Complaint]:
    """The office queue: open complaints first, by the deadline that runs now; then answered ones."""
    return complaint_list_visible_to(user=user).order_by("open_rank", "deadline", "id")


def complaint_get_visible(*, user: User, complaint_id: int) -> Complaint:
    """The complaint, or Complaint.DoesNotExist (a 404) when the user may not see it."""
    return (
        complaint_list_visible_to(user=user)
        .select_related(
            "explanation__recorded_by",
            "explanation__given_by",
            "appeal_of",
            "registered_by",
            "answered_by",
            "extended_by",
        )
        .prefetch_related("documents")
        .get(pk=complaint_id)
    )


def complaint_get_for_update(*, user: User, complaint_id: int) -> Complaint:
    """Lock the complaint row (only that row) if the user may see it; DoesNotExist otherwise."""
    return (
        Complaint.objects.select_for_update(of=("self",))
        .filter(complaint_visibility_q(user))
        .select_related("kind", "office")
        .get(pk=complaint_id)
    )


def access_key_hash(key: str) -> str:
    return hashlib.sha256(normalise_key(key).encode()).hexdigest()


def normalise_key(key: str) -> str:
    return "".join(c for c in (key or "").upper() if c.isalnum())


def normalise_tracking_number(value: str) -> str:
    return (value or "").strip().upper()


def complaint_get_by_access_key(*, tracking_number: str, key: str) -> Complaint:
    """The anonymous complainant's view: tracking number plus secret key, else DoesNotExist (404).

    A wrong key and an unknown number answer the same, so neither leaks that a complaint exists."""
    complaint = (
        Complaint.objects.select_related(
            "kind", "office", "explanation__recorded_by", "explanation__given_by", "appeal_of"
        )
        .filter(tracking_number=normalise_tracking_number(tracking_number))
        .exclude(access_key_hash="")
        .first()
    )
    if complaint is None or not key or not hmac.compare_digest(complaint.access_key_hash, access_key_hash(key)):
        raise Complaint.DoesNotExist
    return complaint


def complaint_get_key_protected(*, tracking_number: str) -> Complaint:
    """An anonymously filed complaint by number, for a session that has already proved the key."""
    return (
        Complaint.objects.select_related(
            "kind", "office", "explanation__recorded_by", "explanation__given_by", "appeal_of"
        )
        .exclude(access_key_hash="")
        .get(tracking_number=normalise_tracking_number(tracking_number))
    )


def complaint_get_of_citizen(*, user: User, tracking_number: str) -> Complaint:
    return (
        Complaint.objects.filter(complaint_visibility_q(user) & Q(complainant=user))
        .select_related("kind", "office", "explanation__recorded_by", "explanation__given_by", "appeal_of")
        .get(tracking_number=normalise_tracking_number(tracking_number))
    )


def complaint_list_of_citizen(*, user: User) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(complaint_visibility_q(user) & Q(complainant=user))
        .select_related("kind", "office")
        .order_by("-received_at", "-id")
    )


def complaint_overdue(*, now: datetime | None = None) -> QuerySet[Complaint]:
    """Open complaints past their term, or refusals past the explanation term (both indexed)."""
    now = now or timezone.now()
    return Complaint.objects.filter(
        Q(status__in=OPEN_STATUSES, due_at__lt=now)
        | Q(status=ComplaintStatus.REFUSAL_PENDING_EXPLANATION, explanation_due_at__lt=now)
    )


def complaint_history(*, complaint: Complaint) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=complaint._meta.label_lower, object_id=str(complaint.pk)).order_by(
        "seq"
    )


def complaint_appeal(*, complaint: Complaint) -> Complaint | None:
    return Complaint.objects.filter(appeal_of=complaint).only("id", "tracking_number", "status", "office").first()


def kinds_for_filing() -> QuerySet[ComplaintKind]:
    return ComplaintKind.objects.filter(is_active=True).order_by("order", "code")


def offices_for_filing() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind__in=PROSECUTOR_OFFICE_KINDS).order_by("path")


def offices_for_registration(*, user: User) -> QuerySet[Organisation]:
    """Offices a complaint may be assigned to by this user: prosecutor offices of the user's subtree."""
    org = user.organisation
    if org is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(kind__in=PROSECUTOR_OFFICE_KINDS, path__startswith=org.path).order_by("path")


def executors_for_registration(*, user: User) -> QuerySet[User]:
    """Prosecutors who may be made executors by this user (their offices lie in the user's subtree)."""
    org = user.organisation
    if org is None:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            role__in=[Role.PROSECUTOR, Role.SENIOR_PROSECUTOR],
            organisation__path__startswith=org.path,
        )
        .select_related("organisation")
        .order_by("organisation__path", "last_name", "username")
    )


def senior_prosecutors_of(*, office: Organisation) -> QuerySet[User]:
    return User.objects.filter(is_active=True, role=Role.SENIOR_PROSECUTOR, organisation=office)


def open_assigned_count(user: User) -> int:
    """Open complaints the user is executor of (the navigation badge)."""
    return Complaint.objects.filter(executor=user, status__in=OPEN_STATUSES).count()


def complaint_term_rules() -> list[Rule]:
    """The terms of every active complaint kind, for the terms calculator."""
    rules = []
    for kind in ComplaintKind.objects.filter(is_active=True):
        title = kind.display_title
        rules += [
            Rule(f"complaint.{kind.code}", gettext("Answer: %(kind)s") % {"kind": title}, kind.answer_term()),
            Rule(
                f"complaint.{kind.code}.extension_cap",
                gettext("Longest extension: %(kind)s") % {"kind": title},
                kind.extension_cap(),
            ),
            Rule(
                f"complaint.{kind.code}.forwarding",
                gettext("Forwarding to the competent body: %(kind)s") % {"kind": title},
                kind.forwarding_term(),
            ),
            Rule(
                f"complaint.{kind.code}.explanation",
                gettext("Explaining a refusal: %(kind)s") % {"kind": title},
                kind.explanation_term(),
            ),
        ]
    return rules
