"""The office's side: register, answer, forward, propose a refusal, record the explanation, extend.

Every service has one shape: in one transaction, lock the complaint row (visible to the actor, else
404), check the permission predicate (403), call the transition (409 when the state does not allow it),
save, write the audit event, and enqueue the complainant's e-mail after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed

from complaints import permissions
from complaints.choices import ExplanationForm, NoticeEvent
from complaints.models import Complaint, ComplaintExplanation, ComplaintKind
from complaints.personal import answer_facts, explanation_facts, personal_sign
from complaints.selectors import complaint_get_for_update, offices_for_registration
from ecase.audit.services import audit_record
from ecase.exceptions import Conflict
from ecase.models import User
from ecase.terms.workdays import end_of_day

from .events import complaint_event
from .filing import _required

Predicate = Callable[[User, Complaint], bool]


def _lock(*, complaint_id: int, actor: User, allowed: Predicate, denied: str) -> Complaint:
    complaint = complaint_get_for_update(user=actor, complaint_id=complaint_id)
    if not allowed(actor, complaint):
        raise PermissionDenied(denied)
    return complaint


def _conflict(complaint: Complaint) -> Conflict:
    return Conflict(
        _("The complaint is “%(state)s”; this action is not possible now.") % {"state": complaint.get_status_display()}
    )


def _apply(
    complaint: Complaint,
    *,
    action: str,
    actor: User,
    params: dict[str, Any],
    note: str = "",
    data: dict[str, Any] | None = None,
) -> Complaint:
    """Run the transition `action(**params)` on the locked complaint, save it and audit it (`note` is
    the event's reason)."""
    from_state = complaint.status
    try:
        getattr(complaint, action)(**params)
    except TransitionNotAllowed as exc:
        raise _conflict(complaint) from exc
    complaint.save()
    audit_record(
        action=f"complaint.{action}",
        obj=complaint,
        actor=actor,
        from_state=from_state,
        to_state=complaint.status,
        reason=note,
        data={"tracking_number": complaint.tracking_number, **(data or {})},
    )
    return complaint


def _notify_after_commit(complaint: Complaint, event: str) -> None:
    from complaints.tasks import notify_complainant as notify_complainant_task

    complaint_id = complaint.pk
    transaction.on_commit(lambda: notify_complainant_task.delay(complaint_id, event))


def complaint_register(
    *, complaint_id: int, actor: User, office_id: int, executor_id: int, kind: str = ""
) -> Complaint:
    """Register a submitted complaint: assign the office and the executor; the term is fixed."""
    with transaction.atomic():
        complaint = _lock(
            complaint_id=complaint_id,
            actor=actor,
            allowed=permissions.can_register,
            denied=_("Only a prosecutor of the office registers its complaints."),
        )
        if not can_proceed(complaint.register):
            raise _conflict(complaint)
        office = offices_for_registration(user=actor).filter(pk=office_id).first()
        if office is None:
            raise ValidationError({"office": _("Choose an office of your subtree.")}, code="invalid_choice")
        executor = User.objects.filter(pk=executor_id).first()
        if executor is None:
            raise ValidationError({"executor": _("Choose a prosecutor of the office.")}, code="invalid_choice")
        kind_obj = complaint.kind
        if kind and kind != complaint.kind_id:
            chosen = ComplaintKind.objects.filter(code=kind).first()
            if chosen is None:
                raise ValidationError({"kind": _("Unknown kind of complaint.")}, code="invalid_choice")
            kind_obj = chosen
        _apply(
            complaint,
            action="register",
            actor=actor,
            data={"office": office.code, "executor": executor.get_username(), "kind": kind_obj.code},
            params={"office": office, "executor": executor, "kind": kind_obj, "actor": actor, "at": timezone.now()},
        )
        _notify_after_commit(complaint, NoticeEvent.REGISTERED)
        complaint_event(complaint=complaint, event="registered")
    return complaint


def _answer(
    *, complaint_id: int, actor: User, action: str, answer: str, signature: bytes | None = None, **kwargs: Any
) -> Complaint:
    answer = _required(answer, "answer")
    with transaction.atomic():
        complaint = _lock(
            complaint_id=complaint_id,
            actor=actor,
            allowed=permissions.can_decide,
            denied=_("Only the executor or a senior prosecutor answers this complaint."),
        )
        if not can_proceed(getattr(complaint, action)):
            raise _conflict(complaint)
        facts = answer_facts(answer=answer, body=kwargs.get("body", ""), forward=action == "forward")
        personal_sign(complaint=complaint, actor=actor, action=action.replace("_", "-"), facts=facts, cms_der=signature)
        params = {"answer": answer, "actor": actor, "at": timezone.now(), **kwargs}
        _apply(complaint, action=action, actor=actor, note=answer, params=params)
        if action != "propose_refusal":
            _notify_after_commit(complaint, NoticeEvent.ANSWERED)
        complaint_event(complaint=complaint, event="refusal_proposed" if action == "propose_refusal" else "answered")
    return complaint


def complaint_satisfy(*, complaint_id: int, actor: User, answer: str, signature: bytes | None = None) -> Complaint:
    return _answer(complaint_id=complaint_id, actor=actor, action="satisfy", answer=answer, signature=signature)


def complaint_partially_satisfy(
    *, complaint_id: int, actor: User, answer: str, signature: bytes | None = None
) -> Complaint:
    return _answer(
        complaint_id=complaint_id, actor=actor, action="partially_satisfy", answer=answer, signature=signature
    )


def complaint_forward(
    *, complaint_id: int, actor: User, body: str, answer: str = "", signature: bytes | None = None
) -> Complaint:
    """Forward to the competent body (named); the complainant is told where the complaint went."""
    facts = answer_facts(body=_required(body, "body"), answer=answer, forward=True)
    return _answer(
        complaint_id=complaint_id,
        actor=actor,
        action="forward",
        answer=facts["answer"],
        body=facts["body"],
        signature=signature,
    )


def complaint_propose_refusal(
    *, complaint_id: int, actor: User, answer: str, signature: bytes | None = None
) -> Complaint:
    """Propose a refusal with a reasoned answer. It is not final until the personal explanation."""
    return _answer(complaint_id=complaint_id, actor=actor, action="propose_refusal", answer=answer, signature=signature)


def complaint_record_explanation(
    *,
    complaint_id: int,
    actor: User,
    held_at: datetime,
    form: str,
    participants: str,
    summary: str,
    given_by_id: int | None = None,
    signature: bytes | None = None,
) -> Complaint:
    """Record the personal explanation of a proposed refusal; only then is the refusal final. `given_by_id`:
    the senior prosecutor who gave it (by default the one recording it). `signature`: the recorder's CMS over
    complaints.personal.signing_payload of the record (required when the policy says so)."""
    participants = _required(participants, "participants")
    summary = _required(summary, "summary")
    if form not in ExplanationForm.values:
        raise ValidationError({"form": _("Choose in person, video call or phone.")}, code="invalid_choice")
    if not isinstance(held_at, datetime) or timezone.is_naive(held_at):
        raise ValidationError({"held_at": _("Give the date and time of the explanation.")})
    now = timezone.now()
    with transaction.atomic():
        complaint = _lock(
            complaint_id=complaint_id,
            actor=actor,
            allowed=permissions.can_record_explanation,
            denied=_("Only a senior prosecutor of the office records a personal explanation."),
        )
        if not can_proceed(complaint.record_explanation):
            raise _conflict(complaint)
        given_by = _explainer(complaint, actor, given_by_id)
        if held_at > now + timedelta(minutes=5):
            raise ValidationError({"held_at": _("The explanation cannot be recorded before it took place.")})
        if complaint.refusal_proposed_at and held_at < complaint.refusal_proposed_at - timedelta(minutes=5):
            raise ValidationError({"held_at": _("The explanation must follow the proposed refusal.")})
        facts = explanation_facts(
            complaint=complaint,
            held_at=held_at,
            form=form,
            given_by=given_by,
            participants=participants,
            summary=summary,
        )
        personal_sign(complaint=complaint, actor=actor, action="record-explanation", facts=facts, cms_der=signature)
        explanation = ComplaintExplanation.objects.create(
            held_at=held_at,
            form=form,
            given_by=given_by,
            participants=participants,
            summary=summary,
            recorded_by=actor,
            recorded_at=now,
        )
        _apply(
            complaint,
            action="record_explanation",
            actor=actor,
            note=summary,
            data={
                "form": form,
                "held_at": held_at.isoformat(),
                "given_by": given_by.pk,
                "participants": participants,
            },
            params={"explanation": explanation},
        )
        _notify_after_commit(complaint, NoticeEvent.ANSWERED)
        complaint_event(complaint=complaint, event="answered")
    return complaint


def _explainer(complaint: Complaint, actor: User, given_by_id: int | None) -> User:
    """The senior prosecutor who gave the explanation: one who may give it (400 otherwise)."""
    if given_by_id is None or given_by_id == actor.pk:
        return actor
    given_by = User.objects.filter(pk=given_by_id, is_active=True).first()
    if given_by is None or not permissions.can_record_explanation(given_by, complaint):
        raise ValidationError(
            {"given_by": _("Choose a senior prosecutor of the office who gave the explanation.")}, code="invalid"
        )
    return given_by


def complaint_extend(*, complaint_id: int, actor: User, until: date | datetime, reason: str) -> Complaint:
    """Extend the term once, with a reason, by a senior prosecutor (to the kind's limit from receipt)."""
    reason = _required(reason, "reason")
    if isinstance(until, datetime):
        until_at = until if timezone.is_aware(until) else timezone.make_aware(until)
    elif isinstance(until, date):
        until_at = end_of_day(until)
    else:
        raise ValidationError({"until": _("Give the date the term is extended to.")})
    with transaction.atomic():
        complaint = _lock(
            complaint_id=complaint_id,
            actor=actor,
            allowed=permissions.can_extend,
            denied=_("Only a senior prosecutor extends a complaint's term."),
        )
        previous = complaint.due_at
        _apply(
            complaint,
            action="extend",
            actor=actor,
            note=reason,
            data={"from": previous.isoformat(), "until": until_at.isoformat()},
            params={"until": until_at, "reason": reason, "actor": actor, "at": timezone.now()},
        )
        _notify_after_commit(complaint, NoticeEvent.EXTENDED)
    return complaint
