"""Filing complaints (by citizens, or entered by staff) and appeals against an outcome."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from complaints import permissions
from complaints.choices import STAFF_CHANNELS, Channel
from complaints.models import Complaint, ComplaintKind
from complaints.selectors import (
    access_key_hash,
    complaint_get_by_access_key,
    complaint_visibility_q,
)
from complaints.services.events import complaint_event
from ecase.audit.services import audit_record
from ecase.choices import OrganisationKind
from ecase.exceptions import Conflict
from ecase.models import Case, Organisation, User
from ecase.services.documents import document_check_upload, document_create
from ecase.validators import normalize_kz_phone, validate_iin

# Crockford's base32: no I, L, O, U, so a number read over the phone is not misheard.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MAX_ATTACHMENTS = 5


def _random_code(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def new_tracking_number(at: datetime) -> str:
    """e.g. 2026-7K4M-9QPX: the year of receipt and 8 random characters (40 bits)."""
    code = _random_code(8)
    return f"{timezone.localtime(at).year}-{code[:4]}-{code[4:]}"


def new_access_key() -> str:
    """A secret of 80 bits in four groups, e.g. 4HQ2-ZX7M-P0KD-W9RA. Only its SHA-256 is stored."""
    code = _random_code(16)
    return "-".join(code[i : i + 4] for i in range(0, 16, 4))


def _required(value: str | None, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")}, code="required")
    return value


def _check_identity(*, name: str, iin: str, email: str) -> tuple[str, str, str]:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    iin = (iin or "").strip()
    email = (email or "").strip()
    if not name:
        errors["complainant_name"] = [_("This field is required.")]
    try:
        validate_iin(iin)
    except ValidationError as exc:
        errors["complainant_iin"] = exc.messages
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            errors["complainant_email"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return name, iin, email


def _kind(code: str) -> ComplaintKind:
    kind = ComplaintKind.objects.filter(code=code or "", is_active=True).first()
    if kind is None:
        raise ValidationError({"kind": _("Choose a kind of complaint from the list.")}, code="invalid_choice")
    return kind


def _reception_office() -> Organisation | None:
    """Where a complaint addressed to no office (and to no known case) is received and routed from."""
    return Organisation.objects.filter(kind=OrganisationKind.GENERAL_OFFICE).order_by("pk").first()


def _resolve_office(*, actor: User | None, office_id: int | None, case_number: str) -> tuple[Organisation, Case | None]:
    """The office a new complaint goes to, and the case it concerns (if the number is known).

    For citizens a known case number decides the office (its supervising office). An unknown number is
    kept as typed and changes nothing the citizen can see, so filing never reveals whether a case exists.
    """
    office = None
    if office_id is not None:
        office = Organisation.objects.filter(pk=office_id).first()
        if office is None or not office.is_prosecutor_office:
            raise ValidationError({"office": _("Choose a prosecutor's office from the list.")}, code="invalid_choice")
    case = None
    if case_number:
        case = Case.objects.select_related("supervising_office").filter(number__iexact=case_number).first()
    staff = actor is not None and not actor.is_citizen
    if staff:
        if office is None:
            raise ValidationError({"office": _("Choose the office the complaint is addressed to.")})
        if not permissions.can_register_intake(actor, office):  # type: ignore[arg-type]
            raise PermissionDenied(_("You may enter complaints only for your office and its sub-offices."))
        if case is not None and not case.supervising_office.path.startswith(office.path):
            case = None
        return office, case
    if case is not None:
        return case.supervising_office, case
    if office is None and not case_number:
        raise ValidationError({"office": _("Choose an office, or give the number of the case the complaint is about.")})
    office = office or _reception_office()
    if office is None:
        raise ValidationError({"office": _("Choose the office the complaint is addressed to.")})
    return office, None


def _check_attachments(attachments: Sequence[UploadedFile]) -> None:
    """Every upload is checked before anything is written (FileTooLarge -> 413, bad type -> 400)."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("At most %(n)d files may be attached.") % {"n": MAX_ATTACHMENTS}})
    for upload in attachments:
        document_check_upload(upload)


