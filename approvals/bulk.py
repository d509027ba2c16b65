"""Approving several decisions at once from the inbox. Each decision goes through the one approval service
(services.decision_approve) on its own, in its own transaction: visibility, the permission predicate, the
state, the legality guard, the signature policy and the audit apply to each exactly as on the decision page.
A refusal of one is recorded with its reason and never undoes the others."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ecase.exceptions import Conflict
from ecase.models import User

from . import services
from .models import ProceduralDecision
from .selectors import decision_get_visible

BULK_MAX = 50


@dataclass(frozen=True)
class BulkOutcome:
    decision_id: int
    approved: bool
    label: str  # what the user knows the decision by: kind and case number
    reason: str = ""


def _label(decision: ProceduralDecision) -> str:
    return f"{decision.get_kind_display()} · {decision.case.number}"


def decisions_bulk_approve(*, decision_ids: Sequence[int], actor: User, note: str = "") -> list[BulkOutcome]:
    """Approve each decision in turn (without a personal signature: where the policy requires one, the
    service refuses that decision and says so). Returns one outcome per distinct id, in the order given."""
    outcomes: list[BulkOutcome] = []
    for decision_id in dict.fromkeys(decision_ids):
        try:
            decision = decision_get_visible(user=actor, decision_id=decision_id)
        except ProceduralDecision.DoesNotExist:
            outcomes.append(BulkOutcome(decision_id, False, f"#{decision_id}", _("No such decision.")))
            continue
        label = _label(decision)
        try:
            services.decision_approve(decision_id=decision_id, actor=actor, note=note)
        except PermissionDenied as exc:
            outcomes.append(BulkOutcome(decision_id, False, label, str(exc) or _("You may not decide this.")))
        except ValidationError as exc:
            outcomes.append(BulkOutcome(decision_id, False, label, " ".join(exc.messages)))
        except Conflict as exc:
            outcomes.append(BulkOutcome(decision_id, False, label, exc.message))
        else:
            outcomes.append(BulkOutcome(decision_id, True, label))
    return outcomes
