"""One date format per language (ecase/formats, ecase.dates): shown, typed and parsed; relative times."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation

from ecase.dates import DateField, DateTimeField
from ecase.templatetags.lang import relative

ALMATY = ZoneInfo("Asia/Almaty")
MOMENT = datetime(2026, 12, 31, 14, 30, tzinfo=ALMATY)


class Sample(forms.Form):
    day = DateField(required=False)
    at = DateTimeField(required=False)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_dates_show_as_dd_mm_yyyy_in_every_language(lang):
    with translation.override(lang), timezone.override(ALMATY):
        html = Template('{{ at|date:"SHORT_DATETIME_FORMAT" }}|{{ at|date }}|{{ day|date:"DATE_FORMAT" }}').render(
            Context({"at": MOMENT, "day": date(2026, 1, 2)})
        )
    assert html == "31.12.2026 14:30|31.12.2026|02.01.2026"


@pytest.mark.parametrize(("lang", "hint"), [("en", "dd.mm.yyyy"), ("ru", "дд.мм.гггг"), ("kk", "кк.аа.жжжж")])
def test_inputs_are_text_with_the_format_as_placeholder_and_pattern(lang, hint):
    with translation.override(lang), timezone.override(ALMATY):
        form = Sample(initial={"day": date(2026, 1, 2), "at": MOMENT})
        day, at = str(form["day"]), str(form["at"])
    assert 'type="text"' in day and 'value="02.01.2026"' in day and f'placeholder="{hint}"' in day
    assert 'pattern="' in day and 'inputmode="numeric"' in day
    assert 'type="text"' in at and 'value="31.12.2026 14:30"' in at and f'placeholder="{hint} ' in at
    assert "datetime-local" not in at and 'type="date"' not in day


@pytest.mark.parametrize("typed", ["31.12.2026 14:30", "31.12.2026 14:30:00", "2026-12-31T14:30", "2026-12-31 14:30"])
def test_the_language_format_and_iso_are_accepted(typed):
    with translation.override("ru"), timezone.override(ALMATY):
        form = Sample({"day": "2.1.2026", "at": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2026, 1, 2)
    assert form.cleaned_data["at"] == MOMENT


@pytest.mark.parametrize(
    ("lang", "day_error", "at_error"),
    [
        (
            "en",
            "Enter the date as dd.mm.yyyy (or YYYY-MM-DD), for example 31.12.2026.",
            "Enter the date and time as dd.mm.yyyy hh:mm (or ISO 8601), for example 31.12.2026 14:30.",
        ),
        ("ru", "Введите дату в формате дд.мм.гггг", "Введите дату и время в формате дд.мм.гггг чч:мм"),
        ("kk", "Күнді кк.аа.жжжж (немесе ЖЖЖЖ-АА-КК)", "Күн мен уақытты кк.аа.жжжж сс:мм (немесе ISO 8601)"),
    ],
)
def test_a_bad_date_names_the_expected_format(lang, day_error, at_error):
    with translation.override(lang):
        form = Sample({"day": "12/31/2026", "at": "31.13.2026 25:00"})
        assert not form.is_valid()
        assert form.errors["day"][0].startswith(day_error)
        assert form.errors["at"][0].startswith(at_error)


@pytest.mark.django_db
def test_a_web_form_in_russian_shows_and_parses_the_format(client, world):
    client.force_login(world.prosecutor_a1)
    html = client.get(
        "/terms/calculator/", {"rule": "detention", "start": "20.03.2026 18:30"}, HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert 'value="20.03.2026 18:30"' in html and 'placeholder="дд.мм.гггг чч:мм"' in html
    assert "22.03.2026" in html  # the end, 48 hours later, in the same format
    bad = client.get("/terms/calculator/", {"rule": "detention", "start": "03/20/2026"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert bad.status_code == 200
    assert "Введите дату и время в формате дд.мм.гггг чч:мм" in bad.content.decode()


NOW = datetime(2026, 12, 2, 12, 0, tzinfo=ALMATY)


@pytest.mark.parametrize(
    ("delta", "en", "ru", "kk"),
    [
        (timedelta(seconds=20), "just now", "только что", "дәл қазір"),
        (timedelta(minutes=-5), "5 min ago", "5 мин назад", "5 мин бұрын"),
        (timedelta(hours=3, minutes=20), "in 3 h", "через 3 ч", "3 сағ кейін"),
        (timedelta(days=-1, hours=-2), "1 day ago", "1 день назад", "1 күн бұрын"),
        (timedelta(days=2, hours=1), "in 2 days", "через 2 дня", "2 күннен кейін"),
        (timedelta(days=5), "in 5 days", "через 5 дней", "5 күннен кейін"),
    ],
)
def test_relative_times_per_language(delta, en, ru, kk):
    for lang, text in (("en", en), ("ru", ru), ("kk", kk)):
        with translation.override(lang):
            assert relative(NOW + delta, now=NOW) == text


def test_relative_days_for_a_date():
    with translation.override("en"), timezone.override(ALMATY):
        today = timezone.localdate()
        assert relative(today) == "today"
        assert relative(today + timedelta(days=3)) == "in 3 days"


def test_the_when_tag_keeps_the_exact_moment():
    moment = timezone.now() - timedelta(hours=3, minutes=1)
    with translation.override("kk"), timezone.override(ALMATY):
        html = Template("{% load lang %}{% when at %}").render(Context({"at": moment}))
        exact = timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")
    assert html.startswith(f'<time datetime="{timezone.localtime(moment, ALMATY).isoformat()}" title="{exact}">')
    assert html.endswith(">3 сағ бұрын</time>")
    assert Template("{% load lang %}{% when at %}").render(Context({"at": None})) == "—"
