"""Server-rendered SVG charts: the geometry is computed here, the markup is a template
(templates/stats/_bar_chart.svg.html, _line_chart.svg.html), so every label is auto-escaped."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from stats.indicators import Unit
from stats.selectors import IndicatorResult

WIDTH = 720
LABEL_WIDTH = 250
VALUE_GAP = 70  # room right of the longest bar for its value
BAR_HEIGHT = 14
ROW_GAP = 10
TOP = 24  # room for the legend


LABEL_CHARS = 40  # longer labels are cut in the chart (the full label is in its tooltip and the table)


def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def format_value(value: float | int | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == Unit.PERCENT:
        return f"{value:.1f} %"
    if unit == Unit.HOURS:
        return _("%(hours).1f h") % {"hours": value}
    return f"{value:,}".replace(",", "\u202f") if isinstance(value, int) else f"{value:g}"


@dataclass
class Bar:
    label: str
    full_label: str
    y: int
    width: float
    text: str
    prev_y: int | None = None
    prev_width: float = 0.0
    prev_text: str = ""


@dataclass
class BarChart:
    title: str
    metric_label: str
    width: int
    height: int
    label_width: int
    bars: list[Bar] = field(default_factory=list)
    has_previous: bool = False
    empty: bool = True

    @property
    def text_x(self) -> int:
        return self.label_width - 6


def bar_chart(result: IndicatorResult) -> BarChart:
    indicator = result.indicator
    metric = indicator.charted_metric()
    rows = [r for r in result.rows if r.charted]
    has_previous = indicator.compares
    values = [r.values.get(metric.code) or 0 for r in rows]
    values += [(r.previous or {}).get(metric.code) or 0 for r in rows] if has_previous else []
    top = 100.0 if metric.unit == Unit.PERCENT else float(max(values, default=0) or 1)
    span = WIDTH - LABEL_WIDTH - VALUE_GAP
    step = (2 * BAR_HEIGHT if has_previous else BAR_HEIGHT) + ROW_GAP
    chart = BarChart(
        title=str(indicator.title),
        metric_label=str(metric.label),
        width=WIDTH,
        height=TOP + step * len(rows) + ROW_GAP,
        label_width=LABEL_WIDTH,
        has_previous=has_previous,
        empty=not any(values),
    )
    for i, row in enumerate(rows):
        y = TOP + i * step
        value = row.values.get(metric.code)
        bar = Bar(
            label=short(str(row.label)),
            full_label=str(row.label),
            y=y,
            width=round(span * (value or 0) / top, 1),
            text=format_value(value, metric.unit),
        )
        if has_previous:
            before = (row.previous or {}).get(metric.code)
            bar.prev_y = y + BAR_HEIGHT
            bar.prev_width = round(span * (before or 0) / top, 1)
            bar.prev_text = format_value(before, metric.unit)
        chart.bars.append(bar)
    return chart


@dataclass
class LineChart:
    title: str
    metric_label: str
    width: int
    height: int
    left: int
    bottom: int
    points: str
    previous_points: str
    max_text: str
    x_labels: list[tuple[float, str, str]]  # x, text-anchor, label
    empty: bool


def _anchor(i: int, n: int) -> str:
    return "start" if i == 0 else "end" if i == n - 1 else "middle"


def line_chart(result: IndicatorResult) -> LineChart:
    """A line per period over the charted rows (buckets), the previous period drawn dashed."""
    indicator = result.indicator
    metric = indicator.charted_metric()
    rows = [r for r in result.rows if r.charted]
    width, height, left, right, top, bottom = WIDTH, 240, 50, 20, 24, 200
    current = [r.values.get(metric.code) or 0 for r in rows]
    before = [(r.previous or {}).get(metric.code) or 0 for r in rows]
    peak = float(max([*current, *before], default=0) or 1)
    n = max(len(rows) - 1, 1)

    def x(i: int) -> float:
        return round(left + (width - left - right) * i / n, 1)

    def y(v: float) -> float:
        return round(bottom - (bottom - top) * v / peak, 1)

    labels_at = sorted({0, len(rows) // 2, len(rows) - 1}) if rows else []
    return LineChart(
        title=str(indicator.title),
        metric_label=str(metric.label),
        width=width,
        height=height,
        left=left,
        bottom=bottom,
        points=" ".join(f"{x(i)},{y(v)}" for i, v in enumerate(current)),
        previous_points=" ".join(f"{x(i)},{y(v)}" for i, v in enumerate(before)),
        max_text=format_value(int(peak) if peak.is_integer() else peak, metric.unit),
        x_labels=[(x(i), _anchor(i, len(rows)), str(rows[i].label)) for i in labels_at],
        empty=not any(current) and not any(before),
    )


PALETTE = ("#2f6690", "#c0392b", "#e0a800", "#3a7d44", "#7d3c98", "#7f8c8d")


@dataclass
class Segment:
    x: float
    width: float
    color: str
    text: str


@dataclass
class StackedBar:
    label: str
    full_label: str
    y: int
    segments: list[Segment]
    total_x: float
    total_text: str


@dataclass
class StackedChart:
    title: str
    width: int
    height: int
    label_width: int
    legend: list[tuple[float, int, str, str]]  # x, y, color, label
    bars: list[StackedBar]
    empty: bool

    @property
    def text_x(self) -> int:
        return self.label_width - 6


def stacked_chart(result: IndicatorResult) -> StackedChart:
    """One bar per row, split into the indicator's stacked metrics (this period only)."""
    indicator = result.indicator
    metrics = [indicator.metric(code) for code in indicator.chart_stack]
    rows = [r for r in result.rows if r.charted]
    sums = [sum(r.values.get(m.code) or 0 for m in metrics) for r in rows]
    top = float(max(sums, default=0) or 1)
    span = WIDTH - LABEL_WIDTH - VALUE_GAP
    step = BAR_HEIGHT + ROW_GAP
    legend = _legend([str(m.label) for m in metrics])
    top_margin = legend[-1][1] + 20 if legend else TOP
    bars = []
    for i, (row, total) in enumerate(zip(rows, sums, strict=True)):
        x = float(LABEL_WIDTH)
        segments = []
        for j, metric in enumerate(metrics):
            value = row.values.get(metric.code) or 0
            width = round(span * value / top, 1)
            text = f"{metric.label}: {format_value(value, metric.unit)}"
            segments.append(Segment(x=round(x, 1), width=width, color=PALETTE[j % len(PALETTE)], text=text))
            x += width
        bars.append(
            StackedBar(
                label=short(str(row.label)),
                full_label=str(row.label),
                y=top_margin + i * step,
                segments=segments,
                total_x=round(x + 4, 1),
                total_text=format_value(total, Unit.COUNT),
            )
        )
    return StackedChart(
        title=str(indicator.title),
        width=WIDTH,
        height=top_margin + step * len(rows) + ROW_GAP,
        label_width=LABEL_WIDTH,
        legend=legend,
        bars=bars,
        empty=not any(sums),
    )


def _legend(labels: list[str]) -> list[tuple[float, int, str, str]]:
    """Legend entries (x, y of the swatch, colour, label), wrapped onto a new line at the chart's edge."""
    entries = []
    x, y = float(LABEL_WIDTH), 4
    for j, label in enumerate(labels):
        width = 22 + 6.5 * len(label)
        if x + width > WIDTH and x > LABEL_WIDTH:
            x, y = float(LABEL_WIDTH), y + 16
        entries.append((round(x, 1), y, PALETTE[j % len(PALETTE)], label))
        x += width + 10
    return entries
