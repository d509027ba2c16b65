"""The office picker of the complaint form in Chromium: grouped without JavaScript, searchable with it."""

from __future__ import annotations

import pytest

from ecase.seed.world import seed_organisations

pytestmark = [pytest.mark.browser]


def visible_options(page) -> list[str]:
    return page.eval_on_selector_all(
        "select[name=office] option:not([hidden])", "options => options.filter(o => o.value).map(o => o.text)"
    )


def test_a_citizen_finds_the_office_by_typing_part_of_its_name(page, live_server):
    tree = seed_organisations()
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    page.goto(f"{live_server.url}/complaints/file/")
    assert len(visible_options(page)) == 18
    assert page.locator("select[name=office] optgroup").count() == 4

    search = page.get_by_label("Найдите свою прокуратуру")  # the search box has its label
    assert search.get_attribute("aria-controls") == "id_office"
    search.fill("медеу")
    assert visible_options(page) == ["Прокуратура Медеуского района города Алматы"]
    assert page.locator("select[name=office] optgroup:not([hidden])").count() == 1
    # One match is chosen at once, and the live region says how many offices match.
    assert page.input_value("select[name=office]") == str(tree["ala-medeu"].pk)
    assert page.inner_text("#id_office-search-status") == "Найдена 1 прокуратура"

    search.fill("Karaganda")  # the English name finds the office in a Russian page
    assert len(visible_options(page)) == 4 and "Прокуратура города Темиртау" in visible_options(page)
    search.press("Enter")  # moves to the list, does not send the form
    assert page.url.endswith("/complaints/file/")
    assert page.evaluate("document.activeElement.name") == "office"

    search.fill("нет такой")
    assert visible_options(page) == []
    assert "Ничего не найдено" in page.inner_text("#id_office-search-status")
    search.fill("")
    assert len(visible_options(page)) == 18


def test_without_javascript_the_grouped_list_works(_browser, live_server, transactional_db):
    seed_organisations()
    context = _browser.new_context(java_script_enabled=False, locale="kk-KZ")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/complaints/file/", wait_until="domcontentloaded")
        assert page.locator("#id_office-search").count() == 0
        labels = page.eval_on_selector_all("select[name=office] optgroup", "gs => gs.map(g => g.label)")
        assert "Алматы қаласының прокуратурасы" in labels and len(labels) == 4
    finally:
        context.close()
