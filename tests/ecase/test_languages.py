"""Names of organisations, grounds and complaint kinds per language (django-modeltranslation)."""

from __future__ import annotations

import pytest
from django.apps import apps as live_apps
from django.utils import translation
from rest_framework.test import APIClient

from complaints.kinds import fill_kind_names
from complaints.models import ComplaintKind
from ecase.choices import Role
from ecase.models import Organisation, SuspensionGround, TerminationGround
from ecase.reference_names import fill_names
from ecase.seed.world import seed_organisations
from tests.factories import UserFactory

MEDEU = {
    "en": "Prosecutor's Office of Medeu district of Almaty",
    "ru": "Прокуратура Медеуского района города Алматы",
    "kk": "Алматы қаласы Медеу ауданының прокуратурасы",
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Organisation]:
    return seed_organisations()


def test_the_demo_tree_has_every_name_in_three_languages(tree):
    assert Organisation.objects.count() == len(tree) > 40
    for lang in ("en", "ru", "kk"):
        assert not Organisation.objects.filter(**{f"name_{lang}__isnull": True}).exists()
    medeu = Organisation.objects.get(code="ala-medeu")
    for lang, name in MEDEU.items():
        with translation.override(lang):
            assert medeu.name == name
    assert Organisation.objects.get(code="gp").name_kk == "Қазақстан Республикасының Бас прокуратурасы"


def test_seeding_again_changes_nothing(tree, django_assert_max_num_queries):
    # Every organisation is read and found up to date: no UPDATE.
    with django_assert_max_num_queries(len(tree) + 2):
        seed_organisations()


def test_reference_rows_have_russian_and_kazakh_titles():
    ground = TerminationGround.objects.get(code="35-1-1")
    with translation.override("ru"):
        assert ground.title == "Отсутствие события уголовного правонарушения"
        assert str(ground) == "п. 1 ч. 1 ст. 35 УПК: Отсутствие события уголовного правонарушения"
    with translation.override("kk"):
        assert SuspensionGround.objects.get(code="45-7-6").title.startswith("Еңсерілмейтін күш")
        assert ComplaintKind.objects.get(code="other").title == "Өзге өтініш"
    with translation.override("en"):
        assert ground.title == "No event of a criminal offence"


def test_fill_keeps_an_administrators_edit_and_fills_only_empty_columns():
    # A row as migration 0022 leaves it: the original column only.
    TerminationGround.objects.filter(code="35-1-4").update(title_en=None, title_ru="Давность (правка)", title_kk=None)
    fill_names(live_apps, None)
    ground = TerminationGround.objects.get(code="35-1-4")
    assert (ground.title_en, ground.title_ru, ground.title_kk) == (
        "Limitation period expired",
        "Давность (правка)",
        "Ескіру мерзімінің өтуі",
    )
    ComplaintKind.objects.filter(code="probation").update(title_en=None, title_ru=None, rights_notice_kk=None)
    fill_kind_names(live_apps, None)
    kind = ComplaintKind.objects.get(code="probation")
    assert (kind.title_en, kind.title_ru) == ("Probation", "Пробация")
    assert kind.rights_notice_kk.startswith("Бұл жауапқа")


def test_an_office_created_in_russian_shows_in_english_too():
    with translation.override("ru"):
        office = Organisation.objects.create(code="ru-only", name="Прокуратура города Конаева", kind="regional_office")
    with translation.override("en"):
        assert Organisation.objects.get(pk=office.pk).name == "Прокуратура города Конаева"  # the fallback


def test_complaint_form_in_kazakh_shows_kazakh_office_names(client, tree):
    html = client.get("/complaints/file/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert f">{MEDEU['kk']}</option>" in html
    assert '<optgroup label="Алматы қаласының прокуратурасы">' in html
    assert f">{MEDEU['en']}</option>" not in html


def test_api_gives_the_name_in_the_request_language(tree):
    client = APIClient()
    client.force_authenticate(UserFactory(role=Role.CITIZEN))
    medeu = tree["ala-medeu"]
    url = f"/api/v1/organisations/{medeu.pk}/"
    ru = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert ru.status_code == 200
    assert ru.json()["name"] == MEDEU["ru"]
    assert set(ru.json()) == {"id", "code", "name", "kind", "parent", "path"}  # the fields stay as they were
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="kk").json()["name"] == MEDEU["kk"]
    assert client.get(url).json()["name"] == MEDEU["en"]
    found = client.get("/api/v1/organisations/", {"search": "Медеуского"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert {row["code"] for row in found["results"]} == {"ala-medeu", "ala-medeu-pd"}
