"""ecase's own hooks into the registries, imported once from EcaseConfig.ready():

- the investigation term of every case under investigation is a deadline source (responsible: the
  investigator; escalation: the supervising office's senior prosecutor). CPC Art. 192: the investigator
  must ask for an extension in time, and the extension itself needs the prosecutor's approval, so the
  reminder comes five working days ahead;
- the notification centre's navigation entry, with the unread count as its badge;
- the admin pages of notices and notifications;
- the terms engine: the initial investigation term is recomputed when the calendar or the category's term
  changes; the configuration tables of ecase are audited (ecase.services.config).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecase import deadlines, navigation
from ecase.choices import CaseStatus, Role
from ecase.models import (
    AuditEvent,
    CalendarException,
    Case,
    InvestigationExtension,
    InvestigationTerm,
    Organisation,
    TerminationGround,
    TermRule,
    User,
)
from ecase.reminders import admin as _reminders_admin  # noqa: F401  (registers the admin pages)
from ecase.reminders.selectors import notification_unread_count
from ecase.services.config import register_config
from ecase.terms import recalculation
from ecase.terms.engine import EndMemo
from ecase.terms.selectors import investigation_term

CASE_TERM_SOURCE = "ecase.case_term"


def _case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


deadlines.register(
    deadlines.DeadlineSource(
        key=CASE_TERM_SOURCE,
        label=_("Investigation term"),
        open_items=lambda: Case.objects.filter(status=CaseStatus.INVESTIGATING),
        deadline_field="term_expires_at",  # index case_status_term (status, term_expires_at)
        responsible=lambda case: [case.investigator],
        escalation_office=lambda case: case.supervising_office,
        describe=lambda case: gettext("investigation term of case %(number)s") % {"number": case.number},
        url=_case_url,
        select_related=("investigator", "supervising_office"),
        due_soon=deadlines.Period.working_days(5),
    )
)

navigation.register(
    navigation.NavItem(
        label=_("Notifications"),
        url_name="notifications:list",
        roles=frozenset(Role.values),
        order=900,
        badge=lambda user: notification_unread_count(user=user),
    )
)


# --- the terms engine: recalculation of the investigation term, audited configuration tables -------------


def _initial_term_only(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases whose term is still the initial one, computed from registration: never extended or suspended
    (an extension sets a chosen date; a suspension shifts the term by the time suspended)."""
    changed = AuditEvent.objects.filter(
        case=OuterRef("pk"), action__in=["case.term_extended", "case.suspend", "case.resume"]
    )
    return cases.exclude(Exists(changed))


def _initial_term_end(case: Case, memo: EndMemo) -> datetime:
    term = memo.cached(("investigation", case.category), lambda: investigation_term(case.category))
    end: datetime = memo.end(term, case.registered_at)
    return end


recalculation.register(
    recalculation.Recomputable(source=CASE_TERM_SOURCE, recompute=_initial_term_end, narrow=_initial_term_only)
)


def _calendar_since(old: dict[str, Any] | None, new: dict[str, Any] | None) -> date | None:
    days = [date.fromisoformat(values["date"]) for values in (old, new) if values and values.get("date")]
    return min(days) if days else None


register_config(CalendarException, recalculates=True, since=_calendar_since)
register_config(TermRule, recalculates=True)
register_config(InvestigationTerm, recalculates=True)
register_config(InvestigationExtension)
register_config(TerminationGround)
register_config(Organisation)
register_config(
    User,
    fields=("username", "role", "organisation", "is_active", "is_staff", "is_superuser", "is_service_account"),
)
