"""Complaint fixtures: the kinds table, a clean rate-limit cache, and complaints in any state, made
through the services (file -> register -> answer ...)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.choices import ExplanationForm
from complaints.models import Complaint
from ecase.models import AuditEvent, Document
from ecase.validators import make_iin

IIN = make_iin(date(1985, 6, 15), 1234)
IIN2 = make_iin(date(1992, 2, 29), 4321, male=False)


@pytest.fixture(autouse=True)
def _kinds(db):
    # Browser (transactional) tests flush the tables the data migration filled; put the kinds back.
    services.kinds_ensure()


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def file_complaint(world):
    """file_complaint(actor=None, **fields) -> (complaint, access_key), addressed to district office A1."""

    def _file(actor=None, **fields):
        data = {
            "kind": "general",
            "text": "The investigator does not answer my petitions.",
            "complainant_name": "Aigerim Sultanova",
            "complainant_iin": IIN,
            "complainant_email": "aigerim@example.kz",
            "office_id": world.dist_a1.pk,
        }
        data.update(fields)
        return services.complaint_file(actor=actor, **data)

    return _file


@pytest.fixture
def complaint_in(world, file_complaint):
    """complaint_in(state, actor=world.citizen) -> a complaint of district office A1 in that state, with
    prosecutor_a1 as executor."""

    def _make(state: str, actor=None, **fields) -> Complaint:
        complaint, _key = file_complaint(actor=actor if actor is not None else world.citizen, **fields)
        if state == S.SUBMITTED:
            return complaint
        services.complaint_register(
            complaint_id=complaint.pk,
            actor=world.prosecutor_a1,
            office_id=world.dist_a1.pk,
            executor_id=world.prosecutor_a1.pk,
        )
        pk = complaint.pk
        p = world.prosecutor_a1
        if state == S.SATISFIED:
            services.complaint_satisfy(complaint_id=pk, actor=p, answer="Your petition has been granted.")
        elif state == S.PARTIALLY_SATISFIED:
            services.complaint_partially_satisfy(complaint_id=pk, actor=p, answer="Granted in part.")
        elif state == S.FORWARDED:
            services.complaint_forward(complaint_id=pk, actor=p, body="Ministry of Labour")
        elif state in (S.REFUSAL_PENDING_EXPLANATION, S.REFUSED):
            services.complaint_propose_refusal(complaint_id=pk, actor=p, answer="The decision was lawful.")
            if state == S.REFUSED:
                services.complaint_record_explanation(
                    complaint_id=pk,
                    actor=world.senior_a1,
                    held_at=timezone.now() - timedelta(minutes=1),
                    form=ExplanationForm.PHONE,
                    participants="Senior prosecutor; the complainant",
                    summary="Explained why the decision was lawful.",
                )
        return Complaint.objects.get(pk=pk)

    return _make


@pytest.fixture
def one_window():
    """The limiter counts in fixed one-minute windows: hold the clock in the middle of one, so a slow machine
    cannot spread a test's requests over two windows (which would reset the count half-way)."""
    middle = (time.time() // 60) * 60 + 30
    with time_machine.travel(datetime.fromtimestamp(middle, tz=UTC), tick=False):
        yield


@pytest.fixture
def form_data(world):
    return {
        "kind": "general",
        "office": str(world.dist_a1.pk),
        "case_number": "",
        "complainant_name": "Aigerim Sultanova",
        "complainant_iin": IIN,
        "complainant_email": "aigerim@example.kz",
        "text": "The investigator does not answer my petitions.",
        "website": "",
    }


def counts():
    return Complaint.objects.count(), Document.objects.count(), AuditEvent.objects.count()


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client
