"""The statistics page and its CSV export: two renderings of stats.selectors.stats_report."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ecase.models import User
from stats.charts import bar_chart, line_chart, stacked_chart
from stats.forms import StatsFilterForm
from stats.indicators import ChartKind
from stats.permissions import can_view_statistics
from stats.rendering import columns, report_csv, table_rows
from stats.selectors import IndicatorResult, Report, stats_report, stats_scope_for


def _report(request: HttpRequest) -> tuple[StatsFilterForm, Report | None]:
    """The filter form and, when it is valid, the report. 403 / 404 as the visibility rules say."""
    user: User = request.user  # type: ignore[assignment]
    if not can_view_statistics(user):
        raise PermissionDenied(_("Statistics are available to senior prosecutors and auditors."))
    form = StatsFilterForm(request.GET, user=user)
    if not form.is_valid():
        return form, None
    scope = stats_scope_for(user=user, office_id=form.cleaned_data.get("office"), include_subtree=form.include_subtree)
    form.show_period(form.period)
    return form, stats_report(scope=scope, period=form.period)


def indicator_section(result: IndicatorResult) -> dict[str, Any]:
    kind = result.indicator.chart
    draw = {ChartKind.LINE: line_chart, ChartKind.STACKED: stacked_chart}.get(ChartKind(kind), bar_chart)
    return {
        "result": result,
        "indicator": result.indicator,
        "chart_kind": kind,
        "chart": draw(result),
        "columns": columns(result),
        "rows": table_rows(result),
    }


@login_required
def stats_page(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    context = {
        "form": form,
        "report": report,
        "sections": [indicator_section(r) for r in report.results] if report else [],
        "query": request.GET.urlencode(),
        "csv_url": reverse("stats:csv"),
        "api_url": reverse("stats-api"),
    }
    return render(request, "stats/index.html", context, status=200 if report else 400)


@login_required
def stats_csv(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        errors = "; ".join(f"{name}: {' '.join(str(m) for m in msgs)}" for name, msgs in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    return csv_response(report, prefix="ecase-stats")


def csv_response(report: Report, *, prefix: str) -> HttpResponse:
    """The report as a CSV download (also the legality statistics' export)."""
    office = report.scope.office.code if report.scope.office else "all"
    name = f"{prefix}-{office}-{report.period.date_from}-{report.period.date_to}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # a BOM, so spreadsheet programs read the Cyrillic labels as UTF-8
    response.write(report_csv(report))
    return response
