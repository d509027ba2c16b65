"""Turning a computed report into the page's tables and the CSV lines. Both read the same figures."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from stats.charts import format_value
from stats.indicators import Metric, Number, Row, Unit
from stats.selectors import IndicatorResult, Report

CURRENT, PREVIOUS, CHANGE = "current", "previous", "change"


@dataclass(frozen=True)
class Cell:
    metric: str
    period: str  # current | previous | change
    value: Number
    text: str


@dataclass(frozen=True)
class Column:
    metric: Metric
    period: str
    label: str


def columns(result: IndicatorResult) -> list[Column]:
    cols: list[Column] = []
    ind = result.indicator
    for metric in ind.metrics:
        cols.append(Column(metric, CURRENT, str(metric.label)))
        if ind.compares and (not ind.compared_on_page or metric.code in ind.compared_on_page):
            cols.append(Column(metric, PREVIOUS, _("previous period")))
            if metric.unit == Unit.COUNT:
                cols.append(Column(metric, CHANGE, _("change")))
    return cols


def cell_value(row: Row, column: Column) -> Number:
    if column.period == CURRENT:
        return row.values.get(column.metric.code)
    if column.period == PREVIOUS:
        return (row.previous or {}).get(column.metric.code)
    return row.change(column.metric.code)


def table_rows(result: IndicatorResult) -> list[tuple[Row, list[Cell]]]:
    cols = columns(result)
    out = []
    for row in result.rows:
        cells = []
        for col in cols:
            value = cell_value(row, col)
            unit = Unit.PERCENT if col.period == CHANGE else col.metric.unit
            text = format_value(value, unit)
            if col.period == CHANGE and value is not None and value > 0:
                text = "+" + text
            cells.append(Cell(col.metric.code, col.period, value, text))
        out.append((row, cells))
    return out


CSV_HEADER = [
    "office",
    "scope",
    "date_from",
    "date_to",
    "previous_from",
    "previous_to",
    "indicator",
    "indicator_title",
    "row",
    "row_label",
    "metric",
    "metric_label",
    "unit",
    "value",
    "previous_value",
    "change_percent",
]


def _safe(text: str) -> str:
    # A spreadsheet would run a cell that starts with one of these as a formula (office names are data).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _num(value: Number) -> str:
    return "" if value is None else str(value)


def csv_lines(report: Report) -> Iterator[list[str]]:
    office = report.scope.office.code if report.scope.office else ""
    head = [
        office,
        "subtree" if report.scope.include_subtree else "office",
        report.period.date_from.isoformat(),
        report.period.date_to.isoformat(),
        report.previous.date_from.isoformat(),
        report.previous.date_to.isoformat(),
    ]
    for result in report.results:
        ind = result.indicator
        for row in result.rows:
            for metric in ind.metrics:
                previous = (row.previous or {}).get(metric.code) if ind.compares else None
                change = row.change(metric.code) if ind.compares and metric.unit == Unit.COUNT else None
                yield [
                    *head,
                    ind.code,
                    _safe(str(ind.title)),
                    row.key,
                    _safe(str(row.label)),
                    metric.code,
                    _safe(str(metric.label)),
                    str(metric.unit),
                    _num(row.values.get(metric.code)),
                    _num(previous),
                    _num(change),
                ]


def report_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_lines(report))
    return buffer.getvalue()
