"""Fixtures of the detention clock: a case with a participant, detentions recorded through the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from ecase.choices import ParticipantRole
from ecase.models import Case, Detention, Participant
from ecase.services.cases import participant_add
from ecase.services.detentions import detention_record


@pytest.fixture
def case(make_case, world) -> Case:
    return make_case(investigator=world.investigator_a)


@pytest.fixture
def witness(case, world) -> Participant:
    return participant_add(
        case_id=case.pk, actor=world.investigator_a, role=ParticipantRole.WITNESS, full_name="Detained Daulet"
    )


@pytest.fixture
def detain(case, witness, world) -> Callable[..., Detention]:
    """detain(detained_at, **kwargs): record a detention of the witness (by default) in the case."""

    def _detain(detained_at: datetime, **kwargs: Any) -> Detention:
        defaults: dict[str, Any] = {"participant_id": witness.pk, "protocol_reference": "PR-17/2026"}
        defaults.update(kwargs)
        return detention_record(case_id=case.pk, actor=world.investigator_a, detained_at=detained_at, **defaults)

    return _detain


@pytest.fixture
def decisions(world, make_case):
    from tests.approvals.factories import DecisionMaker

    return DecisionMaker(world, make_case)
