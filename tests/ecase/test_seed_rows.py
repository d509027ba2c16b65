"""The bulk seeders' row writer (`ecase.seed.rows`): COPY with ids drawn from the sequence on PostgreSQL,
bulk_create on SQLite; UPDATE ... FROM (VALUES ...); and audit events chained exactly as audit_record
chains them. Runs on both backends (each takes its own path)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone

from ecase.audit.crypto import event_mac
from ecase.audit.services import ChainBreak, audit_record, audit_verify_chain
from ecase.choices import CaseStatus, ParticipantRole
from ecase.models import AuditEvent, Case, Participant, Person
from ecase.seed.rows import AuditChain, insert_dicts, insert_rows, update_rows

pytestmark = pytest.mark.django_db


def test_insert_rows_returns_the_new_ids_in_row_order_and_fills_omitted_columns():
    ids = insert_rows(
        Person, ("full_name", "iin"), [("Aliya Omarova", None), ("Serik Bekov", None), ("Dana Sadykova", None)]
    )
    assert len(ids) == 3 and ids == sorted(ids) and len(set(ids)) == 3
    people = Person.objects.in_bulk(ids)
    assert [people[pk].full_name for pk in ids] == ["Aliya Omarova", "Serik Bekov", "Dana Sadykova"]
    assert all(p.phone == "" and p.address == "" and p.birth_date is None for p in people.values())
    # Ids drawn beforehand never collide with rows the ORM adds afterwards.
    assert Person.objects.create(full_name="Timur Ismailov").pk > ids[-1]
    assert insert_rows(Person, ("full_name",), [("Arman Abenov",)], return_ids=False) == []
    assert Person.objects.filter(full_name="Arman Abenov").exists()
    with pytest.raises(ValueError, match="no columns"):
        insert_rows(Person, ("full_name", "nickname"), [("A", "B")])


def test_insert_dicts_gives_a_missing_key_the_field_default(world, make_case):
    case = make_case()
    person_ids = insert_rows(Person, ("full_name",), [("Aliya Omarova",), ("Serik Bekov",)])
    added_at = timezone.now() - timedelta(days=1)
    common = {"case_id": case.pk, "added_at": added_at, "added_by_id": world.investigator_a.pk}
    ids = insert_dicts(
        Participant,
        [
            {**common, "person_id": person_ids[0], "role": ParticipantRole.SUSPECT, "qualification": "188 p.2"},
            {**common, "person_id": person_ids[1], "role": ParticipantRole.WITNESS},
        ],
    )
    suspect, witness = (Participant.objects.get(pk=pk) for pk in ids)
    assert (suspect.role, suspect.qualification, suspect.added_at) == (ParticipantRole.SUSPECT, "188 p.2", added_at)
    assert (witness.role, witness.qualification) == (ParticipantRole.WITNESS, "")


def test_update_rows_sets_the_given_columns_of_the_given_rows_only(make_case):
    first, second, untouched = (make_case() for _ in range(3))
    decided = timezone.now() - timedelta(hours=3)
    longer = first.term_expires_at + timedelta(days=30)
    count = update_rows(
        Case,
        ("status", "status_changed_at", "suspended_at", "term_expires_at"),
        [
            (first.pk, CaseStatus.SUSPENDED, decided, decided, longer),
            (second.pk, CaseStatus.SENT_TO_COURT, decided, None, second.term_expires_at),
        ],
    )
    assert count == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.status_changed_at, first.suspended_at) == (CaseStatus.SUSPENDED, decided, decided)
    assert first.term_expires_at == longer
    assert (second.status, second.suspended_at) == (CaseStatus.SENT_TO_COURT, None)
    before = (untouched.status, untouched.status_changed_at, untouched.term_expires_at)
    untouched.refresh_from_db()
    assert (untouched.status, untouched.status_changed_at, untouched.term_expires_at) == before
    assert update_rows(Case, ("status",), []) == 0


def test_bulk_events_chain_between_events_written_by_audit_record(world, make_case):
    case = make_case()  # its case.registered event comes from audit_record
    last_seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    almaty = datetime(2026, 3, 2, 15, 30, 0, 123456, tzinfo=ZoneInfo("Asia/Almaty"))
    with transaction.atomic():
        chain = AuditChain()
        chain.add(
            occurred_at=almaty,
            actor=world.investigator_a,
            action="decision.submitted",
            object_type="approvals.proceduraldecision",
            object_id=42,
            case_id=case.pk,
            from_state="draft",
            to_state="pending",
            data={"kind": "termination", "decision": 42, "nested": {"ok": True, "n": [1, 2]}},
        )
        chain.add(
            occurred_at=almaty + timedelta(days=2),
            actor=None,
            action="decision.rejected",
            object_type="approvals.proceduraldecision",
            object_id="42",
            case_id=case.pk,
            reason="Решение не обосновано (the decision is unfounded).",
            data={},
        )
        assert chain.write() == 2
    with transaction.atomic():
        audit_record(action="case.viewed", obj=case, actor=world.prosecutor_a1, case=case)

    events = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq"))
    assert [e.seq for e in events] == [last_seq + 1, last_seq + 2, last_seq + 3]
    assert {e.key_id for e in events} == {"test1"} and all(e.position is None for e in events)
    submitted, rejected, _viewed = events
    assert submitted.occurred_at == almaty and submitted.occurred_at.tzinfo == UTC
    assert submitted.actor_name == (world.investigator_a.get_full_name() or world.investigator_a.username)
    assert submitted.data["nested"] == {"ok": True, "n": [1, 2]}
    assert (rejected.actor_id, rejected.actor_name, rejected.object_id) == (None, "system", "42")
    assert all(event_mac(b"test-audit-chain-key", e.content()) == e.mac for e in events)
    assert not any(isinstance(step, ChainBreak) for step in audit_verify_chain())
    assert all(e.position is not None for e in AuditEvent.objects.all())
