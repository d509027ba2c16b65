"""Writes of the legality app: running the rules over cases and keeping the findings in step, and the
prosecutor's acknowledgement or closure of a finding. Every change of a finding is an audit event.

``findings_sync`` is the one place findings open and resolve. It runs over a batch of cases in a fixed number
of queries (facts, open findings, one insert, one update, one audit insert), whether the batch holds one case
(on submit of a decision) or a thousand (the nightly scan)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.models import ProceduralDecision
from approvals.signing import canonical_content
from ecase.audit.services import audit_record, audit_record_many
from ecase.exceptions import Conflict
from ecase.models import Case, User

from . import permissions
from .choices import MANUAL_RULE, FindingOrigin, FindingSeverity, FindingStatus
from .facts import CaseFacts, facts_load
from .models import Finding, SubmissionFingerprint
from .notify import notify_new_violations
from .registry import Hit, Rule, rules_all

REASON_MAX_LENGTH = 5000
IN_FORCE = ("approved", "sanctioned")


@dataclass
class SyncResult:
    opened: list[Finding]
    resolved: list[Finding]
    still_open: int


def _run_rules(facts: CaseFacts, now: datetime) -> list[tuple[Rule, Hit]]:
    return [(rule, hit) for rule in rules_all() for hit in rule.check(facts, now)]


def findings_sync(*, facts_list: list[CaseFacts], now: datetime | None = None) -> SyncResult:
    """Run every rule over these cases: open a finding for each new hit, refresh the facts and last-seen time
    of the hits still there, resolve the open findings whose facts no longer hold. Inside the caller's
    transaction if there is one."""
    now = now or timezone.now()
    with transaction.atomic():
        cases = {f.case.pk: f.case for f in facts_list}
        # One sync per case at a time (two decisions of a case approved at once, the scan meanwhile): the case
        # rows are locked in id order, the order every writer of a case takes.
        list(
            Case.objects.select_for_update(no_key=True)
            .filter(pk__in=list(cases))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        existing = {
            (f.rule, f.case_id, f.object_key): f
            for f in Finding.objects.select_for_update().filter(
                case_id__in=list(cases), status=FindingStatus.OPEN, origin=FindingOrigin.SYSTEM
            )
        }
        seen: set[tuple[str, int, str]] = set()
        new: list[Finding] = []
        refreshed: list[Finding] = []
        for facts in facts_list:
            for rule, hit in _run_rules(facts, now):
                key = (rule.code, facts.case.pk, hit.object_key)
                if key in seen:
                    continue
                seen.add(key)
                finding = existing.get(key)
                if finding is None:
                    new.append(
                        Finding(
                            rule=rule.code,
                            severity=rule.severity,
                            blocks_approval=rule.blocks_approval,
                            case=facts.case,
                            decision_id=hit.decision_id,
                            object_key=hit.object_key,
                            facts=json.loads(json.dumps(hit.facts, cls=DjangoJSONEncoder)),
                            first_seen=now,
                            last_seen=now,
                        )
                    )
                else:
                    finding.facts = json.loads(json.dumps(hit.facts, cls=DjangoJSONEncoder))
                    finding.last_seen = now
                    refreshed.append(finding)
        resolved = [f for key, f in existing.items() if key not in seen]
        for finding in resolved:
            finding.resolve(at=now)
        if new:
            Finding.objects.bulk_create(new)
        # Only what changed is written: facts and last-seen refresh with the findings resolved in one UPDATE.
        if refreshed or resolved:
            Finding.objects.bulk_update(refreshed + resolved, ["facts", "last_seen", "status", "closed_at"])
        audit_record_many(
            entries=[_event(f, "finding.opened", "", FindingStatus.OPEN, cases[f.case_id]) for f in new]
            + [
                _event(f, "finding.resolved", FindingStatus.OPEN, FindingStatus.RESOLVED, cases[f.case_id])
                for f in resolved
            ]
        )
        # A finding on a decision shows on the decision page the prosecutor opens anyway; notices go out for the
        # violations nobody is looking at (detentions, terms, notices owed).
        violations = [f for f in new if f.severity == FindingSeverity.VIOLATION and f.decision_id is None]
        if violations:
            notify_new_violations(findings=violations, cases=cases)
    return SyncResult(opened=new, resolved=resolved, still_open=len(refreshed))


def _event(finding: Finding, action: str, from_state: str, to_state: str, case: Any) -> dict[str, Any]:
    return {
        "action": action,
        "obj": finding,
        "actor": None,
        "case": case,
        "from_state": from_state,
        "to_state": to_state,
        "data": {"rule": finding.rule, "object": finding.object_key, "facts": finding.facts},
    }


def findings_check_case(*, case_id: int, now: datetime | None = None) -> SyncResult:
    return findings_sync(facts_list=facts_load([case_id]), now=now)


def decision_fingerprint(decision: ProceduralDecision) -> str:
    """The content hash of a decision as submitted: what the signature would cover, without who and when."""
    content = canonical_content(decision, reviewer=decision.author, signed_at=decision.submitted_at)  # type: ignore[arg-type]
    for volatile in ("decision", "reviewer", "signed_at"):
        content.pop(volatile, None)
    payload = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(payload.encode()).hexdigest()


def submitted_documents(decision: ProceduralDecision) -> dict[str, str]:
    """The decision's attachments now: document id -> SHA-256 of its stored content."""
    return {
        str(a.document_id): a.document.sha256 for a in decision.attachments.select_related("document").order_by("id")
    }


