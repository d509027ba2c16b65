"""Terms: working days over Kazakh public holidays and the exceptions table, the kinds table as data,
the explanation term, and the one extension."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.choices import TermUnit
from complaints.kinds import DEFAULT_KINDS
from complaints.models import ComplaintKind
from complaints.selectors import complaint_overdue
from ecase.models import CalendarException
from ecase.terms.workdays import end_of_day

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")


def at(y, m, d, hh=14, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=ALMATY)


def local_day(dt):
    return timezone.localtime(dt).date()


def file_at(moment, file_complaint, **fields):
    with time_machine.travel(moment, tick=False):
        complaint, _key = file_complaint(**fields)
    return complaint


def test_kinds_table_is_seeded_with_terms_and_basis():
    kinds = {k.code: k for k in ComplaintKind.objects.all()}
    assert set(kinds) >= {spec.code for spec in DEFAULT_KINDS}
    general = kinds["general"]
    assert (general.term_value, general.term_unit, general.legal_basis) == (15, TermUnit.WORKING_DAYS, "APPK Art. 76")
    assert (general.extension_limit_value, general.extension_limit_unit) == (2, TermUnit.MONTHS)
    procedural = kinds["procedural"]
    assert (procedural.term_value, procedural.term_unit, procedural.basis_verified) == (3, "calendar_days", False)
    assert (procedural.extension_limit_value, procedural.extension_limit_unit) == (10, TermUnit.CALENDAR_DAYS)
    for code in ("probation", "penitentiary", "other"):
        assert (kinds[code].term_value, kinds[code].term_unit) == (15, TermUnit.WORKING_DAYS)
    assert all(k.explanation_term_working_days == 5 and k.forwarding_term_working_days == 3 for k in kinds.values())


def test_general_complaint_filed_just_before_nauryz(file_complaint):
    # Friday 20 March 2026; Nauryz 21-23 March, the weekend days moved to Tue 24 and Wed 25: the first working
    # day is Thursday 26. 15 working days: 26, 27 | 30, 31, 1, 2, 3 | 6-10 | 13, 14, 15 -> Wednesday 15 April.
    complaint = file_at(at(2026, 3, 20), file_complaint)
    assert complaint.due_at == end_of_day(date(2026, 4, 15))
    assert timezone.localtime(complaint.due_at).strftime("%H:%M") == "23:59"
    # Forwarding within 3 working days: 26, 27, 30 March.
    assert local_day(complaint.forward_due_at) == date(2026, 3, 30)


def test_general_complaint_filed_just_before_new_year(file_complaint):
    # Wednesday 30 Dec 2026: Thu 31 Dec (1); 1-2 Jan holidays, 2 Jan (Sat) moved to Mon 4 Jan; Tue 5 (2),
    # Wed 6 (3), Thu 7 Jan Orthodox Christmas (not moved), Fri 8 (4), 11-15 (9), 18-22 (14), Mon 25 Jan (15).
    complaint = file_at(at(2026, 12, 30), file_complaint)
    assert complaint.due_at == end_of_day(date(2027, 1, 25))


def test_procedural_complaint_ending_on_a_holiday_moves_to_the_next_working_day(file_complaint):
    # 3 days from Wed 30 Dec 2026 end on Sat 2 Jan 2027, a holiday (and 4 Jan is its transferred day off):
    # the term ends on Tuesday 5 January.
    complaint = file_at(at(2026, 12, 30), file_complaint, kind="procedural")
    assert complaint.due_at == end_of_day(date(2027, 1, 5))
    # An ordinary week: Monday 1 Feb 2027 + 3 days = Thursday 4 Feb.
    complaint = file_at(at(2027, 2, 1), file_complaint, kind="procedural")
    assert complaint.due_at == end_of_day(date(2027, 2, 4))


def test_transferred_day_off_and_working_saturday_from_the_exceptions_table(file_complaint):
    # February 2027 has no public holidays. From Monday 1 Feb, 15 working days end on Monday 22 Feb.
    assert file_at(at(2027, 2, 1), file_complaint).due_at == end_of_day(date(2027, 2, 22))
    CalendarException.objects.create(date=date(2027, 2, 10), kind=CalendarException.Kind.DAY_OFF, note="decree")
    assert file_at(at(2027, 2, 1), file_complaint).due_at == end_of_day(date(2027, 2, 23))
    CalendarException.objects.create(date=date(2027, 2, 13), kind=CalendarException.Kind.WORKING_DAY, note="decree")
    assert file_at(at(2027, 2, 1), file_complaint).due_at == end_of_day(date(2027, 2, 22))


def test_changing_the_term_in_the_kinds_table_changes_due_at(file_complaint):
    assert file_at(at(2027, 2, 1), file_complaint).due_at == end_of_day(date(2027, 2, 22))
    ComplaintKind.objects.filter(code="general").update(term_value=10)
    assert file_at(at(2027, 2, 1), file_complaint).due_at == end_of_day(date(2027, 2, 15))
    ComplaintKind.objects.filter(code="procedural").update(term_value=5, term_unit=TermUnit.WORKING_DAYS)
    assert file_at(at(2027, 2, 1), file_complaint, kind="procedural").due_at == end_of_day(date(2027, 2, 8))


def test_registration_with_another_kind_recomputes_the_term_from_receipt(world, file_complaint):
    complaint = file_at(at(2027, 2, 1), file_complaint, kind="general")
    with time_machine.travel(at(2027, 2, 2), tick=False):
        services.complaint_register(
            complaint_id=complaint.pk,
            actor=world.prosecutor_a1,
            office_id=world.dist_a1.pk,
            executor_id=world.prosecutor_a1.pk,
            kind="procedural",
        )
    complaint.refresh_from_db()
    assert complaint.kind_id == "procedural"
    assert complaint.due_at == complaint.initial_due_at == end_of_day(date(2027, 2, 4))


def test_explanation_term_counts_working_days_from_the_proposal_and_is_configurable(world, complaint_in):
    complaint = complaint_in(S.IN_REVIEW)
    with time_machine.travel(at(2027, 2, 5, 10), tick=False):  # Friday
        services.complaint_propose_refusal(complaint_id=complaint.pk, actor=world.prosecutor_a1, answer="No.")
    complaint.refresh_from_db()
    assert complaint.explanation_due_at == end_of_day(date(2027, 2, 12))  # 8-12 Feb
    other = complaint_in(S.IN_REVIEW)
    ComplaintKind.objects.filter(code="general").update(explanation_term_working_days=2)
    with time_machine.travel(at(2027, 2, 5, 10), tick=False):
        services.complaint_propose_refusal(complaint_id=other.pk, actor=world.prosecutor_a1, answer="No.")
    other.refresh_from_db()
    assert other.explanation_due_at == end_of_day(date(2027, 2, 9))


def test_one_extension_with_a_reason_up_to_two_months_from_receipt(world, file_complaint):
    complaint = file_at(at(2027, 2, 1), file_complaint)
    limit = end_of_day(date(2027, 4, 1))  # 2 months from 1 Feb: 1 April (a Thursday)
    with pytest.raises(ValidationError) as err:
        services.complaint_extend(
            complaint_id=complaint.pk, actor=world.senior_a1, until=limit + timedelta(days=1), reason="Materials."
        )
    assert "until" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.complaint_extend(complaint_id=complaint.pk, actor=world.senior_a1, until=date(2027, 3, 1), reason=" ")
    assert "reason" in err.value.message_dict
    with pytest.raises(ValidationError):  # not later than the current term
        services.complaint_extend(complaint_id=complaint.pk, actor=world.senior_a1, until=date(2027, 2, 20), reason="x")
    services.complaint_extend(complaint_id=complaint.pk, actor=world.senior_a1, until=date(2027, 4, 1), reason="Exam.")
    complaint.refresh_from_db()
    assert complaint.due_at == complaint.extended_until == limit
    assert complaint.initial_due_at == end_of_day(date(2027, 2, 22))
    assert complaint.extension_reason == "Exam." and complaint.extended_by == world.senior_a1


def test_procedural_extension_limit_is_ten_days(world, file_complaint):
    complaint = file_at(at(2027, 2, 1), file_complaint, kind="procedural")
    with pytest.raises(ValidationError):
        services.complaint_extend(complaint_id=complaint.pk, actor=world.senior_a1, until=date(2027, 2, 12), reason="x")
    services.complaint_extend(complaint_id=complaint.pk, actor=world.senior_a1, until=date(2027, 2, 11), reason="x")


def test_overdue_is_queryable(world, file_complaint, complaint_in):
    late = file_at(at(2027, 2, 1), file_complaint)
    in_time = file_at(at(2027, 2, 20), file_complaint)
    answered = complaint_in(S.SATISFIED)
    with time_machine.travel(at(2027, 2, 24), tick=False):
        overdue = set(complaint_overdue().values_list("pk", flat=True))
    assert late.pk in overdue
    assert in_time.pk not in overdue
    assert answered.pk not in overdue
