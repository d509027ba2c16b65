"""Notifications to the supervising prosecutors of new violations: two queries for a whole batch."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ecase.choices import Role
from ecase.models import Notification, NotificationLevel, User

from .registry import rule_get


def notify_new_violations(*, findings: list[Any], cases: dict[int, Any]) -> None:
    offices = {cases[f.case_id].supervising_office_id for f in findings}
    prosecutors: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        is_active=True, role__in=[Role.PROSECUTOR, Role.SENIOR_PROSECUTOR], organisation_id__in=offices
    ):
        prosecutors[user.organisation_id].append(user)  # type: ignore[index]
    rows = []
    for finding in findings:
        case = cases[finding.case_id]
        rule = rule_get(finding.rule)
        title = _("Legality check: %(rule)s in case %(number)s") % {
            "rule": rule.title if rule else finding.rule,
            "number": case.number,
        }
        body = rule.article if rule else ""
        url = reverse("cases:detail", args=[case.pk]) + "#legality"
        for user in prosecutors.get(case.supervising_office_id, []):
            rows.append(Notification(user=user, title=title[:255], body=body, url=url, level=NotificationLevel.URGENT))
    Notification.objects.bulk_create(rows)
