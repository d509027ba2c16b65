"""Writes to the case register. Each service: one transaction, permission check, change, audit event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from ecase import hooks, permissions
from ecase.audit.services import audit_record
from ecase.choices import (
    RIGHTS_RESTRICTING_ACTIONS,
    ActionKind,
    ActionReview,
    ParticipantRole,
)
from ecase.exceptions import Conflict
from ecase.models import Case, Document, InvestigativeAction, Participant, Person, RegisterCounter, User
from ecase.services.documents import document_create
from ecase.terms.engine import end_moment
from ecase.terms.selectors import investigation_term
from ecase.validators import validate_iin, validate_iin_matches

NUMBER_FORMAT = "{year}-{region}-{seq:06d}"  # e.g. 2026-ALA-000042: year, region, sequence in that year


def case_number_reserve(*, region: str, year: int, count: int = 1) -> list[str]:
    """Reserve `count` consecutive register numbers for a region and year.

    The counter row is locked (SELECT ... FOR UPDATE) so concurrent registrations queue on it; numbers
    are never reused because the counter only grows and cases are never deleted.
    """
    scope = f"{year}:{region}"
    with transaction.atomic():
        try:
            with transaction.atomic():
                counter, _created = RegisterCounter.objects.select_for_update().get_or_create(scope=scope)
        except IntegrityError:
            # Another transaction created the row first; now wait for its lock.
            counter = RegisterCounter.objects.select_for_update().get(scope=scope)
        first = counter.value + 1
        counter.value += count
        counter.save(update_fields=["value"])
    return [NUMBER_FORMAT.format(year=year, region=region, seq=n) for n in range(first, first + count)]


def case_register(
    *,
    actor: User,
    qualification: str,
    category: str,
    severity: str,
    summary: str,
    registered_at: datetime | None = None,
) -> Case:
    """Register a new case in the investigator's own body."""
    body = actor.organisation
    if not permissions.can_register_case(actor) or body is None:
        raise PermissionDenied(_("Only an investigator of an investigation body may register a case."))
    office = body.parent
    if office is None:
        raise ValidationError(_("Your investigation body has no supervising office; ask an administrator."))
    registered_at = registered_at or timezone.now()
    year = timezone.localtime(registered_at).year
    with transaction.atomic():
        number = case_number_reserve(region=body.region_code, year=year)[0]
        case = Case(
            number=number,
            investigation_body=body,
            investigator=actor,
            supervising_office=office,
            qualification=qualification.strip(),
            category=category,
            severity=severity,
            summary=summary.strip(),
            registered_at=registered_at,
            status_changed_at=registered_at,
            # CPC 192: the investigation term of the category (ecase.terms: 2 months by default), from registration.
            term_expires_at=end_moment(investigation_term(category), registered_at),
        )
        case.full_clean(exclude=["status"])
        case.save()
        audit_record(
            action="case.registered",
            obj=case,
            actor=actor,
            case=case,
            to_state=case.status,
            data={"number": number, "qualification": case.qualification, "category": category},
        )
    return case


def _lock_case_for_materials(*, case_id: int, actor: User) -> Case:
    case = Case.objects.select_for_update(no_key=True).get(pk=case_id)
    if not permissions.can_edit_case_materials(actor, case):
        raise PermissionDenied(_("You may not add materials to this case."))
    return case


def person_get_or_create(*, full_name: str, iin: str = "", **details: Any) -> Person:
    """Find a person by IIN, or create one. A person without IIN is always a new row."""
    if iin:
        validate_iin(iin)
        validate_iin_matches(iin, birth_date=details.get("birth_date"), sex=details.get("sex"))
        person = Person.objects.filter(iin=iin).first()
        if person is not None:
            return person
    person = Person(full_name=full_name.strip(), iin=iin or None, **details)
    person.full_clean()
    person.save()
    return person


def participant_add(
    *, case_id: int, actor: User, role: str, full_name: str, iin: str = "", **details: Any
) -> Participant:
    """Add a participant. A suspect is recognised only through an approved decision, never directly."""
    if role == ParticipantRole.SUSPECT:
        raise ValidationError(
            {"role": _("A suspect is recognised only by an approved suspect-recognition decision.")},
            code="suspect_requires_decision",
        )
    if role not in ParticipantRole.values:
        raise ValidationError({"role": _("Unknown participant role.")}, code="invalid_choice")
    with transaction.atomic():
        case = _lock_case_for_materials(case_id=case_id, actor=actor)
        person = person_get_or_create(full_name=full_name, iin=iin, **details)
        if Participant.objects.filter(case=case, person=person, role=role).exists():
            raise ValidationError({"role": _("This person already takes part in the case in this role.")})
        participant = Participant.objects.create(case=case, person=person, role=role, added_by=actor)
        audit_record(
            action="participant.added",
            obj=participant,
            actor=actor,
            case=case,
            data={"person": person.full_name, "role": role, "person_id": person.pk},
        )
    return participant


