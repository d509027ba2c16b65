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


@register.simple_tag
def countdown(ends_at: datetime, now: datetime | None = None) -> str:
    """ "12 h 05 min left" before the end, "overdue by 1 h 10 min" after it."""
    seconds = int((ends_at - (now or timezone.now())).total_seconds())
    hours, rest = divmod(abs(seconds), 3600)
    # The same texts as the data-left / data-overdue attributes static/js/countdown.js fills in.
    text = _("{h} h {m} min left") if seconds >= 0 else _("overdue by {h} h {m} min")
    return text.format(h=hours, m=f"{rest // 60:02d}")


@register.simple_tag(takes_context=True)
def running_detentions(context: dict[str, Any]) -> QuerySet[Detention]:
    """The running detention clocks of the cases the current user may see, nearest end first."""
    user = context["request"].user
    if not isinstance(user, User) or not user.is_authenticated:
        return Detention.objects.none()
    return detention_running_visible_to(user=user)[:INBOX_LIMIT]
