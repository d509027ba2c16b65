"""Reads of the term tables: the term in force for a rule, a case category, an extension."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ecase.terms import defaults
from ecase.terms.models import InvestigationExtension, InvestigationTerm, TermRule
from ecase.terms.rules import Rule
from ecase.terms.term import Term


def term_rule(code: str) -> Term:
    """The term of a TermRule row; the code table's default when the row is missing (e.g. deleted)."""
    row = TermRule.objects.filter(code=code).first()
    if row is not None:
        return row.as_term()
    spec = next(s for s in defaults.RULES if s.code == code)
    return Term(
        spec.amount,
        spec.unit,
        article=spec.article,
        start_event=spec.start_event,
        moves_off_non_working=spec.moves_off_non_working,
        starts_on_working_day=spec.starts_on_working_day,
    )


def investigation_term(category: str) -> Term:
    """The investigation term of a case category, counted from registration."""
    row = InvestigationTerm.objects.filter(category=category).first()
    if row is not None:
        return row.as_term()
    return Term(
        defaults.INVESTIGATION_AMOUNT,
        defaults.INVESTIGATION_UNIT,
        article=defaults.INVESTIGATION_ARTICLE,
        start_event="registration",
    )


def investigation_extensions(category: str) -> list[InvestigationExtension]:
    """The extension chain of a category, shortest first."""
    rows = list(InvestigationExtension.objects.filter(investigation_term__category=category))
    return sorted(rows, key=lambda row: (row.unit != "months", row.amount))


def investigation_longest_extension(category: str) -> Term | None:
    """The longest total term any authority may set for the category (None: the term cannot be extended)."""
    chain = investigation_extensions(category)
    return chain[-1].as_term() if chain else None


def ecase_rules() -> list[Rule]:
    """ecase's own rules for the calculator: TermRule rows and the investigation terms with their chain."""
    rules = [
        Rule(code=row.code, title=_(row.title), term=row.as_term(), verified=row.verified)
        for row in TermRule.objects.all()
    ]
    for inv in InvestigationTerm.objects.prefetch_related("extensions"):
        category = inv.get_category_display()
        rules.append(
            Rule(
                code=f"investigation.{inv.category}",
                title=_("Pre-trial investigation term: %(category)s") % {"category": category},
                term=inv.as_term(),
                verified=inv.verified,
            )
        )
        for ext in inv.extensions.all():
            rules.append(
                Rule(
                    code=f"investigation.{inv.category}.{ext.authority}",
                    title=_("Investigation term extended by %(who)s: %(category)s")
                    % {"who": ext.get_authority_display(), "category": category},
                    term=ext.as_term(),
                    verified=ext.verified,
                )
            )
    return rules
