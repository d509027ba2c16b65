"""Scopes of a service account, and which scope each API request needs.

The table is checked on every request of a service account (in its authentication, so no view can forget
it): a request no row matches is refused. A person's session or personal token has no scopes: only the role.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Read cases")
    CASES_WRITE = "cases:write", _("Register and update cases")
    DECISIONS_READ = "decisions:read", _("Read decisions")
    DECISIONS_WRITE = "decisions:write", _("Draft, submit and approve decisions")
    COURT_RECORD = "court:record", _("Record court outcomes")
    COMPLAINTS_READ = "complaints:read", _("Read complaints")
    COMPLAINTS_WRITE = "complaints:write", _("File and handle complaints")
    STATS_READ = "stats:read", _("Read statistics")
    EVENTS_READ = "events:read", _("Read the change feed")
    WEBHOOKS = "webhooks:manage", _("Receive events by webhook")


_READ = frozenset({"GET", "HEAD", "OPTIONS"})
_ANY = frozenset({"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"})
_WRITE = _ANY - _READ

# (path under /api/v1/, methods, scope). The first matching row decides.
RULES: list[tuple[re.Pattern[str], frozenset[str], Scope]] = [
    (re.compile(r"^decisions/\d+/court-outcome/$"), _WRITE, Scope.COURT_RECORD),
    (re.compile(r"^reference/(termination-grounds|suspension-grounds|decision-kinds)/"), _READ, Scope.DECISIONS_READ),
    (re.compile(r"^reference/(complaint-kinds|public-offices)/"), _READ, Scope.COMPLAINTS_READ),
    (re.compile(r"^(organisations|cases|terms|reference)/"), _READ, Scope.CASES_READ),
    (re.compile(r"^terms/"), _ANY, Scope.CASES_READ),  # calculations read, they write nothing
    (re.compile(r"^cases/"), _WRITE, Scope.CASES_WRITE),
    (re.compile(r"^(decisions|decision-kinds)/"), _READ, Scope.DECISIONS_READ),
    (re.compile(r"^decisions/"), _WRITE, Scope.DECISIONS_WRITE),
    (re.compile(r"^complaints/"), _READ, Scope.COMPLAINTS_READ),
    (re.compile(r"^(complaints|public/complaints)/"), _ANY, Scope.COMPLAINTS_WRITE),
    (re.compile(r"^stats/"), _READ, Scope.STATS_READ),
    (re.compile(r"^legality/(rules|findings)/"), _READ, Scope.CASES_READ),  # findings: what the change feed names
    (re.compile(r"^events/"), _READ, Scope.EVENTS_READ),
    (re.compile(r"^webhooks/"), _ANY, Scope.WEBHOOKS),
]

API_PREFIX = "/api/v1/"


def scope_required(*, path: str, method: str) -> Scope | None:
    """The scope a request needs, or None when no service account may make it at all."""
    if not path.startswith(API_PREFIX):
        return None
    rest = path[len(API_PREFIX) :]
    for pattern, methods, scope in RULES:
        if method.upper() in methods and pattern.match(rest):
            return scope
    return None


# Which scope lets a service account see an event of the change feed, by the app of the object it concerns.
FEED_SCOPE_BY_APP = {"approvals": Scope.DECISIONS_READ, "complaints": Scope.COMPLAINTS_READ}
FEED_DEFAULT_SCOPE = Scope.CASES_READ
