"""The statistics page, its CSV export and the API: who may see them, the filters in the URL, and that
the three renderings show the same figures."""

import pytest
from django.urls import reverse

from tests.stats.builders import PERIOD
from tests.stats.expected import A1
from tests.stats.helpers import api_cells, csv_cells, page_cells

pytestmark = pytest.mark.django_db

QUERY = {"date_from": str(PERIOD.date_from), "date_to": str(PERIOD.date_to)}
PAGE, CSV, API = reverse("stats:index"), reverse("stats:csv"), "/api/v1/stats/"


def test_page_csv_and_api_show_the_same_figures(stats_world, world, client, api_as):
    client.force_login(world.senior_a1)
    page = client.get(PAGE, QUERY)
    assert page.status_code == 200
    exported = client.get(CSV, QUERY)
    assert exported.status_code == 200
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ecase-stats-dist-a1-2026-03-01-2026-03-31.csv"' in exported["Content-Disposition"]
    api = api_as(world.senior_a1).get(API, QUERY)
    assert api.status_code == 200

    on_page = page_cells(page.content.decode())
    in_csv = csv_cells(exported.content.decode())
    in_api = api_cells(api.json())
    assert on_page, "the page shows its figures in tables"
    # Every figure on the page is in the CSV and the API with the same value; CSV and API are identical.
    assert {k: in_csv[k] for k in on_page} == on_page
    assert in_csv == in_api
    # And they are the figures the indicators must show.
    for code, rows in A1.items():
        for key, values in rows.items():
            for metric, value in values.items():
                assert in_api[(code, key, metric, "current")] == value, (code, key, metric)


def test_page_shows_every_definition_and_a_chart(stats_world, world, client):
    from stats.indicators import indicators

    client.force_login(world.senior_a1)
    content = client.get(PAGE, QUERY).content.decode()
    for indicator in indicators():
        assert f'id="{indicator.code}"' in content
        assert str(indicator.definition).replace("'", "&#x27;") in content
    assert content.count("<svg") == len(indicators())
    assert "District office A1" in content
    assert "29.01.2026" in content  # the previous period is named (dd.mm.yyyy: ecase/formats)
    assert f'href="{CSV}?date_from=2026-03-01&amp;date_to=2026-03-31"' in content


def test_page_query_count_is_fixed(stats_world, world, client, django_assert_max_num_queries):
    client.force_login(world.auditor)
    # session and user, the office choices, the scope's organisations, the report (19), the navigation
    with django_assert_max_num_queries(27):
        assert client.get(PAGE, QUERY).status_code == 200


@pytest.mark.parametrize("who", ["senior_a1", "senior_a", "auditor"])
def test_allowed_roles_see_the_page_and_the_nav_entry(world, client, who):
    client.force_login(getattr(world, who))
    response = client.get(PAGE)
    assert response.status_code == 200
    assert f'href="{PAGE}"' in response.content.decode()


@pytest.mark.parametrize("who", ["prosecutor_a1", "investigator_a", "judge_a", "citizen"])
def test_other_roles_are_refused(world, client, api_as, who):
    user = getattr(world, who)
    client.force_login(user)
    assert client.get(PAGE).status_code == 403
    assert client.get(CSV).status_code == 403
    response = api_as(user).get(API)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert api_as(user).get(API + "cases_registered/").status_code == 403
    if who != "citizen":  # staff see the navigation, without the statistics entry
        home = client.get("/", follow=True).content.decode()
        assert "main-nav" in home and f'href="{PAGE}"' not in home


def test_anonymous_is_sent_to_login_or_refused(world, client, api):
    assert client.get(PAGE).status_code == 302
    assert client.get(CSV).status_code == 302
    assert api.get(API).status_code == 401


@pytest.mark.parametrize("office", ["dist_b1", "reg_b", "gp", "police_a1", "court_a"])
def test_office_outside_the_subtree_is_404_everywhere(world, client, api_as, office):
    query = {"office": getattr(world, office).pk}
    client.force_login(world.senior_a)
    assert client.get(PAGE, query).status_code == 404
    assert client.get(CSV, query).status_code == 404
    response = api_as(world.senior_a).get(API, query)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_unknown_office_is_404(world, client):
    client.force_login(world.auditor)
    assert client.get(PAGE, {"office": 999999}).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_from": "2026-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "date_to"),
        ({"date_from": "1900-01-01", "date_to": "2026-03-01"}, "date_from"),
        ({"date_from": "2000-01-01", "date_to": "2099-12-31"}, "date_from"),
        ({"office": "abc"}, "office"),
        ({"office": "-3"}, "office"),
        ({"office": "99999999999999999999"}, "office"),
        ({"office": "1.5"}, "office"),
        ({"date_from": "2026-02-30"}, "date_from"),
        ({"scope": "everything"}, "scope"),
    ],
)
def test_bad_filters_are_400_with_the_field_named(world, client, api_as, query, field):
    client.force_login(world.auditor)
    page = client.get(PAGE, query)
    assert page.status_code == 400
    assert 'class="errorlist"' in page.content.decode()
    assert client.get(CSV, query).status_code == 400
    response = api_as(world.auditor).get(API, query)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["fields"]


def test_filters_are_kept_in_the_url_and_the_form(world, client):
    client.force_login(world.senior_a)
    query = {"office": world.dist_a2.pk, "scope": "office", "date_from": "2026-02-01", "date_to": "2026-02-10"}
    content = client.get(PAGE, query).content.decode()
    assert f'<option value="{world.dist_a2.pk}" selected>' in content
    assert 'value="2026-02-01"' in content and 'value="2026-02-10"' in content
    assert "22.01.2026" in content  # previous period of 10 days: 22-31 January
    assert "District office B1" not in content  # not offered: outside the subtree


def test_default_period_is_the_last_365_days(world, client):
    from django.utils import timezone

    client.force_login(world.auditor)
    response = client.get(API)  # the API accepts the browser's session too
    assert response.status_code == 200
    report = response.json()
    today = timezone.localdate()
    assert report["period"]["date_to"] == str(today)
    assert report["time_zone"] == "Asia/Almaty"


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_indicator_text_is_translated(language):
    from django.utils import translation

    from stats.indicators import indicators

    for indicator in indicators():
        texts = [indicator.title, indicator.definition, *(m.label for m in indicator.metrics)]
        with translation.override("en"):
            english = [str(t) for t in texts]
        with translation.override(language):
            translated = [str(t) for t in texts]
        assert all(a != b for a, b in zip(english, translated, strict=True)), (indicator.code, translated)


def test_page_in_russian(world, client):
    client.force_login(world.senior_a1)
    content = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Лица, освобождённые от уголовного преследования благодаря прокурорскому фильтру" in content
    assert "Скачать CSV" in content


def test_default_period_is_shown_in_the_form(world, client):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(world.senior_a1)
    content = client.get(PAGE).content.decode()
    today = timezone.localdate()
    # The default period in the form's date format (dd.mm.yyyy: ecase/formats).
    assert f'value="{today:%d.%m.%Y}"' in content
    assert f'value="{today - timedelta(days=364):%d.%m.%Y}"' in content
