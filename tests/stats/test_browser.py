"""The statistics page in a real browser: charts drawn, filters submitted into a bookmarkable URL."""

import pytest
from django.utils import timezone

from stats.indicators import indicators

pytestmark = pytest.mark.browser


def test_filters_make_a_bookmarkable_url(page, live_server, world, login, make_case):
    make_case()  # registered now, in district A1
    make_case(investigator=world.investigator_a3)  # district A2
    login(world.senior_a)
    page.goto(f"{live_server.url}/stats/")
    assert page.locator("section.indicator svg").count() == len(indicators())
    total = "table[data-indicator=cases_registered] tr[data-row=total] td[data-period=current]"
    assert page.locator(total).get_attribute("data-value") == "2"

    today = timezone.localdate().isoformat()
    page.select_option("#id_office", str(world.dist_a1.pk))
    page.fill("#id_date_from", today)
    page.fill("#id_date_to", today)
    page.click("form.stats-filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert f"office={world.dist_a1.pk}" in page.url and f"date_from={today}" in page.url
    assert page.locator(total).get_attribute("data-value") == "1"

    # The bookmarked URL shows the same view again.
    bookmarked = page.url
    page.goto(f"{live_server.url}/stats/")
    page.goto(bookmarked)
    assert page.locator(total).get_attribute("data-value") == "1"
    assert page.locator("#stats-summary").inner_text().startswith("District office A1")
