"""A registry of navigation entries. Apps register their pages in AppConfig.ready(); ecase imports no app.

Each entry names a URL, the roles that see it, and optionally a badge callable (e.g. a count of pending
items) and whether it is the home page for those roles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from ecase.models import User


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    order: int = 100
    badge: Callable[[User], int] | None = field(default=None, compare=False)
    home_for: frozenset[str] = frozenset()


_items: list[NavItem] = []

# A pseudo-role for visitors who are not logged in (public pages such as filing a complaint).
ANONYMOUS = "anonymous"


def register(item: NavItem) -> None:
    if item not in _items:
        _items.append(item)
        _items.sort(key=lambda i: i.order)


def items_for(user: User) -> list[NavItem]:
    if not user.is_authenticated:
        return [i for i in _items if ANONYMOUS in i.roles]
    # Items with no roles are for superusers only (e.g. the admin); others follow the user's role.
    return [i for i in _items if user.role in i.roles or (user.is_superuser and not i.roles)]


def home_url_name_for(user: User) -> str | None:
    for item in _items:
        if user.role in item.home_for:
            return item.url_name
    return None
