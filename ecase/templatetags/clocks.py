"""Template helpers of the detention clock: the countdown text and the running clocks a user may see."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.models import Detention, User
from ecase.selectors import detention_running_visible_to

register = template.Library()

INBOX_LIMIT = 50


def _hours_minutes(seconds: int) -> str:
    hours, rest = divmod(abs(seconds), 3600)
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": rest // 60}


@register.simple_tag
def countdown(ends_at: datetime, now: datetime | None = None) -> str:
    """ "12 h 05 min left" before the end, "overdue by 1 h 10 min" after it."""
    seconds = int((ends_at - (now or timezone.now())).total_seconds())
    if seconds >= 0:
        return _("%(time)s left") % {"time": _hours_minutes(seconds)}
    return _("overdue by %(time)s") % {"time": _hours_minutes(seconds)}


@register.simple_tag(takes_context=True)
def running_detentions(context: dict[str, Any]) -> QuerySet[Detention]:
    """The running detention clocks of the cases the current user may see, nearest end first."""
    user = context["request"].user
    if not isinstance(user, User) or not user.is_authenticated:
        return Detention.objects.none()
    return detention_running_visible_to(user=user)[:INBOX_LIMIT]
