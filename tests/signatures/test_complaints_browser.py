"""In a real browser: the senior prosecutor records the personal explanation with the software signer (the
module POSTs the form for its bytes, the server signs them with his demo key, the form posts the CMS), and the
complaint page shows him as signer, valid; and a prosecutor without NCALayer reads the signer's error in
Russian, from the JavaScript catalogue loaded under the strict CSP."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from complaints.choices import ComplaintStatus as S
from signatures.models import PersonalSignature

pytestmark = [pytest.mark.browser]


def test_the_explanation_record_is_signed_in_the_browser(page, live_server, world, login, complaint_in, demo_pki):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    page.on("dialog", lambda dialog: dialog.accept())
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else 0)
    login(world.senior_a1)
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    panel = page.locator("#action-explanation")
    panel.locator("summary").click()
    form = panel.locator("form")
    expect(form).to_have_attribute("data-signer", "software")
    held_at = timezone.localtime(timezone.now() - timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M")
    form.locator("input[name=explanation-held_at]").fill(held_at)
    form.locator("input[name=explanation-form][value=phone]").check()
    form.locator("textarea[name=explanation-participants]").fill("The complainant; senior prosecutor")
    form.locator("textarea[name=explanation-summary]").fill("Explained why the decision was lawful.")
    form.get_by_role("button", name="Record the explanation and refuse").click()
    expect(page.locator("#complaint-status")).to_have_class(re.compile("status-refused"))
    signatures = page.locator("#personal-signatures")
    expect(signatures.locator(".signature-valid")).to_have_text("valid")
    expect(signatures.locator(".signature-signer")).to_have_text(world.senior_a1.get_full_name() or "senior_a1")
    signature = PersonalSignature.objects.get()
    assert (signature.action, signature.signer) == ("record-explanation", world.senior_a1)
    assert b"Explained why the decision was lawful." in bytes(signature.payload)
    assert violations == []


def test_the_signers_error_is_translated(page, live_server, world, login, complaint_in, settings):
    settings.SIGNATURE_DEMO_SIGNER = False
    settings.SIGNATURE_REQUIRED = ["complaint.satisfy"]
    complaint = complaint_in(S.IN_REVIEW)
    page.on("dialog", lambda dialog: dialog.accept())
    login(world.prosecutor_a1)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ru", "url": live_server.url}])
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    panel = page.locator("#action-satisfy")
    panel.locator("summary").click()
    form = panel.locator("form")
    expect(form).to_have_attribute("data-signer", "ncalayer")  # no NCALayer listens on this machine
    form.locator("textarea[name=satisfy-answer]").fill("Your petition has been granted.")
    form.locator("button[type=submit]").click()
    expect(form.locator(".sign-error")).to_have_text("NCALayer не запущен на этом компьютере.")
    complaint.refresh_from_db()
    assert complaint.status == S.IN_REVIEW and not PersonalSignature.objects.exists()
