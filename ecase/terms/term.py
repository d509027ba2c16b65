"""A term as data (no database access here, so models and the engine can both import it)."""

from __future__ import annotations

from dataclasses import dataclass

from ecase.terms.choices import TermUnit


@dataclass(frozen=True)
class Term:
    amount: int
    unit: str
    article: str = ""
    start_event: str = ""
    moves_off_non_working: bool = True
    starts_on_working_day: bool = False

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("a term cannot be negative")
        if self.unit not in TermUnit.values:
            raise ValueError(f"unknown term unit {self.unit!r}")
