"""Fixtures for the deadline tests: cases with a chosen investigation term, a scan helper, test sources."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ecase import deadlines
from ecase.choices import CaseCategory, CaseStatus
from ecase.deadline_sources import CASE_TERM_SOURCE
from ecase.models import Case, InvestigationTerm, Notice, User
from ecase.reminders.services import ScanResult, deadline_scan
from ecase.terms.choices import TermUnit

ALMATY = ZoneInfo("Asia/Almaty")
TERM_HOURS = 60 * 24


def almaty(*args: int) -> datetime:
    return datetime(*args, tzinfo=ALMATY)  # type: ignore[misc]


@pytest.fixture
def case_due(make_case, world) -> Callable[..., Case]:
    """case_due(deadline, investigator=...) registers a case (through the service) whose investigation term
    expires exactly at `deadline`. The scanner's tests need deadlines at chosen moments, so the category's
    term is configured in hours (data, like any term; a term in hours runs in real time and never moves) and
    the case is registered that many hours earlier. The law's two months are tested in tests/terms."""
    term = InvestigationTerm.objects.get(category=CaseCategory.PROPERTY)
    term.amount, term.unit = TERM_HOURS, TermUnit.HOURS
    term.save()

    def _make(deadline: datetime, investigator: User | None = None) -> Case:
        case = make_case(
            investigator=investigator or world.investigator_a,
            category=CaseCategory.PROPERTY,
            registered_at=deadline - timedelta(hours=TERM_HOURS),
        )
        assert case.term_expires_at == deadline
        return case

    return _make


@pytest.fixture
def scan(django_capture_on_commit_callbacks) -> Callable[..., ScanResult]:
    """scan(now=None, deliver=True): run the scan; with deliver, run its after-commit enqueue (tasks are eager
    in ordinary tests, so the notices are delivered in-process)."""

    def _scan(now: datetime | None = None, deliver: bool = True) -> ScanResult:
        with django_capture_on_commit_callbacks(execute=deliver):
            return deadline_scan(now=now)

    return _scan


def notices_of(case: Case, source: str = CASE_TERM_SOURCE) -> list[Notice]:
    return list(Notice.objects.filter(source=source, item_id=case.pk).order_by("created_at", "id"))


def stages_of(case: Case, source: str = CASE_TERM_SOURCE) -> list[str]:
    return [n.stage for n in notices_of(case, source)]


@pytest.fixture
def test_source() -> Iterator[Callable[..., deadlines.DeadlineSource]]:
    """test_source(key, qualification, due_soon=None, escalate_after=None): a temporary deadline source over
    the investigating cases of one qualification, with its own periods (None: the settings apply)."""
    keys: list[str] = []

    def _register(
        key: str,
        qualification: str,
        due_soon: deadlines.Period | None = None,
        escalate_after: deadlines.Period | None = None,
        responsible: Callable[[Case], Sequence[User]] | None = None,
    ) -> deadlines.DeadlineSource:
        source = deadlines.DeadlineSource(
            key=key,
            label="Test clock",
            open_items=lambda: Case.objects.filter(status=CaseStatus.INVESTIGATING, qualification=qualification),
            deadline_field="term_expires_at",
            responsible=responsible or (lambda case: [case.investigator]),
            escalation_office=lambda case: case.supervising_office,
            describe=lambda case: f"test clock of {case.number}",
            url=lambda case: f"/cases/{case.pk}/",
            select_related=("investigator", "supervising_office"),
            due_soon=due_soon,
            escalate_after=escalate_after,
        )
        deadlines.register(source)
        keys.append(key)
        return source

    yield _register
    for key in keys:
        deadlines.unregister(key)
