"""Forms that help: the error summary at the top after a refused POST (links to the fields, rendered in
place, no confirm trap), aria-describedby naming ids that exist, the outcome tabs, "Approve and next", and
the "told at" time defaulting to now with the allowed range in its message."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision


def _act(decision, action: str) -> str:
    return reverse("approvals:transition", args=[decision.pk, action])


def _described_ids_exist(html: str) -> None:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert len(ids) == len(re.findall(r'\bid="([^"]+)"', html)), "duplicate ids on the page"
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for ref in described.split():
            assert ref in ids, f"aria-describedby names {ref!r}, which is not on the page"


def test_a_refused_reject_renders_the_summary_in_place(decisions, world, client):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    client.force_login(world.prosecutor_a1)
    response = client.post(_act(decision, "reject"), {"reason": " "})
    assert response.status_code == 400  # rendered in place: no redirect, nothing written
    html = response.content.decode()
    assert 'id="error-summary"' in html and "data-focus-on-load" in html
    assert '<a href="#id_reject_reason">Reason for the rejection: A decision is rejected only with a reason' in html
    assert 'aria-describedby="id_reject_reason_error"' in html and 'id="id_reject_reason_error"' in html
    assert 'data-active="reject"' in html  # the reject tab stays open
    _described_ids_exist(html)
    assert ProceduralDecision.objects.get(pk=decision.pk).status == DecisionStatus.PENDING


def test_the_decision_page_has_one_action_bar_with_three_tabs_and_unique_ids(decisions, world, client):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    client.force_login(world.prosecutor_a1)
    html = client.get(reverse("approvals:detail", args=[decision.pk])).content.decode()
    assert html.index('id="decide"') < html.index('id="decision-h"')  # the action bar comes first
    for tab in ("approve", "reject", "return"):
        assert f'id="tab-{tab}"' in html and f'id="panel-{tab}"' in html
    assert 'id="id_reject_reason"' in html and 'required id="id_reject_reason"' in html
    assert "Approve and next" in html
    assert 'id="error-summary"' not in html
    _described_ids_exist(html)


def test_help_text_ids_exist_on_the_drafting_form(world, client, make_case):
    case = make_case(investigator=world.investigator_a)
    client.force_login(world.investigator_a)
    url = reverse("approvals:create", args=[case.pk, DecisionKind.TERM_EXTENSION])
    html = client.get(url).content.decode()
    assert 'aria-describedby="id_text_helptext"' in html and 'id="id_text_helptext"' in html
    _described_ids_exist(html)
    refused = client.post(url, {"text": ""})
    assert refused.status_code == 400
    body = refused.content.decode()
    _described_ids_exist(body)
    assert 'id="id_text_error"' in body
    assert 'id="error-summary"' in body and 'href="#id_text"' in body
    assert 'id="error-summary"' not in html  # not before anything was sent


def test_approve_and_next_goes_to_the_next_in_the_inbox_order(decisions, world, client):
    first, second, third = (decisions.make(DecisionKind.TERMINATION, "pending") for _ in range(3))
    client.force_login(world.prosecutor_a1)
    response = client.post(_act(first, "approve"), {"note": "", "then": "next"})
    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:detail", args=[second.pk])
    # In the order the prosecutor sorted (newest deadline first), carried in ?inbox=.
    response = client.post(_act(third, "approve"), {"then": "next", "inbox": "ordering=-deadline"})
    assert response["Location"] == reverse("approvals:detail", args=[second.pk]) + "?inbox=ordering%3D-deadline"
    response = client.post(_act(second, "approve"), {"then": "next", "inbox": "ordering=-deadline"})
    assert response["Location"] == reverse("approvals:inbox") + "?ordering=-deadline"  # none left
    assert all(
        ProceduralDecision.objects.get(pk=d.pk).status == DecisionStatus.APPROVED for d in (first, second, third)
    )


def test_approve_and_next_skips_back_to_the_first_remaining_and_keeps_filters(decisions, world, client):
    a = decisions.make(DecisionKind.TERMINATION, "pending")
    b = decisions.make(DecisionKind.SUSPENSION, "pending")
    c = decisions.make(DecisionKind.TERMINATION, "pending")
    client.force_login(world.prosecutor_a1)
    response = client.post(_act(c, "approve"), {"then": "next", "inbox": "kind=termination"})
    # c was the last termination: the next is the first remaining one of the filter (a), never b.
    assert response["Location"] == reverse("approvals:detail", args=[a.pk]) + "?inbox=kind%3Dtermination"
    assert ProceduralDecision.objects.get(pk=b.pk).status == DecisionStatus.PENDING


def test_a_refused_approve_and_next_stays_on_the_page(decisions, world, make_case, client):
    case = make_case()
    termination = decisions.make(DecisionKind.TERMINATION, "pending", case=case)
    decisions.make(DecisionKind.SUSPENSION, "approved", case=case)
    client.force_login(world.prosecutor_a1)
    response = client.post(_act(termination, "approve"), {"then": "next"})
    assert response.status_code == 409
    assert 'id="error-summary"' in response.content.decode()


@pytest.fixture
def recognised(decisions, world):
    return decisions.make(DecisionKind.SUSPECT_RECOGNITION, "approved")


def test_told_at_defaults_to_now_and_names_the_allowed_range(recognised, world, client):
    client.force_login(world.investigator_a)
    html = client.get(reverse("approvals:detail", args=[recognised.pk])).content.decode()
    now_local = timezone.localtime().strftime("%d.%m.%Y %H:")
    assert re.search(rf'name="notified_at" value="{now_local}\d\d"', html)
    url = reverse("approvals:suspect-notified", args=[recognised.pk])
    future = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"notified_at": future})
    assert response.status_code == 400
    body = response.content.decode()
    approved_at = timezone.localtime(recognised.decided_at).strftime("%d.%m.%Y %H:%M")
    assert f"Give a time between the approval ({approved_at}) and now (" in body
    assert 'href="#id_suspect_notified_at"' in body
    recognised.refresh_from_db()
    assert recognised.suspect_notified_at is None
    ok = client.post(url, {"notified_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    assert ok.status_code == 302
    recognised.refresh_from_db()
    assert recognised.suspect_notified_at is not None
