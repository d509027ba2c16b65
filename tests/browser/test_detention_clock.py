"""The detention clock in a real browser: the investigator records a detention on the case page and sees the
countdown, which the page's script keeps in step with the end; the case list shows the running clock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ecase.choices import ParticipantRole
from ecase.models import Detention
from ecase.services.cases import participant_add

pytestmark = [pytest.mark.browser]


def test_record_a_detention_and_see_the_countdown(page, live_server, world, login, make_case):
    case = make_case(investigator=world.investigator_a)
    participant_add(
        case_id=case.pk, actor=world.investigator_a, role=ParticipantRole.WITNESS, full_name="Detained Daulet"
    )
    login(world.investigator_a)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("summary:has-text('Record a detention')")
    page.select_option("select[name=participant]", label="Detained Daulet (Witness)")
    started = timezone.localtime(timezone.now() - timedelta(hours=2))
    page.fill("input[name=detained_at]", started.strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=protocol_reference]", "PR-5/2026")
    page.click("button:has-text('Record detention')")
    page.wait_for_load_state("networkidle")
    detention = Detention.objects.get()
    countdown = page.locator("#detentions time.countdown")
    assert countdown.get_attribute("data-countdown-end")
    text = countdown.inner_text()
    assert text.startswith(("45 h", "46 h")) and text.endswith("min left"), text

    page.goto(f"{live_server.url}/cases/")
    assert "Detained Daulet" in page.locator("#running-detentions").inner_text()
    assert detention.is_running
