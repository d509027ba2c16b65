import pytest

from tests.approvals.factories import DecisionMaker


@pytest.fixture
def decisions(world, make_case) -> DecisionMaker:
    """decisions.make(kind, state, case=None, **fields) -> a decision in that state, through the services."""
    return DecisionMaker(world, make_case)
