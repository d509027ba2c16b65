"""Rehabilitation (CPC Art. 38): when a termination on a rehabilitating ground takes effect, every suspect of
the case is marked rehabilitated, a notice of the right to compensation is generated as a document of the
case, and the investigator has a deadline to hand it over (a deadline source, see ecase.deadline_sources).
The ground is passed in as it was at the decision, never read back from the editable table."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ecase import permissions
from ecase.audit.services import audit_record
from ecase.choices import ParticipantRole
from ecase.models import Case, Person, Rehabilitation, User
from ecase.services.documents import document_create
from ecase.terms.engine import Term, TermUnit, end_moment

# The term to hand the notice over (C: a default; CPC Art. 38 names the right, not the term). In days: the
# decision's day is not counted, the term ends at 24:00 Almaty and moves off a day off.
HANDOVER_TERM = Term(5, TermUnit.DAYS, "CPC 38 (C)", "termination on a rehabilitating ground")
# The notice is an official paper for the person: written in Russian, the language of the proceedings here.
NOTICE_LANGUAGE = "ru"


def handover_due(*, decided_at: datetime) -> datetime:
    return end_moment(HANDOVER_TERM, decided_at)


def _notice_text(*, case: Case, person: Person, ground_code: str, ground_title: str, decided_at: datetime) -> str:
    with translation.override(NOTICE_LANGUAGE):
        lines = [
            _("NOTICE of the right to compensation for harm (CPC Art. 38)"),
            "",
            _("To: %(person)s") % {"person": person.full_name},
            _("Case: %(number)s") % {"number": case.number},
            _("The criminal case was terminated on %(date)s on a rehabilitating ground: %(ground)s (%(code)s).")
            % {
                "date": formats.date_format(timezone.localtime(decided_at), "d.m.Y"),
                "ground": ground_title,
                "code": ground_code,
            },
            _(
                "You have the right to rehabilitation and to compensation for the property and moral harm caused "
                "by the criminal prosecution, and to the restoration of your labour, pension, housing and other "
                "rights (CPC Art. 37-38). You may claim it within the time limits set by law."
            ),
        ]
    return "\n".join(lines) + "\n"


def rehabilitation_record(
    *, case_id: int, decision_reference: str, ground_code: str, ground_title: str, decided_at: datetime, actor: User
) -> list[Rehabilitation]:
    """Mark the case's suspects rehabilitated. Runs inside the approving transaction; idempotent per
    (case, person, decision)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rehabilitation_record() runs inside the decision's transaction")
    case = Case.objects.select_for_update(no_key=True).get(pk=case_id)
    people = (
        Person.objects.filter(participations__case=case, participations__role=ParticipantRole.SUSPECT)
        .distinct()
        .order_by("pk")
    )
    records = []
    for person in people:
        if Rehabilitation.objects.filter(case=case, person=person, decision_reference=decision_reference).exists():
            continue
        text = _notice_text(
            case=case, person=person, ground_code=ground_code, ground_title=ground_title, decided_at=decided_at
        )
        upload = SimpleUploadedFile(f"compensation-notice-{person.pk}.txt", text.encode(), "text/plain")
        title = _("Notice of the right to compensation: %(person)s") % {"person": person.full_name}
        document = document_create(upload=upload, title=title, actor=actor, case=case)
        record = Rehabilitation.objects.create(
            case=case,
            person=person,
            decision_reference=decision_reference,
            ground_code=ground_code,
            ground_title=ground_title,
            rehabilitated_at=decided_at,
            notice_document=document,
            handover_due_at=handover_due(decided_at=decided_at),
        )
        audit_record(
            action="person.rehabilitated",
            obj=record,
            actor=actor,
            case=case,
            data={
                "person": person.full_name,
                "person_id": person.pk,
                "ground": ground_code,
                "decision": decision_reference,
                "notice_sha256": document.sha256,
                "handover_due_at": record.handover_due_at,
            },
        )
        records.append(record)
    return records


def rehabilitation_cancel_for_case(*, case_id: int, actor: User | None, reason: str) -> int:
    """The termination was cancelled (case under investigation again): its rehabilitations no longer stand and
    their hand-over deadlines close. Runs inside the cancellation's transaction. Returns how many."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rehabilitation_cancel_for_case() runs inside the decision's transaction")
    now = timezone.now()
    records = list(
        Rehabilitation.objects.select_for_update()
        .select_related("case")
        .filter(case_id=case_id, cancelled_at__isnull=True)
        .order_by("pk")
    )
    for record in records:
        record.cancelled_at = now
        record.save(update_fields=["cancelled_at"])
        audit_record(
            action="rehabilitation.cancelled",
            obj=record,
            actor=actor,
            case=record.case,
            reason=reason,
            data={"person_id": record.person_id, "decision": record.decision_reference},
        )
    return len(records)


def rehabilitation_handover(
    *, rehabilitation_id: int, actor: User, handed_over_at: datetime | None = None
) -> Rehabilitation:
    """The investigator records that the notice was handed to the person: the deadline item closes."""
    now = timezone.now()
    handed_over_at = handed_over_at or now
    with transaction.atomic():
        record = Rehabilitation.objects.select_for_update().select_related("case").get(pk=rehabilitation_id)
        if not permissions.can_record_rehabilitation_handover(actor, record.case):
            raise PermissionDenied(_("Only an investigator of the case's investigation body may record this."))
        if record.handed_over_at is not None:
            raise ValidationError({"handed_over_at": _("The hand-over is already recorded.")}, code="done")
        if record.cancelled_at is not None:
            raise ValidationError(
                {"handed_over_at": _("The termination was cancelled: there is no notice to hand over.")}, code="void"
            )
        if handed_over_at > now + timedelta(minutes=5) or handed_over_at < record.rehabilitated_at:
            raise ValidationError(
                {"handed_over_at": _("The hand-over must lie between the decision and now.")}, code="invalid"
            )
        record.handed_over_at, record.handed_over_by = handed_over_at, actor
        record.save(update_fields=["handed_over_at", "handed_over_by"])
        audit_record(
            action="rehabilitation.notice_handed_over",
            obj=record,
            actor=actor,
            case=record.case,
            data={"person_id": record.person_id, "handed_over_at": handed_over_at},
        )
    return record
