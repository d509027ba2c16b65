"""ecase's own hooks into the registries, imported once from EcaseConfig.ready():

- the investigation term of every case under investigation is a deadline source (responsible: the
  investigator; escalation: the supervising office's senior prosecutor). CPC Art. 192: the investigator
  must ask for an extension in time, and the extension itself needs the prosecutor's approval, so the
  reminder comes five working days ahead;
- the notification centre's navigation entry, with the unread count as its badge;
- the admin pages of notices and notifications.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecase import deadlines, navigation
from ecase.choices import CaseStatus, Role
from ecase.models import Case
from ecase.reminders import admin as _reminders_admin  # noqa: F401  (registers the admin pages)
from ecase.reminders.selectors import notification_unread_count

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