def findings_check_decision(*, decision: ProceduralDecision, event: str) -> None:
    """Listener of approvals.hooks.on_decision_changed: runs inside the decision service's transaction.
    A submission is fingerprinted first, then the rules run over the decision's whole case."""
    if event == "submitted" and decision.submitted_at is not None:
        SubmissionFingerprint.objects.get_or_create(
            decision=decision,
            submitted_at=decision.submitted_at,
            defaults={
                "case_id": decision.case_id,
                "content_hash": decision_fingerprint(decision),
                "documents": submitted_documents(decision),
            },
        )
    findings_check_case(case_id=decision.case_id)


def approval_blockers(*, decision: ProceduralDecision) -> list[str]:
    """Approval guard: the rules run again now; an open blocking finding on the decision refuses approval."""
    from .registry import rule_get

    findings_check_case(case_id=decision.case_id)
    reasons = []
    for finding in Finding.objects.filter(decision=decision, status=FindingStatus.OPEN, blocks_approval=True):
        rule = rule_get(finding.rule)
        title, article = (rule.title, rule.article) if rule else (finding.rule, "")
        reasons.append(
            _("The legality check blocks approval: %(title)s (%(article)s).") % {"title": title, "article": article}
        )
    return reasons


def _lock(finding_id: int) -> Finding:
    return Finding.objects.select_for_update(of=("self",)).select_related("case").get(pk=finding_id)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")}, code="required")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("At most %(n)s characters.") % {"n": REASON_MAX_LENGTH}})
    return reason


def _require_open(finding: Finding) -> None:
    if not finding.is_open:
        raise Conflict(_("The finding is already closed."))


def _lock_for_closing(finding_id: int, actor: User) -> Finding:
    """Lock an open finding that the actor may close (inside the caller's transaction)."""
    finding = _lock(finding_id)
    _require_open(finding)
    if not permissions.can_handle_finding(actor, finding):
        raise PermissionDenied(_("Only a prosecutor of the supervising office may close a finding."))
    return finding


def _audit_closed(finding: Finding, *, action: str, actor: User, reason: str, **data: object) -> None:
    audit_record(
        action=f"finding.{action}",
        obj=finding,
        actor=actor,
        case=finding.case,
        from_state=FindingStatus.OPEN,
        to_state=finding.status,
        reason=reason,
        data={"rule": finding.rule, "object": finding.object_key, **data},
    )


def finding_acknowledge(*, finding_id: int, actor: User, reason: str) -> Finding:
    """A prosecutor accepts a finding as known, with a reason (e.g. the facts are explained in the file)."""
    with transaction.atomic():
        finding = _lock_for_closing(finding_id, actor)
        reason = _reason(reason)
        finding.acknowledge(by=actor, at=timezone.now(), reason=reason)
        finding.save()
        _audit_closed(finding, action="acknowledged", actor=actor, reason=reason)
    return finding


def finding_act_on(*, finding_id: int, actor: User, decision_id: int, reason: str = "") -> Finding:
    """A prosecutor closes a finding with the decision in force that fixed it (a decision of the same case)."""
    with transaction.atomic():
        finding = _lock_for_closing(finding_id, actor)
        decision = ProceduralDecision.objects.filter(pk=decision_id, case_id=finding.case_id).first()
        if decision is None or decision.status not in IN_FORCE:
            raise ValidationError(
                {"decision": _("Name a decision in force (approved or sanctioned) of the same case.")},
                code="invalid",
            )
        reason = (reason or "").strip()[:REASON_MAX_LENGTH]
        finding.act_on(by=actor, at=timezone.now(), decision=decision, reason=reason)
        finding.save()
        _audit_closed(finding, action="acted_on", actor=actor, reason=reason, decision=decision.pk)
    return finding


ARTICLE_MAX_LENGTH = 255


def finding_record(
    *,
    actor: User,
    case_id: int,
    severity: str,
    text: str,
    article: str = "",
    decision_id: int | None = None,
) -> Finding:
    """A prosecutor records a finding by hand on a case (or one of its decisions): the violation he saw, its
    article and his text. It stays open until he (or another prosecutor of the office) closes it; the rules
    never resolve it."""
    from ecase.selectors import case_list_visible_to

    text = (text or "").strip()
    article = (article or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Describe what you found.")
    elif len(text) > REASON_MAX_LENGTH:
        errors["text"] = _("At most %(n)s characters.") % {"n": REASON_MAX_LENGTH}
    if len(article) > ARTICLE_MAX_LENGTH:
        errors["article"] = _("At most %(n)s characters.") % {"n": ARTICLE_MAX_LENGTH}
    if severity not in FindingSeverity.values:
        errors["severity"] = _("Choose a severity.")
    if errors:
        raise ValidationError(errors, code="invalid")
    with transaction.atomic():
        case = (
            case_list_visible_to(user=actor)
            .select_for_update(of=("self",), no_key=True)
            .select_related("supervising_office")
            .filter(pk=case_id)
            .first()
        )
        if case is None:
            raise Case.DoesNotExist
        if not permissions.can_record_finding(actor, case):
            raise PermissionDenied(_("Only a prosecutor of the supervising office may record a finding."))
        decision = None
        if decision_id is not None:
            decision = ProceduralDecision.objects.filter(pk=decision_id, case_id=case.pk).first()
            if decision is None:
                raise ValidationError({"decision": _("Name a decision of the same case.")}, code="invalid")
        key = f"decision:{decision.pk}" if decision else f"case:{case.pk}"
        finding = Finding.objects.create(
            rule=MANUAL_RULE,
            origin=FindingOrigin.PROSECUTOR,
            severity=severity,
            case=case,
            decision=decision,
            object_key=key,
            article=article,
            text=text,
            created_by=actor,
        )
        audit_record(
            action="finding.recorded",
            obj=finding,
            actor=actor,
            case=case,
            from_state="",
            to_state=FindingStatus.OPEN,
            data={"rule": MANUAL_RULE, "object": key, "severity": severity, "article": article},
        )
    return finding
