from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_world(db, require_postgres) -> None:
    """The small demo world of `seed_demo`: decisions in every state, documents, signatures, court rulings."""
    call_command("seed_demo", no_progress=True, stdout=io.StringIO())