def _insert(complaint: Complaint) -> None:
    """Insert with a fresh tracking number; on the (rare) collision, draw another."""
    for _attempt in range(5):
        complaint.tracking_number = new_tracking_number(complaint.received_at)
        try:
            with transaction.atomic():
                complaint.save(force_insert=True)
            return
        except IntegrityError:
            if not Complaint.objects.filter(tracking_number=complaint.tracking_number).exists():
                raise
    raise Conflict(_("Could not issue a tracking number; please try again."))


def _attach(complaint: Complaint, attachments: Sequence[UploadedFile], actor: User | None) -> None:
    for upload in attachments:
        document = document_create(upload=upload, title=upload.name or "", actor=actor)
        complaint.documents.add(document)


def complaint_file(
    *,
    actor: User | None,
    kind: str,
    text: str,
    complainant_name: str,
    complainant_iin: str,
    complainant_email: str = "",
    complainant_phone: str = "",
    complainant_address: str = "",
    office_id: int | None = None,
    case_number: str = "",
    attachments: Sequence[UploadedFile] = (),
    channel: str = Channel.WEB,
    received_at: datetime | None = None,
) -> tuple[Complaint, str]:
    """File a complaint. Returns the complaint and, for an anonymous filing, the secret access key
    (shown to the complainant once; only its hash is stored). Otherwise the key is "".

    - anonymous (actor None) or a citizen account: channel web or api, received now;
    - a prosecutor entering a complaint received by mail or in person: an office of their subtree, and
      the date of receipt may be given (not in the future).
    """
    now = timezone.now()
    staff = actor is not None and not actor.is_citizen
    if actor is not None and not actor.is_citizen and not actor.is_prosecutor:
        raise PermissionDenied(_("Only citizens and prosecutors file complaints."))
    if staff and channel not in STAFF_CHANNELS:
        raise ValidationError({"channel": _("Staff enter complaints received by mail or in person.")})
    if not staff and channel not in (Channel.WEB, Channel.API):
        raise ValidationError({"channel": _("Unknown channel.")}, code="invalid_choice")
    if received_at is not None and not staff:
        raise ValidationError({"received_at": _("The date of receipt is set by the system.")})
    received_at = received_at or now
    if received_at > now + timedelta(minutes=5):
        raise ValidationError({"received_at": _("The date of receipt cannot be in the future.")})
    name, iin, email = _check_identity(name=complainant_name, iin=complainant_iin, email=complainant_email)
    try:
        phone = normalize_kz_phone(complainant_phone)
    except ValidationError as exc:
        raise ValidationError({"complainant_phone": exc.messages}) from exc
    text = _required(text, "text")
    case_number = (case_number or "").strip().upper()[:32]
    kind_obj = _kind(kind)
    office, case = _resolve_office(actor=actor, office_id=office_id, case_number=case_number)
    _check_attachments(attachments)
    access_key = new_access_key() if actor is None else ""
    with transaction.atomic():
        complaint = Complaint(
            access_key_hash=access_key_hash(access_key) if access_key else "",
            kind=kind_obj,
            channel=channel,
            complainant=actor if actor is not None and actor.is_citizen else None,
            complainant_name=name[:255],
            complainant_iin=iin,
            complainant_email=email[:254],
            complainant_phone=phone,
            complainant_address=(complainant_address or "").strip()[:255],
            case=case,
            case_number=case_number,
            text=text,
            office=office,
            created_by=actor if staff else None,
            received_at=received_at,
            due_at=kind_obj.due_from(received_at),
            initial_due_at=kind_obj.due_from(received_at),
            forward_due_at=kind_obj.forwarding_due_from(received_at),
        )
        _insert(complaint)
        _attach(complaint, attachments, actor)
        audit_record(
            action="complaint.filed",
            obj=complaint,
            actor=actor,
            to_state=complaint.status,
            data={
                "tracking_number": complaint.tracking_number,
                "kind": kind_obj.code,
                "channel": channel,
                "office": office.code,
                "attachments": len(attachments),
            },
        )
        complaint_event(complaint=complaint, event="filed")
    return complaint, access_key


