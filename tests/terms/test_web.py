"""The terms calculator page: staff only, linked from the navigation, the result with the skipped days."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
URL = "/terms/calculator/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_calculator_shows_the_end_and_the_days_skipped(world):
    client = client_for(world.prosecutor_a1)
    page = client.get(URL)
    assert page.status_code == 200
    assert b'href="/terms/calculator/"' in page.content  # the navigation links it
    result = client.get(URL, {"rule": "decision.termination", "start": "2026-03-20T10:00"})
    html = result.content.decode()
    assert result.status_code == 200
    assert 'data-testid="term-end"' in html and "26.03.2026, 24:00" in html  # the one date format (ecase/formats)
    assert "2026-03-26T23:59:59.999999+05:00" in html
    section = html[html.index('id="term-result"') : html.index('id="year-calendar"')]
    assert section.count("public holiday") == 3 and "Nowruz" in section
    assert "CPC art. 35, art. 36, art. 288" in html  # ecase.legal_refs


def test_a_detention_never_moves(world):
    html = client_for(world.investigator_a).get(URL, {"rule": "detention", "start": "2026-03-20T18:30"}).content
    assert b"2026-03-22T18:30:00+05:00" in html and b"never moves off a non-working day" in html
    assert b"No day was skipped." in html


def test_bad_input_shows_the_form_errors(world):
    page = client_for(world.investigator_a).get(URL, {"rule": "nope", "start": "yesterday"})
    assert page.status_code == 200
    assert page.content.count(b'class="errorlist"') == 2
    assert b'id="term-result"' not in page.content


def test_in_russian(world):
    client = client_for(world.prosecutor_a1)
    client.cookies["django_language"] = "ru"
    html = client.get(
        URL, {"rule": "decision.termination", "start": "2026-03-20T10:00"}, HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "Калькулятор сроков" in html and "праздничный день" in html


def test_citizens_and_visitors_are_refused(world):
    assert client_for(world.citizen).get(URL).status_code == 403
    assert Client().get(URL).status_code == 302
    assert b'href="/terms/calculator/"' not in client_for(world.citizen).get("/notifications/").content


def test_the_year_calendar_lists_holidays_transfers_and_working_weekends(world):
    html = client_for(world.prosecutor_a1).get(URL, {"year": "2025"}).content.decode()
    section = html[html.index('id="year-calendar"') :]
    assert "Days off and working weekends in 2025" in section
    assert "03.01.2025" in section and "transferred day off" in section  # Friday, transferred
    assert "05.01.2025" in section and "working day" in section  # the working Sunday
    assert "24.03.2025" in section  # Nauryz moved off the weekend
    assert "22.03.2025" not in section  # a holiday on a Saturday: a weekend anyway
    assert client_for(world.prosecutor_a1).get(URL, {"year": "abc"}).status_code == 200


@pytest.mark.parametrize("start", ["0001-01-01T00:00", "9999-12-31T23:00"])
def test_a_start_outside_the_calendar_is_a_form_error(client, world, start):
    client.force_login(world.prosecutor_a1)
    response = client.get("/terms/calculator/", {"rule": "detention", "start": start})
    assert response.status_code == 200
    assert "Give a start between the years 1900 and 2200." in response.content.decode()
