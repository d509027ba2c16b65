"""The pages speak Russian and Kazakh: headings and the notification centre in each language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


# --- the pages ---------------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _back_to_english():
    """A request leaves its language active in this thread; later tests expect the default one."""
    yield
    translation.deactivate()


HEADINGS = {
    # page: {language: its heading}; English is the control that the page shows the heading at all
    "inbox": {"ru": "Очередь согласования", "kk": "Келісу кезегі", "en": "Approval inbox"},
    "file": {
        "ru": "Подать жалобу в прокуратуру",
        "kk": "Прокуратураға шағым беру",
        "en": "File a complaint to the prosecutor",
    },
    "notifications": {"ru": "Уведомления", "kk": "Хабарламалар", "en": "Notifications"},
    "cases": {"ru": "Уголовные дела", "kk": "Қылмыстық істер", "en": "<h1>Cases</h1>"},
}


def _get(world, page: str, language: str) -> str:
    from ecase.notifications.services import notification_create

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if page == "inbox":
        client.force_login(world.prosecutor_a1)
        url = reverse("approvals:inbox")
    elif page == "file":
        url = "/complaints/file/"
    elif page == "notifications":
        notification_create(user=world.investigator_a, title="Case 1 registered", body="A test notice.")
        client.force_login(world.investigator_a)
        url = reverse("notifications:list")
    else:
        client.force_login(world.investigator_a)
        url = reverse("cases:list")
    response = client.get(url)
    assert response.status_code == 200, (page, language, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
@pytest.mark.parametrize("page", HEADINGS)
def test_pages_are_translated(world, page: str, language: str):
    html = _get(world, page, language)
    assert f'<html lang="{language}">' in html
    assert HEADINGS[page][language] in html
    if language != "en":
        assert HEADINGS[page]["en"] not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_notification_centre_speaks_the_language(world, language: str):
    html = _get(world, "notifications", language)
    expected = {
        "ru": ["Отметить все как прочитанные", "Отметить как прочитанное", "Только непрочитанные", "новое"],
        "kk": ["Барлығын оқылды деп белгілеу", "Оқылды деп белгілеу", "Тек оқылмағандар", "жаңа"],
    }[language]
    assert all(text in html for text in expected), [t for t in expected if t not in html]
    assert "Mark all as read" not in html