def case_document_upload(*, case_id: int, actor: User, upload: UploadedFile, title: str = "") -> Document:
    with transaction.atomic():
        case = _lock_case_for_materials(case_id=case_id, actor=actor)
        return document_create(upload=upload, title=title, actor=actor, case=case)


def action_record(
    *,
    case_id: int,
    actor: User,
    kind: str,
    performed_at: datetime,
    description: str,
    legal_basis: str = "",
    basis_reference: str = "",
) -> InvestigativeAction:
    """Record an investigative action.

    A rights-restricting action (search, seizure, arrest of property, covert action, detention) never
    stays outside supervision: if it rests on no approved basis it is recorded as awaiting the
    prosecutor's review, and the approvals app turns that into an urgent-action notice.
    """
    if kind not in ActionKind.values:
        raise ValidationError({"kind": _("Unknown kind of investigative action.")}, code="invalid_choice")
    if performed_at > timezone.now() + relativedelta(minutes=5):
        raise ValidationError({"performed_at": _("An action cannot be recorded as performed in the future.")})
    restricts = kind in RIGHTS_RESTRICTING_ACTIONS
    basis_reference = basis_reference.strip()
    with transaction.atomic():
        case = _lock_case_for_materials(case_id=case_id, actor=actor)
        if performed_at < case.registered_at - relativedelta(days=1):
            raise ValidationError({"performed_at": _("The action predates the case's registration.")})
        basis = hooks.resolve_action_basis(case=case, reference=basis_reference) if basis_reference else None
        if basis_reference and basis is None:
            raise ValidationError(
                {
                    "basis_reference": _(
                        "No approved decision or court sanction with this reference exists in this case. "
                        "Leave it empty to send the action to the prosecutor for review."
                    )
                },
                code="unknown_basis",
            )
        if not restricts:
            review = ActionReview.NOT_REQUIRED
        elif basis is not None:
            review = ActionReview.BASIS_APPROVED
        else:
            review = ActionReview.AWAITING_REVIEW
        action = InvestigativeAction.objects.create(
            case=case,
            kind=kind,
            restricts_rights=restricts,
            performed_at=performed_at,
            performed_by=actor,
            description=description.strip(),
            legal_basis=legal_basis.strip(),
            basis_reference=basis_reference,
            review=review,
        )
        audit_record(
            action="action.recorded",
            obj=action,
            actor=actor,
            case=case,
            to_state=review,
            data={
                "kind": kind,
                "restricts_rights": restricts,
                "performed_at": performed_at,
                "basis": basis or "",
            },
        )
        # Listeners (the approvals app) act inside this transaction: an action awaiting review becomes
        # an urgent notice to the prosecutor, or nothing is recorded.
        hooks.action_recorded(action=action)
    return action


def case_apply_transition(
    *, case_id: int, transition: str, actor: User | None, reason: str = "", **kwargs: Any
) -> Case:
    """Move a case through one of its protected transitions. Called only by the approvals services, inside
    their own transaction, when an approved decision takes effect. Locks the case row; a transition that is
    not allowed from the current state raises Conflict (HTTP 409) and the caller's transaction rolls back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case_apply_transition() must run inside the decision's transaction")
    case = Case.objects.select_for_update(no_key=True).get(pk=case_id)
    method = getattr(case, transition, None)
    if method is None or not hasattr(method, "_django_fsm"):
        raise ValueError(f"unknown case transition {transition!r}")
    from_state = case.status
    try:
        method(**kwargs)
        case.save()
    except (TransitionNotAllowed, ConcurrentTransition) as exc:
        raise Conflict(
            _("The case is %(state)s; this decision can no longer take effect.") % {"state": case.get_status_display()}
        ) from exc
    audit_record(
        action=f"case.{transition}",
        obj=case,
        actor=actor,
        case=case,
        from_state=from_state,
        to_state=case.status,
        reason=reason,
        data={k: str(v) for k, v in kwargs.items()},
    )
    return case
