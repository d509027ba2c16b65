"""SQL building blocks the indicators share: seconds between two timestamps, and a median aggregate.

The median is computed by the database in the same aggregate query as the counts:
- PostgreSQL: ``percentile_cont(0.5) WITHIN GROUP (ORDER BY x)`` (an ordered-set aggregate);
- SQLite (the embedded default, small data): a ``ECASE_MEDIAN(x)`` aggregate written in Python and
  registered on each SQLite connection. It sees only the values of its group, already filtered by SQL.
"""

from __future__ import annotations

import statistics
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, FloatField, Func
from django.db.models.sql.compiler import SQLCompiler


class SecondsBetween(Func):
    """``end - start`` in seconds, as a float (NULL when either is NULL)."""

    output_field = FloatField()
    arity = 2

    def __init__(self, start: Any, end: Any) -> None:
        super().__init__(end, start)

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> Any:  # type: ignore[override]
        # Portable fallback (SQLite): julianday() parses Django's stored "YYYY-MM-DD HH:MM:SS.ffffff" text.
        return super().as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM (%(expressions)s))::double precision",
            arg_joiner=" - ",
            **extra,
        )


class Median(Aggregate):
    """The median of a numeric expression (NULL for an empty group)."""

    name = "Median"
    function = "ECASE_MEDIAN"
    output_field = FloatField()
    allow_distinct = False

    def as_postgresql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> Any:
        # An ordered-set aggregate. Set on a copy (not as keyword arguments): Aggregate.as_sql builds its
        # FILTER (WHERE ...) clause around self.template.
        clone = self.copy()
        clone.function = "percentile_cont"
        clone.template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
        return super(Median, clone).as_sql(compiler, connection, **extra)


class _SQLiteMedian:
    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: float | None) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return statistics.median(self.values) if self.values else None


def install_sqlite_median(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("ECASE_MEDIAN", 1, _SQLiteMedian)
