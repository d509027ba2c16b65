"""Charts and CSV: labels from data are escaped, spreadsheet formulas are defused, bars are to scale."""

import csv
import io

import pytest
from django.urls import reverse

from ecase.models import Organisation
from stats.charts import bar_chart
from stats.indicators import Row, get
from stats.selectors import IndicatorResult

pytestmark = pytest.mark.django_db


def _result(code, rows):
    return IndicatorResult(indicator=get(code), rows=rows)


def test_bars_are_to_scale_and_previous_is_drawn():
    rows = [
        Row("a", "A", {"cases": 10}, previous={"cases": 5}),
        Row("b", "B", {"cases": 5}, previous={"cases": 0}),
        Row("total", "Total", {"cases": 15}, is_total=True, charted=False, previous={"cases": 5}),
    ]
    chart = bar_chart(_result("cases_registered", rows))
    assert [b.label for b in chart.bars] == ["A", "B"]  # totals are only in the table
    assert chart.bars[0].width == 2 * chart.bars[1].width
    assert chart.bars[0].prev_width == chart.bars[1].width
    assert chart.has_previous and not chart.empty


def test_shares_are_drawn_on_a_0_to_100_scale():
    rows = [Row("x", "X", {"answered": 1, "in_time_share": 50.0})]
    half = bar_chart(_result("complaints_answered", rows)).bars[0].width
    rows = [Row("x", "X", {"answered": 1, "in_time_share": 100.0})]
    assert bar_chart(_result("complaints_answered", rows)).bars[0].width == 2 * half


def test_office_names_are_escaped_on_the_page(world, client):
    Organisation.objects.filter(pk=world.dist_a1.pk).update(name="<script>alert(1)</script>")
    client.force_login(world.senior_a1)
    page = client.get(reverse("stats:index")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_complaint_kind_titles_are_escaped_in_the_svg_and_defused_in_the_csv(world, client):
    from complaints.models import ComplaintKind

    ComplaintKind.objects.filter(code="general").update(title="=SUM(A1)<b>General</b>")
    client.force_login(world.auditor)
    page = client.get(reverse("stats:index")).content.decode()
    assert "<b>General</b>" not in page
    assert "=SUM(A1)&lt;b&gt;General&lt;/b&gt;" in page
    exported = client.get(reverse("stats:csv")).content.decode().lstrip("\ufeff")
    labels = [row["row_label"] for row in csv.DictReader(io.StringIO(exported)) if row["row"] == "general"]
    assert labels and all(label == "'=SUM(A1)<b>General</b>" for label in labels)
