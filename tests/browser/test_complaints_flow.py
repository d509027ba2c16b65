"""A complaint from filing to a refusal explained personally, in a real browser (Debian's chromium).

A citizen files anonymously and keeps the tracking number and the access key; a prosecutor registers it
and proposes a refusal; a senior prosecutor records the personal explanation; the citizen's status page
then shows the refusal with the record of the explanation. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import re

import pytest
from django.utils import timezone

from complaints.choices import ComplaintStatus as S
from complaints.models import Complaint
from tests.complaints.conftest import IIN

pytestmark = [pytest.mark.browser]

SHOTS = "test-artifacts"


def shot(page, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/complaints-{name}.png", full_page=True)


def test_complaint_refused_only_after_the_personal_explanation(page, live_server, world, login):
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations of irreversible actions
    base = live_server.url

    # 1. The citizen files without an account and keeps the tracking number and the key.
    page.goto(f"{base}/complaints/file/")
    page.select_option("select[name=kind]", "general")
    page.select_option("select[name=office]", str(world.dist_a1.pk))
    page.fill("input[name=complainant_name]", "Aigerim Sultanova")
    page.fill("input[name=complainant_iin]", IIN)
    page.fill("input[name=complainant_email]", "aigerim@example.kz")
    page.fill("textarea[name=text]", "The investigator has not answered my petition for three weeks.")
    page.set_input_files(
        "input[name=attachments]",
        files=[{"name": "petition.txt", "mimeType": "text/plain", "buffer": b"My petition of 2 November."}],
    )
    shot(page, "1-file")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/complaints/file/done/$"))
    tracking_number = page.inner_text("#tracking-number").strip()
    access_key = page.inner_text("#access-key").strip()
    assert re.fullmatch(r"\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", tracking_number)
    assert re.fullmatch(r"([0-9A-Z]{4}-){3}[0-9A-Z]{4}", access_key)
    shot(page, "2-filed")
    complaint = Complaint.objects.get(tracking_number=tracking_number)
    assert complaint.documents.count() == 1

    # 2. A prosecutor of the office registers it and proposes a refusal.
    login(world.prosecutor_a1)
    page.goto(f"{base}/complaints/")
    page.click(f"text={tracking_number}")
    page.click("#action-register summary")
    page.click("#action-register button[type=submit]")
    page.wait_for_selector("text=Done: Register.")
    assert page.inner_text("#complaint-status") == "In review"
    page.click("#action-propose-refusal summary")
    page.click("#action-propose-refusal button[type=submit]")  # empty reasoned answer: refused by the server
    assert page.locator("#action-propose-refusal .errorlist").inner_text() == "This field is required."
    page.fill(
        "textarea[name=propose-refusal-answer]",
        "The investigator answered the petition on 20 November (letter No. 15-2/88); no violation was found.",
    )
    page.click("#action-propose-refusal button[type=submit]")
    page.wait_for_selector("text=Done: Propose a refusal.")
    assert page.inner_text("#complaint-status") == "Refusal awaiting personal explanation"
    assert page.locator("#action-explanation").count() == 0  # only a senior prosecutor records it
    shot(page, "3-refusal-proposed")

    # 3. A senior prosecutor records the personal explanation; only now is the refusal final.
    login(world.senior_a1)
    page.goto(f"{base}/complaints/{complaint.pk}/")
    page.click("#action-explanation summary")
    page.fill("input[name=explanation-held_at]", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.check("input[name=explanation-form][value=video_call]")
    page.fill("textarea[name=explanation-participants]", "Senior prosecutor; the complainant A. Sultanova")
    page.fill(
        "textarea[name=explanation-summary]",
        "Explained by video call why the petition was answered lawfully and how to appeal the answer.",
    )
    shot(page, "4-explanation-form")
    page.click("#action-explanation button[type=submit]")
    page.wait_for_selector("text=Done: Record the personal explanation.")
    assert page.inner_text("#complaint-status") == "Refused (explained personally)"
    shot(page, "5-refused-staff")
    assert Complaint.objects.get(pk=complaint.pk).status == S.REFUSED

    # 4. The citizen, in a fresh session, tracks the complaint with the number and the key.
    page.context.clear_cookies()
    page.goto(f"{base}/complaints/track/")
    page.fill("input[name=tracking_number]", tracking_number)
    page.fill("input[name=access_key]", access_key)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(rf"/complaints/track/{tracking_number}/$"))
    assert page.inner_text("#complaint-status") == "Refused (explained personally)"
    record = page.inner_text("#explanation")
    assert "Video call" in record and "how to appeal the answer" in record
    assert "no violation was found" in page.content()
    shot(page, "6-citizen-status")
