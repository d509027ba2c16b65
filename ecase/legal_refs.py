"""Legal references in the reader's language: the one place articles of a code are written out.

References are stored in English, the way legal.md writes them ("CPC 192", "CPC Art. 45 p.7(1), Art. 50",
"APPK Art. 76"); ``format_reference`` renders each citation the way the language writes it and leaves any
other text of the string alone:

    en  CPC art. 192          CPC art. 45 p.7(1), art. 50
    ru  ст. 192 УПК           п. 1 ч. 7 ст. 45, ст. 50 УПК
    kk  ҚПК 192-бабы          ҚПК 45-бабы 7-бөлігінің 1-тармағы, 50-бабы
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import get_language

# The codes cited in the app: (English, Russian, Kazakh) abbreviations.
CODES: dict[str, tuple[str, str, str]] = {
    "CPC": ("CPC", "УПК", "ҚПК"),
    "APPK": ("APPK", "АППК", "ӘРПК"),
    "Constitution": ("Constitution", "Конституции", "Конституцияның"),
}

_ARTICLE = r"(?P<art>\d+(?:\s*[-–]\s*\d+)?)(?:\s+p\.\s*(?P<part>\d+)(?:\((?P<item>\d+)\))?)?"
_ONE = re.compile(_ARTICLE)
_ANY_ARTICLE = r"\d+(?:\s*[-–]\s*\d+)?(?:\s+p\.\s*\d+(?:\(\d+\))?)?"
# A code, "Art." or not, then articles separated by commas (each may repeat "Art.").
_CITATION = re.compile(
    rf"\b(?P<code>{'|'.join(CODES)})(?:\s+Art\.)?\s+"
    rf"(?P<list>{_ANY_ARTICLE}(?:\s*,\s*(?:Art\.\s*)?{_ANY_ARTICLE})*)"
)


@dataclass(frozen=True)
class Article:
    number: str  # "192" or a range "202–206"
    part: str = ""
    item: str = ""

    @property
    def is_range(self) -> bool:
        return "–" in self.number


def parse_articles(text: str) -> list[Article]:
    return [
        Article(re.sub(r"\s*[-–]\s*", "–", m["art"]), m["part"] or "", m["item"] or "")
        for m in _ONE.finditer(re.sub(r"Art\.\s*", "", text))
    ]


def _en(code: str, articles: list[Article]) -> str:
    def one(a: Article) -> str:
        where = f" p.{a.part}" + (f"({a.item})" if a.item else "") if a.part else ""
        return f"{'arts.' if a.is_range else 'art.'} {a.number}{where}"

    return f"{code} " + ", ".join(one(a) for a in articles)


def _ru(code: str, articles: list[Article]) -> str:
    def one(a: Article) -> str:
        prefix = (f"п. {a.item} " if a.item else "") + (f"ч. {a.part} " if a.part else "")
        return f"{prefix}ст. {a.number}"

    return ", ".join(one(a) for a in articles) + f" {code}"


def _kk(code: str, articles: list[Article]) -> str:
    def one(a: Article) -> str:
        if a.is_range:
            return f"{a.number}-баптары"
        if a.item:
            return f"{a.number}-бабы {a.part}-бөлігінің {a.item}-тармағы"
        if a.part:
            return f"{a.number}-бабының {a.part}-бөлігі"
        return f"{a.number}-бабы"

    return f"{code} " + ", ".join(one(a) for a in articles)


_RENDER = {"en": (0, _en), "ru": (1, _ru), "kk": (2, _kk)}


def format_reference(text: str, language: str | None = None) -> str:
    """Every citation of ``text`` in ``language`` (the active one by default); other words stay as they are."""
    if not text:
        return ""
    index, render = _RENDER.get((language or get_language() or "en")[:2], _RENDER["en"])

    def replace(match: re.Match[str]) -> str:
        return render(CODES[match["code"]][index], parse_articles(match["list"]))

    return _CITATION.sub(replace, text)
