"""How a finding reads: the title, article and explanation of its rule, or, for a finding a prosecutor
recorded by hand, his article and text."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .choices import MANUAL_RULE
from .models import Finding
from .registry import rule_get


def finding_title(finding: Finding) -> str:
    if finding.rule == MANUAL_RULE:
        return _("Recorded by a prosecutor")
    rule = rule_get(finding.rule)
    return str(rule.title) if rule else finding.rule


def finding_article(finding: Finding) -> str:
    if finding.article:
        return finding.article
    rule = rule_get(finding.rule)
    return rule.article if rule else ""


def finding_explanation(finding: Finding) -> str:
    if finding.text:
        return finding.text
    rule = rule_get(finding.rule)
    return str(rule.checks) if rule else ""


def finding_rows(findings: Any) -> list[dict[str, Any]]:
    """What the queue, the case panel and the decision panel show of each finding."""
    return [
        {
            "finding": f,
            "title": finding_title(f),
            "article": finding_article(f),
            "checks": finding_explanation(f),
        }
        for f in findings
    ]
