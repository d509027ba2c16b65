from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from ecase import navigation as nav_registry


def navigation_items(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.user
    entries: list[dict[str, Any]] = []
    for item in nav_registry.items_for(user):  # type: ignore[arg-type]
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append(
            {
                "label": item.label,
                "url": url,
                "active": False,
                "badge": item.badge(user) if item.badge else None,  # type: ignore[arg-type]
            }
        )
    # Highlight only the entry whose URL is the longest prefix of the current path.
    matches = [e for e in entries if e["url"] != "/" and request.path.startswith(str(e["url"]))]
    if matches:
        max(matches, key=lambda e: len(str(e["url"])))["active"] = True
    return entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The role's navigation, evaluated lazily so pages that do not render it pay nothing."""
    return {"nav_items": lambda: navigation_items(request)}
