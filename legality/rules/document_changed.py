"""A decision whose attached documents differ from those it was submitted with (a document added, removed or
its content replaced after submission): the prosecutor would approve something other than what he read
(CPC Art. 193; the decision and its materials are signed as submitted).

Documents are stored under their SHA-256 and attachable only to drafts, so no path in eCase leads here; the
rule compares the documents recorded at the last submission with the attachments now and is the standing
proof of that invariant (a row changed in the database by hand would show)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..models import SubmissionFingerprint
from ..registry import Hit, Rule, register
from ._common import iso

# Before its first submission, and while returned for revision, a decision is the investigator's to change.
EDITABLE = frozenset({DecisionStatus.DRAFT, DecisionStatus.RETURNED})


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    last: dict[int, SubmissionFingerprint] = {}
    for fp in facts.fingerprints:  # in submission order: the last one wins
        last[fp.decision_id] = fp
    hits = []
    for d in facts.decisions:
        latest = last.get(d.pk)
        if latest is None or d.status in EDITABLE or latest.documents is None:
            continue
        then: dict[str, str] = latest.documents
        now_docs = {str(a.document_id): a.document.sha256 for a in facts.attachments(d)}
        if then == now_docs:
            continue
        hits.append(
            Hit(
                target=RuleTarget.DECISION,
                object_id=d.pk,
                decision_id=d.pk,
                facts={
                    "submitted_at": iso(latest.submitted_at),
                    "added": sorted(set(now_docs) - set(then)),
                    "removed": sorted(set(then) - set(now_docs)),
                    "changed": sorted(k for k in set(then) & set(now_docs) if then[k] != now_docs[k]),
                },
            )
        )
    return hits


RULE = register(
    Rule(
        code="document_changed_after_submission",
        title=_("Document changed after submission"),
        article="CPC Art. 193",
        severity=FindingSeverity.VIOLATION,
        checks=_("The documents of a submitted decision differ from those it was submitted with."),
        applies_to=(RuleTarget.DECISION,),
        blocks_approval=True,
        check=check,
    )
)
