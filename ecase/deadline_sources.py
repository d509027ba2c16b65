"""ecase's own hooks into the registries, imported once from EcaseConfig.ready():

- the investigation term of every case under investigation is a deadline source (responsible: the
  investigator; escalation: the supervising office's senior prosecutor). CPC Art. 192: the investigator
  must ask for an extension in time, and the extension itself needs the prosecutor's approval, so the
  reminder comes five working days ahead;
- every running detention (CPC Art. 131: release or a court sanction within 48 hours, 72 on the exceptional
  ground): reminders 24, 6 and 1 hour before the end to the investigator, escalation to the supervising
  office's senior prosecutor as soon as the end passes;
- every notice of the right to compensation not yet handed to a rehabilitated person (CPC Art. 38);
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
from ecase.choices import CaseStatus, DetentionStatus, Role
from ecase.models import (
    AuditEvent,
    CalendarException,
    Case,
    Detention,
    InvestigationExtension,
    InvestigationTerm,
    Organisation,
    Rehabilitation,
    SuspensionGround,
    TerminationGround,
    TermRule,
    User,
)
from ecase.notifications import kinds as _notice_kinds  # noqa: F401  (registers ecase's notice events)
from ecase.notifications.selectors import notification_unread_count
from ecase.services.config import register_config
from ecase.services.detentions import detention_term
from ecase.terms import recalculation
from ecase.terms.engine import EndMemo
from ecase.terms.selectors import investigation_term

CASE_TERM_SOURCE = "ecase.case_term"
DETENTION_SOURCE = "ecase.detention"
REHABILITATION_SOURCE = "ecase.rehabilitation_notice"


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

deadlines.register(
    deadlines.DeadlineSource(
        key=DETENTION_SOURCE,
        label=_("Detention: release or court sanction"),
        open_items=lambda: Detention.objects.filter(status=DetentionStatus.RUNNING),
        deadline_field="ends_at",  # index detention_status_end (status, ends_at)
        responsible=lambda d: [d.case.investigator, d.recorded_by],
        escalation_office=lambda d: d.case.supervising_office,
        describe=lambda d: (
            gettext("detention of %(person)s in case %(number)s")
            % {"person": d.person.full_name, "number": d.case.number}
        ),
        url=lambda d: _case_url(d.case),
        select_related=("case__investigator", "case__supervising_office", "person", "recorded_by"),
        lead_times=(deadlines.Period.hours(24), deadlines.Period.hours(6), deadlines.Period.hours(1)),
        escalate_after=deadlines.Period.hours(0),
    )
)

deadlines.register(
    deadlines.DeadlineSource(
        key=REHABILITATION_SOURCE,
        label=_("Notice of the right to compensation to hand over"),
        open_items=lambda: Rehabilitation.objects.filter(handed_over_at__isnull=True, cancelled_at__isnull=True),
        deadline_field="handover_due_at",  # partial index rehab_handover_due
        responsible=lambda r: [r.case.investigator],
        escalation_office=lambda r: r.case.supervising_office,
        describe=lambda r: (
            gettext("notice of the right to compensation to %(person)s, case %(number)s")
            % {"person": r.person.full_name, "number": r.case.number}
        ),
        url=lambda r: _case_url(r.case),
        select_related=("case__investigator", "case__supervising_office", "person"),
        due_soon=deadlines.Period.working_days(1),
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


def _detention_end(detention: Detention, memo: EndMemo) -> datetime:
    term = memo.cached(("detention", detention.exceptional), lambda: detention_term(exceptional=detention.exceptional))
    return memo.end(term, detention.detained_at)


recalculation.register(recalculation.Recomputable(source=DETENTION_SOURCE, recompute=_detention_end))


def _calendar_since(old: dict[str, Any] | None, new: dict[str, Any] | None) -> date | None:
    days = [date.fromisoformat(values["date"]) for values in (old, new) if values and values.get("date")]
    return min(days) if days else None


register_config(CalendarException, recalculates=True, since=_calendar_since)
register_config(TermRule, recalculates=True)
register_config(InvestigationTerm, recalculates=True)
register_config(InvestigationExtension)
register_config(TerminationGround)
register_config(SuspensionGround)
register_config(Organisation)
register_config(
    User,
    fields=("username", "role", "organisation", "is_active", "is_staff", "is_superuser", "is_service_account"),
)
