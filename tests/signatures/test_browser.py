"""In a real browser: the prosecutor approves with the software signer (the ES module fetches the bytes to
sign, the server signs them with his demo key, the form posts the CMS); the page shows him as signer, valid."""

from __future__ import annotations

import importlib

import pytest
from playwright.sync_api import expect

from approvals.choices import DecisionKind
from signatures.models import PersonalSignature

pytestmark = [pytest.mark.browser]


@pytest.fixture
def termination_grounds(transactional_db) -> None:
    from ecase.models import TerminationGround

    migration = importlib.import_module("ecase.migrations.0002_termination_grounds_and_audit_guard")
    for code, article, title, rehabilitating in migration.GROUNDS:
        TerminationGround.objects.update_or_create(
            code=code, defaults={"article": article, "title": title, "is_rehabilitating": rehabilitating}
        )


def test_approve_with_the_software_signer(page, live_server, world, login, termination_grounds, decisions, demo_pki):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    page.on("dialog", lambda dialog: dialog.accept())
    login(world.prosecutor_a1)
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    expect(page.locator("#approve-form")).to_have_attribute("data-signer", "software")
    page.locator("#approve-form").get_by_role("button", name="Approve and sign").click()
    expect(page.locator("#decision-status")).to_have_text("Approved")
    panel = page.locator("#personal-signatures")
    expect(panel.locator(".signature-valid")).to_have_text("valid")
    expect(panel.locator(".signature-signer")).to_have_text(world.prosecutor_a1.get_full_name() or "prosecutor_a1")
    expect(panel).to_contain_text("eCase Demo Personal CA")
    assert PersonalSignature.objects.get().signer == world.prosecutor_a1
