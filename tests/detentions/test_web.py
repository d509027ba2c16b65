"""The detention clock on the pages: the case page's panel (countdown, record, release, hand-over) and the
running detentions of the office in the prosecutor's inbox."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from ecase.choices import DetentionStatus
from ecase.models import Detention


def _page(client, case) -> str:
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_page_shows_the_countdown_and_overdue(client, case, detain, world):
    detain(timezone.now() - timedelta(hours=10, minutes=30))
    client.force_login(world.prosecutor_a1)
    page = _page(client, case)
    assert 'id="detentions"' in page and "Detained Daulet" in page
    assert "37 h 29 min left" in page or "37 h 30 min left" in page
    assert "Record a detention" not in page  # the prosecutor does not record detentions
    late = detain(timezone.now() - timedelta(hours=50), participant_id=None, full_name="Late Lyazzat")
    page = _page(client, case)
    assert "overdue by 2 h 0" in page and late.is_overdue


def test_record_and_release_on_the_page(client, case, witness, world):
    client.force_login(world.investigator_a)
    url = reverse("cases:detention-add", args=[case.pk])
    detained_at = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    bad = client.post(url, {"participant": witness.pk, "detained_at": detained_at, "exceptional": "on"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "State the basis of the exceptional ground" in body and "Give the protocol of detention" in body
    assert not Detention.objects.exists()

    response = client.post(url, {"participant": witness.pk, "detained_at": detained_at, "protocol_reference": "P-1"})
    assert response.status_code == 302
    detention = Detention.objects.get()
    assert re.search(r"4[67] h \d\d min left", _page(client, case))
    release = reverse("cases:detention-release", args=[case.pk, detention.pk])
    assert client.post(release).status_code == 302
    detention.refresh_from_db()
    assert detention.status == DetentionStatus.RELEASED


def test_outsiders_get_404_and_prosecutors_403(client, case, witness, world):
    url = reverse("cases:detention-add", args=[case.pk])
    payload = {"participant": witness.pk, "detained_at": "2026-01-01T10:00", "protocol_reference": "P"}
    client.force_login(world.investigator_b)
    assert client.post(url, payload).status_code == 404
    client.force_login(world.prosecutor_a1)
    assert client.post(url, payload).status_code == 403
    assert not Detention.objects.exists()


def test_the_inbox_lists_the_running_detentions_of_the_office(client, case, detain, world):
    detain(timezone.now() - timedelta(hours=3))
    client.force_login(world.prosecutor_a1)
    inbox = client.get(reverse("approvals:inbox")).content.decode()
    assert 'id="running-detentions"' in inbox and case.number in inbox and "Detained Daulet" in inbox
    client.force_login(world.prosecutor_b1)
    assert 'id="running-detentions"' not in client.get(reverse("approvals:inbox")).content.decode()