def _higher_office(office: Organisation) -> Organisation:
    parent = office.parent
    if parent is None or not parent.is_prosecutor_office:
        raise ValidationError(
            _("The complaint was answered by the highest office; an appeal lies to the court."), code="no_higher"
        )
    return parent


def _open_appeal(*, original: Complaint, actor: User | None, text: str, channel: str) -> Complaint:
    """Inside the caller's transaction, with the original locked: validate and open the linked appeal."""
    try:
        original.appeal()
    except TransitionNotAllowed as exc:
        raise Conflict(_("Only a refused or partially satisfied complaint may be appealed, once.")) from exc
    office = _higher_office(original.office)
    now = timezone.now()
    kind = original.kind
    appeal = Complaint(
        access_key_hash=original.access_key_hash,
        kind=kind,
        channel=channel,
        complainant=original.complainant,
        complainant_name=original.complainant_name,
        complainant_iin=original.complainant_iin,
        complainant_email=original.complainant_email,
        complainant_phone=original.complainant_phone,
        language=original.language,
        complainant_address=original.complainant_address,
        case=original.case,
        case_number=original.case_number,
        text=text,
        office=office,
        created_by=actor if actor is not None and not actor.is_citizen else None,
        received_at=now,
        due_at=kind.due_from(now),
        initial_due_at=kind.due_from(now),
        forward_due_at=kind.forwarding_due_from(now),
        appeal_of=original,
    )
    try:
        _insert(appeal)
    except IntegrityError as exc:  # the one-appeal rule, lost to a concurrent appeal
        raise Conflict(_("This complaint has already been appealed.")) from exc
    audit_record(
        action="complaint.appealed",
        obj=original,
        actor=actor,
        from_state=original.status,
        to_state=original.status,
        reason=text,
        data={"appeal": appeal.tracking_number, "to_office": office.code},
    )
    audit_record(
        action="complaint.filed",
        obj=appeal,
        actor=actor,
        to_state=appeal.status,
        data={
            "tracking_number": appeal.tracking_number,
            "kind": kind.code,
            "channel": channel,
            "office": office.code,
            "appeal_of": original.tracking_number,
        },
    )
    complaint_event(complaint=appeal, event="filed")
    return appeal


def complaint_appeal(*, complaint_id: int, actor: User, text: str, channel: str = Channel.WEB) -> Complaint:
    """Appeal a refusal or a partial satisfaction to the higher office: by the complainant's account, or
    entered by staff (a paper appeal). Returns the new, linked complaint."""
    text = _required(text, "text")
    with transaction.atomic():
        original = (
            Complaint.objects.select_for_update(of=("self",))
            .filter(complaint_visibility_q(actor))
            .select_related("kind", "office__parent")
            .get(pk=complaint_id)
        )
        if not permissions.can_appeal(actor, original):
            raise PermissionDenied(_("Only the complainant may appeal this answer."))
        if not actor.is_citizen:
            channel = Channel.MAIL if channel not in STAFF_CHANNELS else channel
        return _open_appeal(original=original, actor=actor, text=text, channel=channel)


def complaint_appeal_anonymous(
    *, tracking_number: str, access_key: str, text: str, channel: str = Channel.WEB
) -> Complaint:
    """Appeal by an anonymous complainant, who proves it with the secret key (the appeal keeps the key)."""
    text = _required(text, "text")
    with transaction.atomic():
        found = complaint_get_by_access_key(tracking_number=tracking_number, key=access_key)
        original = (
            Complaint.objects.select_for_update(of=("self",)).select_related("kind", "office__parent").get(pk=found.pk)
        )
        return _open_appeal(original=original, actor=None, text=text, channel=channel)
