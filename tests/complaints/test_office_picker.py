"""The citizen's office picker: offices grouped by region, names in the page's language, searchable."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from complaints.forms import ComplaintFileForm
from complaints.models import Complaint
from ecase.models import Organisation
from ecase.seed.world import seed_organisations

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    assert not Organisation.objects.exists()
    return seed_organisations()  # the demo tree: 18 prosecutor's offices, 4 of them regional


def groups(html: str) -> dict[str, list[str]]:
    found = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, flags=re.S)
    return {label: re.findall(r">([^<]+)</option>", body) for label, body in found}


def test_offices_are_grouped_by_region_regional_office_first(tree):
    with translation.override("ru"):
        html = str(ComplaintFileForm()["office"])
    by_region = groups(html)
    assert list(by_region) == sorted(by_region)  # the regions by name
    assert len(by_region) == 4 and sum(map(len, by_region.values())) == 17
    almaty = by_region["Прокуратура города Алматы"]
    assert almaty[0] == "Прокуратура города Алматы"
    assert almaty[1:] == sorted(almaty[1:]) and "Прокуратура Медеуского района города Алматы" in almaty
    # The General Prosecutor's Office stands alone, after the empty choice; no police or court is offered.
    head = html[: html.index("<optgroup")]
    assert "Генеральная прокуратура Республики Казахстан" in head
    assert "полиции" not in html and "суд" not in html.replace("data-search", "")


def test_options_carry_every_language_for_the_search(tree):
    medeu = tree["ala-medeu"]
    with translation.override("kk"):
        html = str(ComplaintFileForm()["office"])
    option = re.search(rf'<option value="{medeu.pk}"[^>]*>', html)
    assert option is not None
    for name in ("Medeu district", "Медеуского района", "Медеу ауданының", "Алматы қаласының прокуратурасы"):
        assert name in option.group(0)
    # The search box's texts, for static/js/office_picker.js, in the page's language.
    assert 'data-search-label="Өз прокуратураңызды табыңыз"' in html


def test_filing_with_a_grouped_office_still_validates_the_choice(client, tree, form_data):
    medeu = tree["ala-medeu"]
    response = client.post("/complaints/file/", {**form_data, "office": str(medeu.pk)}, HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 302
    assert Complaint.objects.get().office == medeu
    police = tree["ala-medeu-pd"]  # not an office a complaint is filed with
    assert client.post("/complaints/file/", {**form_data, "office": str(police.pk)}).status_code == 400


def test_the_form_page_renders_the_picker_in_few_queries(client, tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get("/complaints/file/")
    html = page.content.decode()
    assert "data-office-picker" in html and "/static/js/office_picker.js" in html
    assert "<script>" not in html  # no inline script (strict CSP)
