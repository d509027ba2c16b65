"""The pieces the apps share from ecase: the page links of the web lists, the timeline, the document download."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from ecase.api.utils import request_user
from ecase.documents_http import document_download_response, document_response
from ecase.models import Document
from ecase.pagination import page_numbers, paginate
from ecase.services.cases import case_document_upload


@pytest.mark.parametrize(
    ("current", "pages", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 20, [1, 2, 3, None, 20]),
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
    ],
)
def test_page_numbers_show_the_neighbours_and_the_ends_with_gaps(current, pages, expected):
    assert page_numbers(current, pages) == expected


@pytest.mark.parametrize(("asked", "shown"), [("2", 2), ("99", 3), ("abc", 1), ("", 1)])
def test_paginate_falls_back_to_the_nearest_page(asked, shown):
    paged = paginate(RequestFactory().get("/", {"page": asked}), list(range(55)), 25)
    assert paged["page"].number == shown
    assert paged["page_numbers"] == [1, 2, 3]


# --- the document download ------------------------------------------------------------------------------


def _document(world, case):
    upload = SimpleUploadedFile("Протокол.pdf", b"%PDF-1.4 protocol", content_type="application/pdf")
    return case_document_upload(case_id=case.pk, actor=world.investigator_a, upload=upload, title="Protocol")


def test_document_response_streams_the_file_as_an_attachment(world, make_case):
    document = _document(world, make_case())
    response = document_response(document)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 protocol"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_document_download_response_answers_404_for_a_document_not_among_the_given(world, make_case):
    document = _document(world, make_case())
    other = make_case()
    with pytest.raises(Http404):
        document_download_response(other.documents.all(), document.pk)
    assert document_download_response(Document.objects.filter(case=document.case), document.pk).status_code == 200


def test_a_file_lost_from_the_storage_answers_404_on_the_page_and_over_the_api(world, make_case, client, api_as):
    case = make_case()
    document = _document(world, case)
    document.file.storage.delete(document.file.name)
    with pytest.raises(Http404):
        document_response(document)
    client.force_login(world.prosecutor_a1)
    assert client.get(reverse("cases:document-download", args=[case.pk, document.pk])).status_code == 404
    api = api_as(world.prosecutor_a1).get(f"/api/v1/cases/{case.pk}/documents/{document.pk}/download/")
    assert api.status_code == 404
    assert api.json()["message"] == "The file of this document is missing from the storage."


# --- the request's user ------------------------------------------------------------------------------------


def test_request_user_is_the_authenticated_user_and_refuses_an_anonymous_one(world):
    request = RequestFactory().get("/")
    request.user = world.prosecutor_a1
    assert request_user(request) is world.prosecutor_a1
    request.user = AnonymousUser()
    with pytest.raises(AssertionError):
        request_user(request)


# --- the filter form of the web lists ----------------------------------------------------------------------


def test_the_case_list_filters_offer_date_pickers_and_not_the_api_only_number(client, world):
    client.force_login(world.investigator_a)
    html = client.get(reverse("cases:list"), {"registered_after": "02.01.2024"}).content.decode()
    assert 'aria-label="Filter cases"' in html and 'class="field filter-q"' in html
    assert '<input type="text" name="registered_after" value="02.01.2024" placeholder="dd.mm.yyyy"' in html
    assert 'name="number"' not in html
