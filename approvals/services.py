"""Writes to procedural decisions. Every state change has one shape, in one transaction: lock the
decision row, check the permission predicate (403), check the transition may proceed (409), validate
the input (400), run the FSM transition, save, audit, and apply the effect on the case, which locks the
case row and raises Conflict (409) if the case has moved: then nothing of the approval is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from ecase.audit.services import audit_record
from ecase.exceptions import Conflict
from ecase.models import Case, User
from ecase.services.documents import document_create
from ecase.terms.engine import end_moment

from . import effects, hooks, permissions
from .choices import CourtOutcome, DecisionKind, DecisionStatus, PreventiveMeasure
from .content import DecisionContent, case_state_allows, case_state_error, custody_last_day, resolve_content
from .kinds import kind_spec
from .models import DecisionDocument, ProceduralDecision
from .personal import Cms, personal_sign
from .selectors import kind_terms
from .signing import decision_sign

REASON_MAX_LENGTH = 5000


def _lock(decision_id: int) -> ProceduralDecision:
    return (
        ProceduralDecision.objects.select_for_update(of=("self",), no_key=True)
        .select_related("case")
        .get(pk=decision_id)
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_can_proceed(decision: ProceduralDecision, method: Callable[..., Any]) -> None:
    if not can_proceed(method):
        raise Conflict(
            _("The decision is %(state)s; this action is not possible now.")
            % {"state": DecisionStatus(decision.status).label}
        )


def _required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    if len(value) > REASON_MAX_LENGTH:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": REASON_MAX_LENGTH}})
    return value


def save_decision(decision: ProceduralDecision) -> None:
    decision.updated_at = timezone.now()
    try:
        decision.save()
    except ConcurrentTransition as exc:
        raise Conflict(_("Someone else acted on this decision at the same time; reload it.")) from exc


def audit_decision(
    decision: ProceduralDecision, *, action: str, actor: User | None, from_state: str, reason: str = "", **data: Any
) -> None:
    audit_record(
        action=f"decision.{action}",
        obj=decision,
        actor=actor,
        case=decision.case,
        from_state=from_state,
        to_state=decision.status,
        reason=reason,
        data={"kind": decision.kind, "case_number": decision.case.number, **data},
    )


def _check_case_state(decision: ProceduralDecision) -> None:
    if not case_state_allows(decision.kind, decision.case):
        raise Conflict(case_state_error(decision.kind, decision.case))


# --- drafting -------------------------------------------------------------------------------------------


def decision_create(*, actor: User, case_id: int, kind: str, content: DecisionContent) -> ProceduralDecision:
    """Draft a decision in a case. Kind-specific fields are checked against the kinds table."""
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Unknown kind of decision.")}, code="invalid_choice")
    with transaction.atomic():
        case = Case.objects.select_related("supervising_office").get(pk=case_id)
        _require(permissions.can_create(actor, case, kind), _("You may not draft a decision of this kind here."))
        if not case_state_allows(kind, case):
            raise ValidationError({"kind": case_state_error(kind, case)}, code="case_state")
        values = resolve_content(kind=kind, case=case, actor=actor, content=content)
        decision = ProceduralDecision.objects.create(case=case, kind=kind, author=actor, **values)
        audit_decision(decision, action="created", actor=actor, from_state="")
    return decision


def decision_update(*, decision_id: int, actor: User, content: DecisionContent) -> ProceduralDecision:
    """Edit a draft (text and kind-specific fields). Only the author, only while it is a draft."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_author_act(actor, decision), _("Only the author may edit the decision."))
        if decision.status != DecisionStatus.DRAFT:
            raise Conflict(_("Only a draft can be edited."))
        values = resolve_content(kind=decision.kind, case=decision.case, actor=actor, content=content)
        for name, value in values.items():
            setattr(decision, name, value)
        save_decision(decision)
        audit_decision(decision, action="updated", actor=actor, from_state=decision.status)
    return decision


