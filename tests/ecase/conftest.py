"""Fixtures of the case register's web tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def client_as(client):
    def _as(user):
        client.force_login(user)
        return client

    return _as
