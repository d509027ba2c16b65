"""Template helpers of the approval inbox: {% load approvals_inbox %}{% time_left decision.due_at %} renders
"4 h left" / "overdue by 8 h" (translated) in a <time> whose datetime and title give the exact deadline."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


def time_left_text(deadline: datetime, now: datetime | None = None) -> tuple[str, bool]:
    """("4 h left" | "overdue by 8 h", overdue): minutes under an hour, hours under two days, then days."""
    now = now or timezone.now()
    seconds = int((deadline - now).total_seconds())
    overdue = seconds < 0
    seconds = abs(seconds)
    if seconds < 3600:
        n = max(1, seconds // 60)
        text = _("overdue by %(n)s min") if overdue else _("%(n)s min left")
    elif seconds < 48 * 3600:
        n = seconds // 3600
        text = _("overdue by %(n)s h") if overdue else _("%(n)s h left")
    else:
        n = seconds // 86400
        text = _("overdue by %(n)s d") if overdue else _("%(n)s d left")
    return text % {"n": n}, overdue


@register.simple_tag
def time_left(deadline: datetime | None) -> SafeString | str:
    if deadline is None:
        return ""
    text, overdue = time_left_text(deadline)
    local = timezone.localtime(deadline, timezone.get_default_timezone())
    exact = _("Deadline: %(moment)s") % {"moment": local.strftime("%d.%m.%Y %H:%M")}
    return format_html(
        '<time class="time-left{}" datetime="{}" title="{}">{}</time>',
        " time-overdue" if overdue else "",
        deadline.isoformat(),
        exact,
        text,
    )
