"""Panels other apps add to the case page, without ecase importing them.

An app registers a panel in its AppConfig.ready():

    from ecase import case_panels
    case_panels.register(case_panels.CasePanel(
        name="decisions", template_name="approvals/case_panel.html", context=panel_context, order=10
    ))

``context(request, case)`` returns the panel's template context, or None to hide the panel for this request
(e.g. the user has no business with it). The template also receives ``case`` and ``request``. Panels render
between the case's materials and its timeline, in ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ecase.models import Case

PanelContext = Callable[[HttpRequest, Case], dict[str, Any] | None]


@dataclass(frozen=True)
class CasePanel:
    template_name: str
    context: PanelContext | None = field(default=None, compare=False)
    order: int = 100
    name: str = ""


_panels: dict[str, CasePanel] = {}


def register(panel: CasePanel) -> None:
    """Add a panel; registering the same name (or template) again replaces it, so ready() may run twice."""
    _panels[panel.name or panel.template_name] = panel


def panels() -> list[CasePanel]:
    return sorted(_panels.values(), key=lambda p: (p.order, p.name or p.template_name))


def render_panels(request: HttpRequest, case: Case) -> list[SafeString]:
    rendered = []
    for panel in panels():
        extra = panel.context(request, case) if panel.context else {}
        if extra is None:
            continue
        context = {**extra, "case": case}
        # The template is trusted code of an installed app and autoescapes its own variables.
        rendered.append(mark_safe(render_to_string(panel.template_name, context, request=request)))  # noqa: S308
    return rendered
