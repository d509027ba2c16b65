"""Fixtures of the notice tests: decisions and complaints made through the services, and `committed`, which
runs the on-commit work (notices are written after the service's transaction commits; e-mail and SMS are
queued after the notices' transaction commits; tasks run eagerly in these tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest

from ecase.notifications.sms import LocmemSmsBackend
from tests.approvals.factories import DecisionMaker
from tests.complaints.conftest import _clean_cache, _kinds, complaint_in, file_complaint, form_data  # noqa: F401 (fixtures)


@pytest.fixture
def decisions(world, make_case) -> DecisionMaker:
    return DecisionMaker(world, make_case)


@pytest.fixture
def committed(django_capture_on_commit_callbacks) -> Callable[[], AbstractContextManager[None]]:
    """`with committed(): service(...)` runs what the service queued for after commit, as in production."""

    @contextmanager
    def _committed() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return _committed


@pytest.fixture(autouse=True)
def sms_outbox() -> Iterator[list[dict[str, str]]]:
    LocmemSmsBackend.outbox.clear()
    yield LocmemSmsBackend.outbox
    LocmemSmsBackend.outbox.clear()
