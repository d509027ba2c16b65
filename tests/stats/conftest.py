import pytest

from tests.stats.builders import NOW, at, build


@pytest.fixture
def stats_world(world):
    """The known world of builders.build(), with the clock stopped at NOW while the test runs."""
    built = build(world)
    with at(NOW):
        yield built