def decision_attach_document(
    *, decision_id: int, actor: User, upload: UploadedFile, title: str = ""
) -> DecisionDocument:
    """Attach a file to a draft. The file becomes a document of the case as well."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_author_act(actor, decision), _("Only the author may attach documents."))
        if decision.status != DecisionStatus.DRAFT:
            raise Conflict(_("Documents are attached to a draft only."))
        document = document_create(upload=upload, title=title, actor=actor, case=decision.case)
        attachment = DecisionDocument.objects.create(decision=decision, document=document)
        audit_decision(
            decision,
            action="document_attached",
            actor=actor,
            from_state=decision.status,
            document_id=document.pk,
            sha256=document.sha256,
            title=document.title,
        )
    return attachment


# --- the author's transitions ------------------------------------------------------------------------------


def decision_submit(*, decision_id: int, actor: User, signature: Cms = None) -> ProceduralDecision:
    """Send a draft to the prosecutor (signed by the investigator where the policy says). The prosecutor's clock
    starts (again) now."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_author_act(actor, decision), _("Only the author may submit the decision."))
        _require_can_proceed(decision, decision.submit)
        _check_case_state(decision)
        personal_sign(decision=decision, actor=actor, action="submit", cms_der=signature)
        from_state = decision.status
        now = timezone.now()
        decision.submit(at=now, due_at=end_moment(kind_terms(decision.kind).term, now))
        save_decision(decision)
        audit_decision(decision, action="submitted", actor=actor, from_state=from_state, due_at=decision.due_at)
        hooks.decision_changed(decision=decision, event="submitted")
    return decision


def decision_revise(*, decision_id: int, actor: User) -> ProceduralDecision:
    """Take a returned decision back into drafting."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_author_act(actor, decision), _("Only the author may revise the decision."))
        _require_can_proceed(decision, decision.revise)
        from_state = decision.status
        decision.revise()
        save_decision(decision)
        audit_decision(decision, action="revised", actor=actor, from_state=from_state)
        hooks.decision_changed(decision=decision, event="revised")
    return decision


def decision_withdraw(*, decision_id: int, actor: User, reason: str = "") -> ProceduralDecision:
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_author_act(actor, decision), _("Only the author may withdraw the decision."))
        _require_can_proceed(decision, decision.withdraw)
        from_state = decision.status
        decision.withdraw()
        save_decision(decision)
        audit_decision(decision, action="withdrawn", actor=actor, from_state=from_state, reason=(reason or "").strip())
        hooks.decision_changed(decision=decision, event="withdrawn")
    return decision


def decision_issue(*, decision_id: int, actor: User) -> ProceduralDecision:
    """A prosecutor issues a decision that needs no approval (cancellation of a termination): it takes
    effect and is signed at once."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_issue(actor, decision), _("Only its author, a supervising prosecutor, may issue it."))
        _require_can_proceed(decision, decision.issue)
        from_state = decision.status
        now = timezone.now()
        decision.issue(by=actor, at=now)
        save_decision(decision)
        audit_decision(decision, action="issued", actor=actor, from_state=from_state)
        effects.apply(kind_spec(decision.kind).effect, decision, actor)
        save_decision(decision)
        decision_sign(decision=decision, reviewer=actor, at=now)
    return decision


# --- the prosecutor's transitions ------------------------------------------------------------------------


