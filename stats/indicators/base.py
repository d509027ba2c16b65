"""What an indicator is, and the registry that holds them.

An indicator is defined once, here in code: a code, a title and a definition (both translatable, the
definition is shown on the page as a legend and in the API), its metrics, and ``compute(scope, period)``
which returns its rows, each with the figures of the period and of the previous period of the same
length. The page, the CSV export and the API are three renderings of those rows
(stats.selectors.stats_report).

An indicator either implements ``rows(scope, period)`` for one period (the base class calls it for both
and pairs the rows by key), or overrides ``compute`` to read both periods in one aggregate query grouped
by ``period.which(field)`` over ``period.with_previous_q(field)``: one scan of the table instead of two.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stats.period import Period, Scope

Number = int | float | None


class Unit(TextChoices):
    COUNT = "count", _("count")
    PERCENT = "percent", _("per cent")
    HOURS = "hours", _("hours")


class ChartKind(TextChoices):
    BAR = "bar", _("bar chart")
    LINE = "line", _("line chart")
    STACKED = "stacked", _("stacked bar chart")


@dataclass(frozen=True)
class Metric:
    code: str
    label: str | Promise
    unit: str = Unit.COUNT


@dataclass
class Row:
    """One line of an indicator's table: a stable key, a translated label, a value per metric, and the
    values of the previous period (None for a snapshot of "now")."""

    key: str
    label: str | Promise
    values: dict[str, Number] = field(default_factory=dict)
    is_total: bool = False
    charted: bool = True  # drawn in the chart (totals are only in the table)
    previous: dict[str, Number] | None = None

    def change(self, metric: str) -> float | None:
        """Percentage change of a count against the previous period (None when it cannot be computed)."""
        if self.previous is None:
            return None
        now, before = self.values.get(metric), self.previous.get(metric)
        if now is None or not before:
            return None
        return round(100.0 * (now - before) / before, 1)


def share(part: int | None, whole: int | None) -> float | None:
    """`part` as a percentage of `whole`, to one decimal; None when there is nothing to divide."""
    if not whole:
        return None
    return round(100.0 * (part or 0) / whole, 1)


def hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600.0, 1)


def paired(current: list[Row], previous: list[Row]) -> list[Row]:
    """The current rows, each given the values of the previous period's row with the same key."""
    before = {r.key: r.values for r in previous}
    for row in current:
        row.previous = before.get(row.key)
    return current


class Indicator:
    """Base class. Subclasses set the class attributes and implement rows() or compute()."""

    code: ClassVar[str]
    title: ClassVar[str | Promise]
    definition: ClassVar[str | Promise]
    metrics: ClassVar[tuple[Metric, ...]]
    order: ClassVar[int] = 100
    chart: ClassVar[str] = ChartKind.BAR
    chart_metric: ClassVar[str] = ""  # the metric drawn; the first one when empty
    chart_stack: ClassVar[tuple[str, ...]] = ()  # for a stacked chart: the metrics stacked in each bar
    # Whether the figures are also computed for the previous period (not for a snapshot of "now").
    compares: ClassVar[bool] = True
    # Metrics whose previous-period value gets its own column on the page (all when empty); the CSV and
    # the API always carry the previous value of every metric.
    compared_on_page: ClassVar[tuple[str, ...]] = ()

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        """The rows of the period, each with the previous period's values when the indicator compares."""
        rows = self.rows(scope, period)
        return paired(rows, self.rows(scope, period.previous())) if self.compares else rows

    def rows(self, scope: Scope, period: Period) -> list[Row]:
        raise NotImplementedError

    @classmethod
    def metric(cls, code: str) -> Metric:
        return next(m for m in cls.metrics if m.code == code)

    @classmethod
    def charted_metric(cls) -> Metric:
        return cls.metric(cls.chart_metric) if cls.chart_metric else cls.metrics[0]


_registry: dict[str, Indicator] = {}


def register(cls: type[Indicator]) -> type[Indicator]:
    """Class decorator: add an indicator to the registry (one instance per code)."""
    if cls.code in _registry and type(_registry[cls.code]) is not cls:
        raise ValueError(f"indicator code {cls.code!r} is registered twice")
    _registry[cls.code] = cls()
    return cls


def indicators(codes: Iterable[str] | None = None) -> list[Indicator]:
    """Registered indicators in page order, optionally only the given codes."""
    chosen = sorted(_registry.values(), key=lambda i: (i.order, i.code))
    if codes is not None:
        wanted = set(codes)
        chosen = [i for i in chosen if i.code in wanted]
    return chosen


def get(code: str) -> Indicator:
    """The indicator with this code; KeyError if none."""
    return _registry[code]
