"""The period and the scope every indicator is computed for.

A period is a range of local calendar days in Asia/Almaty (both ends included), turned into a half-open
interval of aware datetimes [start, end) for the queries. Its previous period has the same number of days
and ends the day before it starts.

A scope is a prosecutor's office, with or without its sub-offices. Indicators never filter by the user:
the view resolves the scope from the user's visibility first (stats.selectors.stats_scope_for).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.models import Organisation

MAX_PERIOD_DAYS = 3700  # about ten years: enough for any report, small enough to stay fast
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
DEFAULT_PERIOD_DAYS = 365
CURRENT, PREVIOUS = "current", "previous"
MAX_ID = 2**63 - 1  # the largest primary key the database can hold: anything larger is a 400, not a 500


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


@dataclass(frozen=True)
class Period:
    date_from: date
    date_to: date  # inclusive

    @property
    def start(self) -> datetime:
        return _local_midnight(self.date_from)

    @property
    def end(self) -> datetime:
        """The first instant after the period (local midnight after date_to)."""
        return _local_midnight(self.date_to + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> Period:
        return Period(self.date_from - timedelta(days=self.days), self.date_from - timedelta(days=1))

    def q(self, field: str) -> Q:
        """Rows whose `field` (a datetime) falls within the period."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})

    def with_previous_q(self, field: str) -> Q:
        """Rows whose `field` falls within the previous period or this one (one contiguous range)."""
        return Q(**{f"{field}__gte": self.previous().start, f"{field}__lt": self.end})

    def which(self, field: str) -> Case:
        """CURRENT for a row of this period, PREVIOUS otherwise: with ``with_previous_q``, one query groups
        by it and computes both periods in a single scan."""
        return Case(
            When(**{f"{field}__gte": self.start}, then=Value(CURRENT)),
            default=Value(PREVIOUS),
            output_field=CharField(),
        )


def today() -> date:
    return timezone.localdate()


def period_from_dates(date_from: date | None, date_to: date | None) -> Period:
    """The period for the given (optional) dates; defaults to the last 365 days up to today.

    Raises ValidationError (400) for a reversed, too long or out-of-range period.
    """
    date_to = date_to or today()
    date_from = date_from or date_to - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    errors: dict[str, str] = {}
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            errors[name] = _("Choose a date between %(a)s and %(b)s.") % {"a": EARLIEST_DATE, "b": LATEST_DATE}
    if not errors and date_from > date_to:
        errors["date_to"] = _("The end of the period is before its start.")
    if not errors and (date_to - date_from).days + 1 > MAX_PERIOD_DAYS:
        errors["date_from"] = _("The period may be at most %(days)s days long.") % {"days": MAX_PERIOD_DAYS}
    if errors:
        raise ValidationError(errors)
    return Period(date_from, date_to)


@dataclass(frozen=True)
class Scope:
    """An office and (by default) its sub-offices; ``office=None`` means every office in the country.

    ``office_ids`` are the organisations in scope, resolved once (see ``scope_of``), so each indicator
    filters on an indexed foreign key ``IN (...)`` instead of joining the organisation tree; None when the
    scope covers every organisation (the auditor of the General Prosecutor's Office), then no filter.
    """

    office: Organisation | None
    include_subtree: bool = True
    office_ids: frozenset[int] | None = None

    def q(self, office_field: str) -> Q:
        """Rows whose `office_field` (a ForeignKey to Organisation) lies within the scope."""
        if self.office_ids is None:
            return Q()
        return Q(**{f"{office_field}__in": sorted(self.office_ids)})

    @property
    def label(self) -> str:
        if self.office is None:
            return _("All offices")
        if self.include_subtree:
            return _("%(office)s and its sub-offices") % {"office": self.office.name}
        return self.office.name


def scope_of(office: Organisation | None, *, include_subtree: bool = True) -> Scope:
    """The scope of an office (and its subtree), with the organisations in it resolved in one query."""
    if office is None:
        return Scope(office=None, include_subtree=True, office_ids=None)
    if not include_subtree:
        return Scope(office=office, include_subtree=False, office_ids=frozenset({office.pk}))
    paths = dict(Organisation.objects.values_list("pk", "path"))
    inside = frozenset(pk for pk, path in paths.items() if path.startswith(office.path))
    return Scope(office=office, include_subtree=True, office_ids=None if len(inside) == len(paths) else inside)
