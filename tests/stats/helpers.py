from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from typing import Any

from ecase.models import User
from stats.period import Period
from stats.selectors import Report, stats_report, stats_scope_for


def report_for(user: User, period: Period, office: int | None = None, subtree: bool = True) -> Report:
    scope = stats_scope_for(user=user, office_id=office, include_subtree=subtree)
    return stats_report(scope=scope, period=period)


def figures(report: Report) -> dict[str, dict[str, dict[str, Any]]]:
    """{indicator code: {row key: {metric: value}}} of the period."""
    return {r.code: {row.key: dict(row.values) for row in r.rows} for r in report.results}


def previous_figures(report: Report) -> dict[str, dict[str, dict[str, Any]]]:
    return {
        r.code: {row.key: dict(row.previous) for row in r.rows if row.previous is not None}
        for r in report.results
        if r.indicator.compares
    }


def totals(report: Report) -> dict[str, dict[str, Any]]:
    return {r.code: next(dict(row.values) for row in r.rows if row.is_total) for r in report.results}


def number(text: str) -> int | float | None:
    if text == "":
        return None
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


class _FigureParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.indicator = ""
        self.row = ""
        self.cells: dict[tuple[str, str, str, str], int | float | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table" and "data-indicator" in a:
            self.indicator = a["data-indicator"]
        elif tag == "tr" and "data-row" in a:
            self.row = a["data-row"]
        elif tag == "td" and "data-metric" in a:
            key = (self.indicator, self.row, a["data-metric"], a["data-period"])
            self.cells[key] = number(a["data-value"])


def page_cells(content: str) -> dict[tuple[str, str, str, str], int | float | None]:
    """Every figure in the page's tables: (indicator, row, metric, current|previous|change) -> value."""
    parser = _FigureParser()
    parser.feed(content)
    return parser.cells


def csv_cells(content: str) -> dict[tuple[str, str, str, str], int | float | None]:
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    cells: dict[tuple[str, str, str, str], int | float | None] = {}
    for r in rows:
        key = (r["indicator"], r["row"], r["metric"])
        cells[(*key, "current")] = number(r["value"])
        cells[(*key, "previous")] = number(r["previous_value"])
        cells[(*key, "change")] = number(r["change_percent"])
    return cells


def api_cells(data: dict[str, Any]) -> dict[tuple[str, str, str, str], int | float | None]:
    cells: dict[tuple[str, str, str, str], int | float | None] = {}
    for ind in data["indicators"]:
        for row in ind["rows"]:
            for metric, value in row["values"].items():
                cells[(ind["code"], row["key"], metric, "current")] = value
                cells[(ind["code"], row["key"], metric, "previous")] = (row["previous"] or {}).get(metric)
                cells[(ind["code"], row["key"], metric, "change")] = row["change_percent"].get(metric)
    return cells
