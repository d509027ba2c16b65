"""The terms calculator page for staff: choose a term and a start moment, see the end, the article and the
days skipped and why. Same rules and engine as GET /api/v1/terms/calculate/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ecase.api.utils import request_user
from ecase.permissions import can_use_terms_calculator
from ecase.terms.choices import SkipReason
from ecase.terms.display import term_display
from ecase.terms.engine import compute
from ecase.terms.forms import CalculatorForm
from ecase.terms.rules import rules_all
from ecase.terms.workdays import year_exceptions


@login_required
@require_GET
def calculator(request: HttpRequest) -> HttpResponse:
    if not can_use_terms_calculator(request_user(request)):
        raise PermissionDenied
    rules = rules_all()
    form = CalculatorForm(request.GET or None, rules=rules)
    context: dict[str, object] = {"form": form, "result": None}
    if form.is_valid():
        rule = form.rules[form.cleaned_data["rule"]]
        context.update(
            rule=rule, term_text=term_display(rule.term), result=compute(rule.term, form.cleaned_data["start"])
        )
    context.update(_year_calendar(request))
    return render(request, "terms/calculator.html", context)


def _year_calendar(request: HttpRequest) -> dict[str, object]:
    """The days of a year that differ from Monday to Friday (holidays, transfers, working weekends)."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    rows = [
        {"day": day, "working": working, "reason": SkipReason(reason).label if reason else "", "name": name}
        for day, working, reason, name in year_exceptions(year)
    ]
    return {"year": year, "year_rows": rows, "previous_year": year - 1, "next_year": year + 1}
