"""Kinds of complaint with their terms and legal basis: the one table in code.

The table seeds the ComplaintKind model (data migration 0002 and `kinds_ensure()`); from then on the
rows are data, editable in the admin, because several values are not confirmed against the published
text of the law (legal.md marks them C) and must be adjustable without a deploy. Every term used
anywhere in the app is read from a ComplaintKind row, never from an `if`.

Terms (legal.md, "Complaints and appeals"):

| code          | term                       | extension (once, from receipt) | basis                        |
|---------------|----------------------------|--------------------------------|------------------------------|
| procedural    | 3 calendar days (C)        | up to 10 calendar days (C)     | CPC Art. 105 (C)             |
| general       | 15 working days (V)        | up to 2 months (V)             | APPK Art. 76 (V)             |
| probation     | 15 working days (V)        | up to 2 months (V)             | APPK Art. 76 (V)             |
| penitentiary  | 15 working days (V)        | up to 2 months (V)             | APPK Art. 76 (V)             |
| other         | 15 working days (V)        | up to 2 months (V)             | APPK Art. 76 (V)             |

For every kind: forwarding to the competent body within 3 working days of receipt (APPK, V); the
personal explanation of a refusal within 5 working days after the refusal is proposed (C), and it
counts toward the complaint's overall term (the refusal is final, i.e. answered, only when the
explanation is recorded).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_noop

from complaints.choices import TermUnit
from ecase.terms.choices import TermUnit as EngineUnit
from ecase.terms.term import Term

FORWARDING_TERM_WORKING_DAYS = 3  # APPK (V): a non-competent body forwards within 3 working days
FORWARDING_BASIS = "APPK (V): a body that is not competent forwards within 3 working days of receipt"
EXPLANATION_TERM_WORKING_DAYS = 5  # product rule (C): explanation within 5 working days of the proposal
EXPLANATION_BASIS = "Product rule (C): the refusal is explained within 5 working days of the proposal"

_NOTICE_PROCEDURAL = gettext_noop(
    "You may appeal this answer to the higher prosecutor or to the investigating judge (CPC Art. 106). "
    "Filing a complaint does not suspend the contested action or decision."
)
_NOTICE_GENERAL = gettext_noop(
    "You may appeal this answer to the higher prosecutor's office or to the court under the "
    "Administrative Procedural and Process Code."
)


@dataclass(frozen=True)
class KindSpec:
    code: str
    title: str
    legal_basis: str
    basis_verified: bool
    term_value: int
    term_unit: str
    extension_limit_value: int
    extension_limit_unit: str
    extension_basis: str
    rights_notice: str
    order: int
    forwarding_term_working_days: int = FORWARDING_TERM_WORKING_DAYS
    explanation_term_working_days: int = EXPLANATION_TERM_WORKING_DAYS


_APPK = "APPK Art. 76"
_APPK_EXTENSION = "APPK Art. 76: once, with reasons, by the head or deputy, to at most 2 months from receipt"

DEFAULT_KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        code="procedural",
        title=gettext_noop("Against a procedural action or decision in a case"),
        legal_basis="CPC Art. 105",
        basis_verified=False,
        term_value=3,
        term_unit=TermUnit.CALENDAR_DAYS,
        extension_limit_value=10,
        extension_limit_unit=TermUnit.CALENDAR_DAYS,
        extension_basis="CPC Art. 105: up to 10 days when materials must be requested",
        rights_notice=_NOTICE_PROCEDURAL,
        order=10,
    ),
    KindSpec(
        code="general",
        title=gettext_noop("General appeal to the prosecutor's office"),
        legal_basis=_APPK,
        basis_verified=True,
        term_value=15,
        term_unit=TermUnit.WORKING_DAYS,
        extension_limit_value=2,
        extension_limit_unit=TermUnit.MONTHS,
        extension_basis=_APPK_EXTENSION,
        rights_notice=_NOTICE_GENERAL,
        order=20,
    ),
    KindSpec(
        code="probation",
        title=gettext_noop("Probation"),
        legal_basis=_APPK,
        basis_verified=True,
        term_value=15,
        term_unit=TermUnit.WORKING_DAYS,
        extension_limit_value=2,
        extension_limit_unit=TermUnit.MONTHS,
        extension_basis=_APPK_EXTENSION,
        rights_notice=_NOTICE_GENERAL,
        order=30,
    ),
    KindSpec(
        code="penitentiary",
        title=gettext_noop("Penitentiary (places of detention)"),
        legal_basis=_APPK,
        basis_verified=True,
        term_value=15,
        term_unit=TermUnit.WORKING_DAYS,
        extension_limit_value=2,
        extension_limit_unit=TermUnit.MONTHS,
        extension_basis=_APPK_EXTENSION,
        rights_notice=_NOTICE_GENERAL,
        order=40,
    ),
    KindSpec(
        code="other",
        title=gettext_noop("Other appeal"),
        legal_basis=_APPK,
        basis_verified=True,
        term_value=15,
        term_unit=TermUnit.WORKING_DAYS,
        extension_limit_value=2,
        extension_limit_unit=TermUnit.MONTHS,
        extension_basis=_APPK_EXTENSION,
        rights_notice=_NOTICE_GENERAL,
        order=50,
    ),
)


# The complaint kinds' units, in the engine's units (ecase.terms).
_ENGINE_UNIT = {
    TermUnit.WORKING_DAYS: EngineUnit.WORKING_DAYS,
    TermUnit.CALENDAR_DAYS: EngineUnit.DAYS,
    TermUnit.MONTHS: EngineUnit.MONTHS,
}


def appeal_term(value: int, unit: str, *, article: str = "", moves_off_non_working: bool = True) -> Term:
    """A complaint's term as an engine Term counted from receipt. An appeal received on a non-working day
    counts from the next working day (its first day); the extension cap passes ``moves_off_non_working=False``:
    it ends at most 2 months from receipt and is never moved past that."""
    return Term(
        value,
        _ENGINE_UNIT[TermUnit(unit)],
        article=article,
        start_event="receipt",
        moves_off_non_working=moves_off_non_working,
        starts_on_working_day=True,
    )


def fill_kind_names(apps: Any, schema_editor: Any) -> None:
    """Titles and rights notices of the complaint kinds per language: English from the original column,
    Russian and Kazakh from the catalogue (the texts above are marked for it). Fills empty columns only."""
    from ecase.reference_names import fill_columns

    for kind in apps.get_model("complaints", "ComplaintKind").objects.all():
        changed = False
        for field in ("title", "rights_notice"):
            english = kind.__dict__[field]  # the original column, also with the live model
            names = {"en": english}
            for lang in ("ru", "kk"):
                with translation.override(lang):
                    translated = translation.gettext(english) if english else ""
                names[lang] = translated if translated != english else ""
            changed = fill_columns(kind, field, names) or changed
        if changed:
            kind.save(update_fields=[f"{f}_{lang}" for f in ("title", "rights_notice") for lang in ("en", "ru", "kk")])
