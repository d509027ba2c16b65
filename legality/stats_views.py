"""The legality statistics page (/legality/stats/) and its CSV export: two renderings of
legality.indicators.legality_report, drawn with the statistics app's charts and tables."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ecase.models import User
from stats.forms import StatsFilterForm
from stats.selectors import Report
from stats.views import csv_response, indicator_section

from .indicators import legality_report
from .selectors import legality_stats_offices_visible_to, legality_stats_scope_for


class LegalityStatsForm(StatsFilterForm):
    """The statistics filters, over the offices whose legality figures the user may see."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        offices = legality_stats_offices_visible_to(user=user)
        choices: list[tuple[Any, Any]] = [("", _("My office") if user.organisation_id else _("All offices"))]
        depth = min((o.path.count("/") for o in offices), default=0)
        choices += [(o.pk, "\u2003" * (o.path.count("/") - depth) + o.name) for o in offices]
        self.fields["office"].widget = forms.Select(choices=choices)


def _report(request: HttpRequest) -> tuple[LegalityStatsForm, Report | None]:
    user: User = request.user  # type: ignore[assignment]
    legality_stats_scope_for(user=user)  # 403 before looking at the filters
    form = LegalityStatsForm(request.GET, user=user)
    if not form.is_valid():
        return form, None
    scope = legality_stats_scope_for(
        user=user, office_id=form.cleaned_data.get("office"), include_subtree=form.include_subtree
    )
    form.show_period(form.period)
    return form, legality_report(scope=scope, period=form.period)


@login_required
@require_GET
def stats_page(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    context = {
        "form": form,
        "report": report,
        "sections": [indicator_section(r) for r in report.results] if report else [],
        "query": request.GET.urlencode(),
        "csv_url": reverse("legality:stats-csv"),
        "api_url": reverse("legality-stats-api"),
    }
    return render(request, "legality/stats.html", context, status=200 if report else 400)


@login_required
@require_GET
def stats_csv(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        errors = "; ".join(f"{name}: {' '.join(str(m) for m in msgs)}" for name, msgs in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    return csv_response(report, prefix="ecase-legality")
