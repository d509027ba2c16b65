"""Paging of the web lists (case list, approval lists, complaint queue, notifications).

``paginate`` gives the template context that ``templates/_pagination.html`` reads: the page and the page
links around it. (The API's paging is ``ecase.api.pagination``.)
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest


def page_numbers(page_number: int, num_pages: int) -> list[int | None]:
    """Page links around the current page, with None for a gap: 1 … 4 5 [6] 7 8 … 20."""
    shown = {1, num_pages, *range(page_number - 2, page_number + 3)}
    numbers: list[int | None] = []
    previous = 0
    for n in sorted(p for p in shown if 1 <= p <= num_pages):
        if n - previous > 1:
            numbers.append(None)
        numbers.append(n)
        previous = n
    return numbers


def paginate(request: HttpRequest, items: Any, per_page: int) -> dict[str, Any]:
    """``{"page", "page_numbers"}`` for the ``?page=`` of the request (out of range or not a number: nearest page)."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return {"page": page, "page_numbers": page_numbers(page.number, paginator.num_pages)}
