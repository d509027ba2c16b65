"""Urgent rights-restricting actions: an action recorded without an approved basis becomes a pending notice
for the prosecutor (nothing that restricts rights stays outside supervision). Wired in AppConfig.ready()
as a listener of ecase.hooks.on_action_recorded."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.choices import ActionReview
from ecase.dates import format_moment
from ecase.models import InvestigativeAction
from ecase.terms.engine import end_moment

from . import services
from .choices import DecisionKind, DecisionStatus
from .models import ProceduralDecision
from .selectors import kind_terms


def urgent_notice_create(*, action: InvestigativeAction) -> ProceduralDecision | None:
    """Listener of ecase.hooks.on_action_recorded: a rights-restricting action without an approved basis
    becomes a pending urgent-action notice, authored by the action's investigator, at once in the
    prosecutor's inbox. Runs inside action_record's transaction."""
    if action.review != ActionReview.AWAITING_REVIEW:
        return None
    if ProceduralDecision.objects.filter(kind=DecisionKind.URGENT_ACTION_NOTICE, action=action).exists():
        return None
    author = action.performed_by
    performed = format_moment(action.performed_at)
    text = _(
        "%(kind)s performed on %(when)s without an approved decision or court sanction. Legal basis stated: "
        "%(basis)s. Description: %(description)s"
    ) % {
        "kind": action.get_kind_display(),
        "when": performed,
        "basis": action.legal_basis or _("none"),
        "description": action.description,
    }
    now = timezone.now()
    decision = ProceduralDecision.objects.create(
        case=action.case, kind=DecisionKind.URGENT_ACTION_NOTICE, author=author, text=text, action=action
    )
    services.audit_decision(decision, action="created", actor=author, from_state="", action_id=action.pk)
    decision.submit(at=now, due_at=end_moment(kind_terms(decision.kind).term, now))
    services.save_decision(decision)
    services.audit_decision(
        decision, action="submitted", actor=author, from_state=DecisionStatus.DRAFT, due_at=decision.due_at
    )
    return decision
