"""The indicator registry. Each module of this package defines and registers its indicators."""

from importlib import import_module

from .base import ChartKind, Indicator, Metric, Number, Row, Unit, get, hours, indicators, paired, register, share

__all__ = [
    "ChartKind",
    "Indicator",
    "Metric",
    "Number",
    "Row",
    "Unit",
    "get",
    "hours",
    "indicators",
    "paired",
    "register",
    "share",
]

INDICATOR_MODULES = ("cases", "decisions", "complaints", "overdue", "actions")


def autodiscover() -> None:
    """Import the indicator modules (called from StatsConfig.ready())."""
    for name in INDICATOR_MODULES:
        import_module(f"{__name__}.{name}")
