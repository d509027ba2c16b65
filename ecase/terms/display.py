"""A term in words, in the reader's language ("3 days", "24 hours", "15 working days")."""

from __future__ import annotations

from django.utils.translation import ngettext

from ecase.terms.choices import TermUnit
from ecase.terms.term import Term


def term_display(term: Term) -> str:
    n = term.amount
    if term.unit == TermUnit.HOURS:
        return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
    if term.unit == TermUnit.DAYS:
        return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}
    if term.unit == TermUnit.WORKING_DAYS:
        return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
    return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
