"""Legal references written the way each language writes them (ecase.legal_refs, the |legal_ref filter)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from ecase.legal_refs import format_reference

CASES = [
    # stored (English, legal.md style)          en                               ru                              kk
    ("CPC 192", "CPC art. 192", "ст. 192 УПК", "ҚПК 192-бабы"),
    ("CPC Art. 192", "CPC art. 192", "ст. 192 УПК", "ҚПК 192-бабы"),
    ("CPC 35 p.1(1)", "CPC art. 35 p.1(1)", "п. 1 ч. 1 ст. 35 УПК", "ҚПК 35-бабы 1-бөлігінің 1-тармағы"),
    (
        "CPC Art. 45 p.7, Art. 50",
        "CPC art. 45 p.7, art. 50",
        "ч. 7 ст. 45, ст. 50 УПК",
        "ҚПК 45-бабының 7-бөлігі, 50-бабы",
    ),
    ("CPC Art. 38-39", "CPC arts. 38–39", "ст. 38–39 УПК", "ҚПК 38–39-баптары"),
    ("APPK Art. 76", "APPK art. 76", "ст. 76 АППК", "ӘРПК 76-бабы"),
    ("CPC 192 (C)", "CPC art. 192 (C)", "ст. 192 УПК (C)", "ҚПК 192-бабы (C)"),
    (
        "CPC Art. 131; Constitution Art. 16 p.3",
        "CPC art. 131; Constitution art. 16 p.3",
        "ст. 131 УПК; ч. 3 ст. 16 Конституции",
        "ҚПК 131-бабы; Конституцияның 16-бабының 3-бөлігі",
    ),
    # Text that is not a citation stays as it is.
    ("Product rule (C): 5 working days", "Product rule (C): 5 working days", "Product rule (C): 5 working days", None),
    ("", "", "", ""),
]


@pytest.mark.parametrize(("stored", "en", "ru", "kk"), CASES)
def test_reference_per_language(stored, en, ru, kk):
    assert format_reference(stored, "en") == en
    assert format_reference(stored, "ru") == ru
    assert format_reference(stored, "kk") == (kk if kk is not None else stored)


def test_the_active_language_is_the_default():
    with translation.override("kk"):
        assert format_reference("CPC 192") == "ҚПК 192-бабы"
    with translation.override("de"):  # a language the app does not have: English
        assert format_reference("CPC 192") == "CPC art. 192"


def test_template_filter():
    template = Template("{% load lang %}{{ basis|legal_ref }}|{{ empty|legal_ref }}")
    with translation.override("ru"):
        assert template.render(Context({"basis": "CPC 64 p.1, 202-206 (V)", "empty": None})) == (
            "ч. 1 ст. 64, ст. 202–206 УПК (V)|"
        )


@pytest.mark.django_db
def test_the_terms_calculator_writes_the_article_in_the_page_language(client, world):
    client.force_login(world.prosecutor_a1)
    query = {"rule": "decision.termination", "start": "20.03.2026 10:00"}
    assert (
        "ҚПК 35-бабы, 36-бабы, 288-бабы"
        in client.get("/terms/calculator/", query, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    )
    assert (
        "ст. 35, ст. 36, ст. 288 УПК"
        in client.get("/terms/calculator/", query, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    )
