"""Language helpers for templates: legal references per language, relative times with the exact moment.

{% load lang %}
{{ spec.legal_basis|legal_ref }}          "ст. 192 УПК" in Russian (ecase.legal_refs)
{{ complaint.due_at|reltime }}            "in 2 days", "3 h ago"
{% when complaint.due_at %}               <time datetime="…" title="02.12.2026 14:30">in 2 days</time>
{% when complaint.due_at "date" %}        the same with the exact date only, for day-based terms
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from ecase.legal_refs import format_reference

register = template.Library()

MINUTE, HOUR, DAY = 60, 3600, 86400


@register.filter
def legal_ref(value: object) -> str:
    return format_reference(str(value)) if value else ""


def relative(moment: datetime | date, now: datetime | None = None) -> str:
    """ "just now", "5 min ago", "in 3 h", "2 days ago", "in 1 day": the largest whole unit."""
    now = now or timezone.now()
    if not isinstance(moment, datetime):  # a day: compare calendar days in the local time zone
        days = (moment - timezone.localdate(now)).days
        if days == 0:
            return gettext("today")
        n = abs(days)
        if days > 0:
            return ngettext("in %(n)d day", "in %(n)d days", n) % {"n": n}
        return ngettext("%(n)d day ago", "%(n)d days ago", n) % {"n": n}
    seconds = int((moment - now).total_seconds())
    n = abs(seconds)
    future = seconds > 0
    if n < MINUTE:
        return gettext("just now")
    if n < HOUR:
        n //= MINUTE
        return (gettext("in %(n)d min") if future else gettext("%(n)d min ago")) % {"n": n}
    if n < DAY:
        n //= HOUR
        return (gettext("in %(n)d h") if future else gettext("%(n)d h ago")) % {"n": n}
    n //= DAY
    if future:
        return ngettext("in %(n)d day", "in %(n)d days", n) % {"n": n}
    return ngettext("%(n)d day ago", "%(n)d days ago", n) % {"n": n}


@register.filter
def reltime(value: datetime | date | None) -> str:
    return relative(value) if value else ""


@register.simple_tag
def when(value: datetime | date | None, precision: str = "datetime") -> SafeString | str:
    """The relative time in a <time> element whose datetime attribute and title give the exact moment."""
    if not value:
        return "—"
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        exact_format = "SHORT_DATE_FORMAT" if precision == "date" else "SHORT_DATETIME_FORMAT"
        exact = formats.date_format(local, exact_format)
        return format_html('<time datetime="{}" title="{}">{}</time>', local.isoformat(), exact, relative(value))
    exact = formats.date_format(value, "SHORT_DATE_FORMAT")
    return format_html('<time datetime="{}" title="{}">{}</time>', value.isoformat(), exact, relative(value))
