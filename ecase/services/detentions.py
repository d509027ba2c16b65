"""Writes of the detention clock: record a detention, release the person, stop the clock on a court sanction.

Each service: one transaction, a row lock, the permission predicate, the change, an audit event. The clock's
end is computed once, when the detention is recorded; the deadline scan (ecase.hooks registers the source)
reminds the investigator 24, 6 and 1 hour before it and escalates to the supervising office's senior
prosecutor when it passes while the person is still held.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase import permissions
from ecase.audit.services import audit_record
from ecase.choices import DetentionStatus
from ecase.models import Case, Detention, Document, Participant, Person, User
from ecase.services.cases import person_get_or_create
from ecase.terms.engine import Term, end_moment
from ecase.terms.selectors import term_rule

FUTURE_TOLERANCE = timedelta(minutes=5)


def detention_term(*, exceptional: bool) -> Term:
    """CPC Art. 128, 131 (V): 48 hours from the actual moment of detention, 72 on the exceptional ground; hours
    run in real time and a limit of liberty never moves off a day off. The term tables' rules "detention" and
    "detention_exceptional" (the same ones the terms calculator shows)."""
    return term_rule("detention_exceptional" if exceptional else "detention")


def detention_end(*, detained_at: datetime, exceptional: bool) -> datetime:
    return end_moment(detention_term(exceptional=exceptional), detained_at)


def _person(*, case: Case, participant_id: int | None, full_name: str, iin: str) -> Person:
    if participant_id is not None:
        participant = Participant.objects.select_related("person").filter(case=case, pk=participant_id).first()
        if participant is None:
            raise ValidationError({"participant": _("No such participant in this case.")}, code="invalid")
        return participant.person
    if not full_name.strip():
        raise ValidationError(
            {"participant": _("Choose a participant of the case, or give the detained person's full name.")},
            code="required",
        )
    return person_get_or_create(full_name=full_name, iin=iin)


def detention_record(
    *,
    case_id: int,
    actor: User,
    detained_at: datetime,
    participant_id: int | None = None,
    full_name: str = "",
    iin: str = "",
    protocol_reference: str = "",
    protocol_document_id: int | None = None,
    exceptional: bool = False,
    exceptional_basis: str = "",
) -> Detention:
    """Record a detention and start its clock. Bad input raises ValidationError and records nothing."""
    errors: dict[str, str] = {}
    protocol_reference, exceptional_basis = protocol_reference.strip(), exceptional_basis.strip()
    if detained_at > timezone.now() + FUTURE_TOLERANCE:
        errors["detained_at"] = _("A detention cannot start in the future.")
    if exceptional and not exceptional_basis:
        errors["exceptional_basis"] = _("State the basis of the exceptional ground (72 hours).")
    if not exceptional and exceptional_basis:
        errors["exceptional_basis"] = _("A basis goes with the exceptional ground only.")
    if not protocol_reference and protocol_document_id is None:
        errors["protocol_reference"] = _("Give the protocol of detention: its reference or the uploaded document.")
    if errors:
        raise ValidationError(errors, code="invalid")
    with transaction.atomic():
        case = Case.objects.select_for_update(no_key=True).get(pk=case_id)
        if not permissions.can_manage_detention(actor, case):
            raise PermissionDenied(_("Only an investigator of the case's investigation body may record a detention."))
        document = None
        if protocol_document_id is not None:
            document = Document.objects.filter(case=case, pk=protocol_document_id).first()
            if document is None:
                raise ValidationError({"protocol_document": _("No such document in this case.")}, code="invalid")
        person = _person(case=case, participant_id=participant_id, full_name=full_name, iin=iin)
        if Detention.objects.filter(case=case, person=person, status=DetentionStatus.RUNNING).exists():
            raise ValidationError(
                {"participant": _("This person is already detained in this case.")}, code="already_detained"
            )
        detention = Detention.objects.create(
            case=case,
            person=person,
            detained_at=detained_at,
            protocol_reference=protocol_reference,
            protocol_document=document,
            exceptional=exceptional,
            exceptional_basis=exceptional_basis,
            ends_at=detention_end(detained_at=detained_at, exceptional=exceptional),
            recorded_by=actor,
        )
        audit_record(
            action="detention.recorded",
            obj=detention,
            actor=actor,
            case=case,
            to_state=detention.status,
            data={
                "person": person.full_name,
                "person_id": person.pk,
                "detained_at": detained_at,
                "ends_at": detention.ends_at,
                "exceptional": exceptional,
                "exceptional_basis": exceptional_basis,
                "protocol": protocol_reference or (document.sha256 if document else ""),
            },
        )
    return detention


def detention_release(
    *, detention_id: int, actor: User, released_at: datetime | None = None, note: str = ""
) -> Detention:
    """The investigator records the release: the clock stops. A second release answers 409 (not running)."""
    now = timezone.now()
    released_at = released_at or now
    with transaction.atomic():
        detention = Detention.objects.select_for_update().select_related("case").get(pk=detention_id)
        if not permissions.can_manage_detention(actor, detention.case):
            raise PermissionDenied(_("Only an investigator of the case's investigation body may record a release."))
        if released_at > now + FUTURE_TOLERANCE or released_at < detention.detained_at:
            raise ValidationError(
                {"released_at": _("The release must lie between the detention and now.")}, code="invalid"
            )
        from_state = detention.status
        detention.release(by=actor, at=released_at, note=note.strip()[:255])  # TransitionNotAllowed -> 409
        detention.save()
        audit_record(
            action="detention.released",
            obj=detention,
            actor=actor,
            case=detention.case,
            from_state=from_state,
            to_state=detention.status,
            reason=detention.stop_note,
            data={"released_at": released_at, "ends_at": detention.ends_at, "late": released_at > detention.ends_at},
        )
    return detention


def detention_stop_by_sanction(*, case_id: int, person_id: int, actor: User | None, reference: str) -> list[Detention]:
    """The court sanctioned a preventive measure for the person: their running detention in the case ends.
    Called by the approvals app inside the court outcome's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("detention_stop_by_sanction() runs inside the court outcome's transaction")
    stopped = []
    now = timezone.now()
    running = Detention.objects.select_for_update().filter(
        case_id=case_id, person_id=person_id, status=DetentionStatus.RUNNING
    )
    for detention in running.select_related("case"):
        detention.sanction(by=actor, at=now, note=reference[:255])
        detention.save()
        audit_record(
            action="detention.sanctioned",
            obj=detention,
            actor=actor,
            case=detention.case,
            from_state=DetentionStatus.RUNNING,
            to_state=detention.status,
            reason=reference,
            data={"ends_at": detention.ends_at, "late": now > detention.ends_at},
        )
        stopped.append(detention)
    return stopped