def decision_approve(*, decision_id: int, actor: User, note: str = "", signature: Cms = None) -> ProceduralDecision:
    """Approve a pending decision. Its effect on the case applies in the same transaction; a kind that
    needs a court sanction goes on to the court instead, and takes effect when the judge sanctions it."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_review(actor, decision), _("Only a prosecutor of the supervising office may decide."))
        _require_can_proceed(decision, decision.approve)
        refusals = hooks.approval_refusals(decision=decision)
        if refusals:
            raise Conflict(" ".join(refusals))
        spec = kind_spec(decision.kind)
        note = (note or "").strip()[:REASON_MAX_LENGTH]
        personal_sign(decision=decision, actor=actor, action="approve", cms_der=signature)
        from_state = decision.status
        now = timezone.now()
        decision.approve(by=actor, at=now, note=note)
        save_decision(decision)
        audit_decision(decision, action="approved", actor=actor, from_state=from_state, reason=note)
        if spec.court_sanction:
            effects.lock_case_in_state(decision)
            terms = kind_terms(decision.kind)
            start = decision.detained_at or now
            decision.send_to_court(at=now, court_due_at=end_moment(terms.court_term or terms.term, start))
            save_decision(decision)
            audit_decision(decision, action="sent_to_court", actor=actor, from_state=DecisionStatus.APPROVED)
        else:
            effects.apply(spec.effect, decision, actor)
            save_decision(decision)
        decision_sign(decision=decision, reviewer=actor, at=now)
        hooks.decision_changed(decision=decision, event="approved")
    return decision


def decision_reject(*, decision_id: int, actor: User, reason: str, signature: Cms = None) -> ProceduralDecision:
    """Refuse a pending decision (the prosecutor's filter). A reason is required."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_review(actor, decision), _("Only a prosecutor of the supervising office may decide."))
        _require_can_proceed(decision, decision.reject)
        reason = _required_text(reason, "reason", _("Give the reason for the rejection."))
        personal_sign(decision=decision, actor=actor, action="reject", cms_der=signature)
        from_state = decision.status
        decision.reject(by=actor, at=timezone.now(), reason=reason)
        save_decision(decision)
        audit_decision(decision, action="rejected", actor=actor, from_state=from_state, reason=reason)
        rejection_effect = kind_spec(decision.kind).rejection_effect
        if rejection_effect:
            effects.apply(rejection_effect, decision, actor)
        hooks.decision_changed(decision=decision, event="rejected")
    return decision


def decision_return(*, decision_id: int, actor: User, remarks: str, signature: Cms = None) -> ProceduralDecision:
    """Send a pending decision back to its author with remarks (required)."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_review(actor, decision), _("Only a prosecutor of the supervising office may decide."))
        _require_can_proceed(decision, decision.return_to_author)
        remarks = _required_text(remarks, "remarks", _("Write the remarks the author must address."))
        personal_sign(decision=decision, actor=actor, action="return", cms_der=signature)
        from_state = decision.status
        decision.return_to_author(by=actor, at=timezone.now(), remarks=remarks)
        save_decision(decision)
        audit_decision(decision, action="returned", actor=actor, from_state=from_state, reason=remarks)
        hooks.decision_changed(decision=decision, event="returned")
    return decision


# --- the court -------------------------------------------------------------------------------------------


def decision_record_court_outcome(
    *,
    decision_id: int,
    actor: User,
    outcome: str,
    reason: str = "",
    measure_until: date | None = None,
    signature: Cms = None,
) -> ProceduralDecision:
    """The investigating judge sanctions or denies the petition. A sanction records the measure (with the
    end date the judge set, if any); a denial needs reasons."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(
            permissions.can_record_court_outcome(actor, decision),
            _("Only a judge of the competent court may record the ruling."),
        )
        if outcome not in CourtOutcome.values:
            raise ValidationError({"outcome": _("Choose sanctioned or denied.")}, code="invalid_choice")
        method = decision.sanction if outcome == CourtOutcome.SANCTIONED else decision.deny
        _require_can_proceed(decision, method)
        reason = (reason or "").strip()
        if outcome == CourtOutcome.DENIED:
            reason = _required_text(reason, "reason", _("Give the court's reasons for the denial."))
        if measure_until is not None:
            if outcome != CourtOutcome.SANCTIONED:
                raise ValidationError({"measure_until": _("An end date goes with a sanction only.")})
            _check_sanctioned_until(decision, measure_until)
            decision.measure_until = measure_until
        personal_sign(decision=decision, actor=actor, action=f"court-outcome:{outcome}", cms_der=signature)
        from_state = decision.status
        court = actor.organisation
        assert court is not None  # noqa: S101 - the predicate checked it
        method(by=actor, court=court, at=timezone.now(), reason=reason)
        save_decision(decision)
        audit_decision(
            decision,
            action=f"court_{outcome}",
            actor=actor,
            from_state=from_state,
            reason=reason,
            court=court.name,
        )
        if outcome == CourtOutcome.SANCTIONED:
            effects.apply(kind_spec(decision.kind).effect, decision, actor)
            save_decision(decision)
        hooks.decision_changed(decision=decision, event=f"court_{outcome}")
    return decision


def _check_sanctioned_until(decision: ProceduralDecision, until: date) -> None:
    if until <= timezone.localdate():
        raise ValidationError({"measure_until": _("The end date must be in the future.")})
    if decision.measure == PreventiveMeasure.CUSTODY and until > custody_last_day(
        decision.detained_at or timezone.now()
    ):
        raise ValidationError({"measure_until": _("Custody is ordered for at most two months (CPC 151).")})


def decision_record_suspect_notified(
    *, decision_id: int, actor: User, notified_at: datetime | None = None
) -> ProceduralDecision:
    """The author records that the suspect was told of the recognition (CPC 206 p.1: within 24 hours)."""
    with transaction.atomic():
        decision = _lock(decision_id)
        _require(permissions.can_author_act(actor, decision), _("Only the author records this."))
        if (
            decision.kind != DecisionKind.SUSPECT_RECOGNITION
            or decision.status != DecisionStatus.APPROVED
            or decision.suspect_notified_at is not None
        ):
            raise Conflict(_("There is no approved recognition waiting for the suspect to be told."))
        now = timezone.now()
        notified_at = notified_at or now
        if notified_at > now or (decision.decided_at and notified_at < decision.decided_at):
            raise ValidationError({"notified_at": _("The time must lie between the approval and now.")})
        decision.suspect_notified_at = notified_at
        save_decision(decision)
        audit_decision(
            decision,
            action="suspect_notified",
            actor=actor,
            from_state=decision.status,
            notified_at=notified_at,
            in_time=bool(decision.suspect_notice_due_at and notified_at <= decision.suspect_notice_due_at),
        )
        hooks.decision_changed(decision=decision, event="suspect_notified")
    return decision
