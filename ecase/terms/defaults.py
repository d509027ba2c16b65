"""The one table in code of the case register's own terms; data migrations seed the tables from it.

From then on the rows are data, editable in the admin (through ecase.terms.services, which audits every
edit and recomputes the open deadlines that depend on it). ``verified`` says whether a value was checked
against the published law (legal.md marks it V) or is a configurable default (C); docs/terms.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from ecase.choices import CaseCategory
from ecase.terms.choices import ExtensionAuthority, TermUnit


@dataclass(frozen=True)
class RuleSpec:
    code: str
    title: str
    amount: int
    unit: str
    article: str
    verified: bool
    start_event: str = ""
    moves_off_non_working: bool = True
    starts_on_working_day: bool = False


RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        code="detention",
        title=gettext_noop("Detention without a court order"),
        amount=48,
        unit=TermUnit.HOURS,
        article="CPC 128 (V)",
        verified=True,
        start_event=gettext_noop("the actual moment of detention"),
        moves_off_non_working=False,
    ),
    RuleSpec(
        code="detention_exceptional",
        title=gettext_noop("Detention without a court order, exceptional ground recorded"),
        amount=72,
        unit=TermUnit.HOURS,
        article="CPC 128 (V)",
        verified=True,
        start_event=gettext_noop("the actual moment of detention"),
        moves_off_non_working=False,
    ),
    RuleSpec(
        code="suspect_notice",
        title=gettext_noop("Telling the suspect of the recognition"),
        amount=24,
        unit=TermUnit.HOURS,
        article="CPC 206 p.1 (V)",
        verified=True,
        start_event=gettext_noop("the prosecutor's agreement"),
    ),
    RuleSpec(
        code="custody",
        title=gettext_noop("Custody before an extension"),
        amount=2,
        unit=TermUnit.MONTHS,
        article="CPC 151 (V)",
        verified=True,
        start_event=gettext_noop("the judge's sanction"),
        moves_off_non_working=False,
    ),
)


@dataclass(frozen=True)
class ExtensionSpec:
    authority: str
    amount: int
    unit: str
    article: str


# CPC 192 (C): two months from registration; the extension chain (the longest total term each authority
# may set, from registration). Configurable defaults, the same for every category until an administrator
# sets a category's own values.
INVESTIGATION_AMOUNT = 2
INVESTIGATION_UNIT = TermUnit.MONTHS
INVESTIGATION_ARTICLE = "CPC 192 p.1 (C)"
EXTENSIONS: tuple[ExtensionSpec, ...] = (
    ExtensionSpec(ExtensionAuthority.DISTRICT_PROSECUTOR, 3, TermUnit.MONTHS, "CPC 192 p.3 (C)"),
    ExtensionSpec(ExtensionAuthority.REGIONAL_PROSECUTOR, 6, TermUnit.MONTHS, "CPC 192 p.3 (C)"),
    ExtensionSpec(ExtensionAuthority.GENERAL_PROSECUTOR, 12, TermUnit.MONTHS, "CPC 192 p.4 (C)"),
)
CATEGORIES: tuple[str, ...] = tuple(CaseCategory.values)
