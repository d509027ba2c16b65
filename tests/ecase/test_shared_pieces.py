"""The pieces the apps share from ecase: the page links of the web lists, the timeline, the document download."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from ecase.pagination import page_numbers, paginate


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
