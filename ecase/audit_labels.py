"""Human labels for audit event codes and state codes, shown in timelines.

ecase knows its own codes; other apps add theirs in AppConfig.ready() with ``register_actions`` and
``register_states`` (labels should be lazy translations). Unknown codes fall back to the code itself.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ecase.choices import ActionKind, ActionReview, CaseStatus, ParticipantRole

Label = str | Promise

_ACTIONS: dict[str, Label] = {
    "case.registered": _("Case registered"),
    "case.suspend": _("Investigation suspended"),
    "case.resume": _("Investigation resumed"),
    "case.terminate": _("Case terminated"),
    "case.cancel_termination": _("Termination cancelled"),
    "case.send_to_court": _("Case sent to court"),
    "case.merge_into": _("Case merged into another"),
    "participant.added": _("Participant added"),
    "document.uploaded": _("Document uploaded"),
    "action.recorded": _("Investigative action recorded"),
}

_STATES: dict[str, Label] = {**dict(CaseStatus.choices), **dict(ActionReview.choices)}


def register_actions(labels: dict[str, Label]) -> None:
    _ACTIONS.update(labels)


def register_states(labels: dict[str, Label]) -> None:
    _STATES.update(labels)


def action_label(code: str) -> Label:
    return _ACTIONS.get(code, code)


def state_label(code: str) -> Label:
    return _STATES.get(code, code) if code else ""


def event_detail(action: str, data: dict[str, Any]) -> str:
    """A short line naming what the event was about (the person, the document, the kind of action)."""
    if action == "participant.added":
        role = dict(ParticipantRole.choices).get(data.get("role", ""), data.get("role", ""))
        return f"{data.get('person', '')} — {role}" if data.get("person") else ""
    if action == "document.uploaded":
        return str(data.get("title", ""))
    if action == "action.recorded":
        return str(dict(ActionKind.choices).get(data.get("kind", ""), data.get("kind", "")))
    if action == "case.registered":
        return " · ".join(str(v) for v in (data.get("number"), data.get("qualification")) if v)
    return ""
