"""The web pages of the prosecutor's filter, through Django's test client."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from approvals.services import decision_attach_document
from ecase.choices import CaseStatus
from ecase.models import Case
from tests.factories import UserFactory


@pytest.fixture
def client_as(client):
    def _as(user):
        client.force_login(user)
        return client

    return _as


def _detail(decision) -> str:
    return reverse("approvals:detail", args=[decision.pk])


def _act(decision, action: str) -> str:
    return reverse("approvals:transition", args=[decision.pk, action])


# --- the inbox ---------------------------------------------------------------------------------------------------


def test_the_inbox_is_the_prosecutors_home_sorted_by_deadline(decisions, world, client_as):
    with time_machine.travel(timezone.now() - timedelta(days=4), tick=False):
        overdue = decisions.make(DecisionKind.TERMINATION, "pending")
    with time_machine.travel(timezone.now() - timedelta(hours=20), tick=False):
        soon = decisions.make(DecisionKind.SUSPECT_RECOGNITION, "pending")  # 24 h term: due in 4 h
    later = decisions.make(DecisionKind.INDICTMENT, "pending")
    decisions.make(DecisionKind.TERMINATION, "draft")  # not in the inbox
    client = client_as(world.prosecutor_a1)
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"] == reverse("approvals:inbox")
    response = client.get(reverse("approvals:inbox"))
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert [d.pk for d in rows] == [overdue.pk, soon.pk, later.pk]
    html = response.content.decode()
    assert f'<tr class="overdue" data-decision="{overdue.pk}">' in html
    due_today_class = "due-today" if soon.is_due_today else ""
    assert f'<tr class="{due_today_class}" data-decision="{soon.pk}">' in html
    # The navigation counts what waits.
    assert '<span class="badge">3</span>' in html


def test_inbox_filters_and_search(decisions, world, client_as):
    with time_machine.travel(timezone.now() - timedelta(days=4), tick=False):
        overdue = decisions.make(DecisionKind.TERMINATION, "pending")
    other = decisions.make(DecisionKind.SUSPECT_RECOGNITION, "pending")
    client = client_as(world.prosecutor_a1)

    def pks(query):
        response = client.get(reverse("approvals:inbox") + query)
        assert response.status_code == 200
        return [d.pk for d in response.context["page"].object_list]

    assert pks("?kind=termination") == [overdue.pk]
    assert pks("?overdue=true") == [overdue.pk]
    assert pks(f"?case_number={other.case.number}") == [other.pk]
    assert pks(f"?body={world.police_a1.pk}") == [overdue.pk, other.pk]
    assert pks(f"?body={world.police_b1.pk}") == []  # another region's body is not a choice: the filter refuses


def test_inbox_is_for_prosecutors(world, client, client_as):
    assert client.get(reverse("approvals:inbox")).status_code == 302  # to the login page
    for user in (world.investigator_a, world.judge_a, world.citizen):
        assert client_as(user).get(reverse("approvals:inbox")).status_code == 403


def test_the_inbox_page_runs_a_constant_number_of_queries(decisions, world, client_as):
    client = client_as(world.prosecutor_a1)
    decisions.make(DecisionKind.TERMINATION, "pending")
    client.get(reverse("approvals:inbox"))  # warm the session and the content types
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("approvals:inbox")).status_code == 200
    for _ in range(7):
        decisions.make(DecisionKind.TERMINATION, "pending")
    decisions.make(DecisionKind.URGENT_ACTION_NOTICE, "pending")
    decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("approvals:inbox"))
    assert len(response.context["page"].object_list) == 10
    assert len(many.captured_queries) == len(one.captured_queries), [q["sql"] for q in many.captured_queries]
    # session, user, nav badges, saved-filter counts, the page, its relations, the legality column
    assert len(many.captured_queries) <= 15


# --- the decision page ----------------------------------------------------------------------------------------


def test_the_decision_page_shows_the_case_the_decision_and_the_forms(decisions, world, client_as):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    response = client_as(world.prosecutor_a1).get(_detail(decision))
    html = response.content.decode()
    assert response.status_code == 200
    assert decision.case.number in html and decision.text in html
    assert 'id="approve-form"' in html and 'id="reject-form"' in html and 'id="return-form"' in html
    assert "data-confirm" in html
    assert "Decision submitted to the prosecutor" in html  # the timeline
    author_view = client_as(world.investigator_a).get(_detail(decision)).content.decode()
    assert 'id="approve-form"' not in author_view
    assert client_as(world.prosecutor_a2).get(_detail(decision)).status_code == 404


def test_reject_without_a_reason_is_refused_on_the_page(decisions, world, client_as):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    response = client_as(world.prosecutor_a1).post(_act(decision, "reject"), {"reason": "  "})
    assert response.status_code == 400
    assert "A decision is rejected only with a reason" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING


def test_approve_on_the_page(decisions, world, client_as):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    client = client_as(world.prosecutor_a1)
    response = client.post(_act(decision, "approve"), {"note": "Well founded."})
    assert response.status_code == 302
    page = client.get(_detail(decision)).content.decode()
    assert "Approved and signed." in page and "Verified" in page
    assert Case.objects.get(pk=decision.case_id).status == CaseStatus.TERMINATED


def test_a_moved_case_answers_409_with_the_reason(decisions, world, client_as, make_case):
    case = make_case()
    termination = decisions.make(DecisionKind.TERMINATION, "pending", case=case)
    decisions.make(DecisionKind.SUSPENSION, "approved", case=case)
    response = client_as(world.prosecutor_a1).post(_act(termination, "approve"), {})
    assert response.status_code == 409
    assert 'id="action-error"' in response.content.decode()


def test_outsiders_cannot_act(decisions, world, client_as):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    assert client_as(world.investigator_a).post(_act(decision, "approve"), {}).status_code == 403
    assert client_as(world.prosecutor_b1).post(_act(decision, "approve"), {}).status_code == 404
    assert client_as(world.prosecutor_a1).post(_act(decision, "nonsense"), {}).status_code == 404
    assert client_as(world.prosecutor_a1).get(_act(decision, "approve")).status_code == 405


# --- the investigator: drafting, returned decisions -------------------------------------------------------------


def test_draft_from_the_case_page_and_submit(world, client_as, make_case):
    case = make_case()
    client = client_as(world.investigator_a)
    case_page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    create_url = reverse("approvals:create", args=[case.pk, "termination"])
    assert create_url in case_page and "Procedural decisions" in case_page
    assert reverse("approvals:create", args=[case.pk, "resumption"]) not in case_page  # the case is not suspended

    form = client.get(create_url)
    assert form.status_code == 200 and 'name="termination_ground"' in form.content.decode()
    refused = client.post(create_url, {"text": "No offence."})
    assert refused.status_code == 400 and not ProceduralDecision.objects.exists()
    response = client.post(create_url, {"text": "No offence.", "termination_ground": "35-1-2"})
    decision = ProceduralDecision.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(decision)

    upload = client.post(
        reverse("approvals:attach-document", args=[decision.pk]),
        {"title": "Expert report", "file": SimpleUploadedFile("report.txt", b"No traces of a break-in.")},
    )
    assert upload.status_code == 302 and decision.attachments.count() == 1
    assert client.post(_act(decision, "submit")).status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING and decision.due_at


def test_returned_decisions_show_the_remarks_and_are_revised(decisions, world, client_as):
    decision = decisions.make(DecisionKind.TERMINATION, "returned")
    client = client_as(world.investigator_a)
    mine = client.get(reverse("approvals:mine")).content.decode()
    assert "Fix the reasoning." in mine
    assert '<span class="badge">1</span>' in mine  # the returned count in the navigation
    page = client.get(_detail(decision)).content.decode()
    assert "Returned for revision. The prosecutor" in page
    client.post(_act(decision, "revise"))
    edit = reverse("approvals:edit", args=[decision.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"text": "Reasoning with the expert's report.", "termination_ground": "35-1-1"})
    decision.refresh_from_db()
    assert decision.text == "Reasoning with the expert's report." and decision.termination_ground.code == "35-1-1"
    client.post(_act(decision, "submit"))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING


def test_only_the_author_edits(decisions, world, client_as):
    decision = decisions.make(DecisionKind.TERMINATION, "draft")
    assert client_as(world.investigator_a2).get(reverse("approvals:edit", args=[decision.pk])).status_code == 403
    assert (
        client_as(world.investigator_a).get(reverse("approvals:create", args=[decision.case_id, "bogus"])).status_code
        == 404
    )
    assert (
        client_as(world.prosecutor_a1)
        .get(reverse("approvals:create", args=[decision.case_id, "termination"]))
        .status_code
        == 403
    )


def test_the_prosecutor_drafts_a_cancellation_from_a_terminated_case(decisions, world, client_as):
    decision = decisions.make(DecisionKind.TERMINATION, "approved")
    client = client_as(world.prosecutor_a1)
    page = client.get(reverse("cases:detail", args=[decision.case_id])).content.decode()
    url = reverse("approvals:create", args=[decision.case_id, "termination_cancellation"])
    assert url in page
    client.post(url, {"text": "The termination was unlawful."})
    cancellation = ProceduralDecision.objects.get(kind=DecisionKind.TERMINATION_CANCELLATION)
    client.post(_act(cancellation, "issue"))
    assert Case.objects.get(pk=decision.case_id).status == CaseStatus.INVESTIGATING


def test_suspect_notified_on_the_page(decisions, world, client_as):
    decision = decisions.make(DecisionKind.SUSPECT_RECOGNITION, "approved")
    client = client_as(world.investigator_a)
    assert "Record that the suspect was told" in client.get(_detail(decision)).content.decode()
    client.post(reverse("approvals:suspect-notified", args=[decision.pk]), {})
    decision.refresh_from_db()
    assert decision.suspect_notified_at is not None


# --- the judge ---------------------------------------------------------------------------------------------------


def test_the_judge_sees_the_petitions_and_rules(decisions, world, client_as):
    decision = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "court_pending")
    client = client_as(world.judge_a)
    assert client.get(reverse("home"))["Location"] == reverse("approvals:court")
    queue = client.get(reverse("approvals:court"))
    assert [d.pk for d in queue.context["page"].object_list] == [decision.pk]
    assert 'id="court-form"' in client.get(_detail(decision)).content.decode()
    refused = client.post(_act(decision, "court-outcome"), {"outcome": "denied", "reason": ""})
    assert refused.status_code == 400 and "A denial needs the court" in refused.content.decode()
    client.post(_act(decision, "court-outcome"), {"outcome": "sanctioned", "reason": "Risk of flight."})
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SANCTIONED and decision.measure_expires_at
    assert client_as(world.investigator_a).get(reverse("approvals:court")).status_code == 403


@pytest.mark.parametrize(
    "language, title, kind",
    [("ru", "Очередь согласования", "Прекращение дела"), ("kk", "Келісу кезегі", "Істі тоқтату")],
)
def test_the_pages_speak_russian_and_kazakh(decisions, world, client_as, language, title, kind):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    client = client_as(world.prosecutor_a1)
    inbox = client.get(reverse("approvals:inbox"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert title in inbox and kind in inbox
    page = client.get(_detail(decision), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert kind in page


# --- the admin ---------------------------------------------------------------------------------------------------


def test_admin_shows_decisions_and_their_documents_read_only(client, world, decisions):
    decision = decisions.make(DecisionKind.TERMINATION, "draft")
    upload = SimpleUploadedFile("ground.pdf", b"%PDF-1.4 ground", content_type="application/pdf")
    decision_attach_document(decision_id=decision.pk, actor=world.investigator_a, upload=upload, title="Ground")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:approvals_proceduraldecision_changelist")).status_code == 200
    assert client.get(reverse("admin:approvals_decisionsignature_changelist")).status_code == 200
    page = client.get(reverse("admin:approvals_proceduraldecision_change", args=[decision.pk])).content.decode()
    assert "Ground" in page and 'name="_save"' not in page and "DELETE" not in page
    assert client.get(reverse("admin:approvals_proceduraldecision_add")).status_code == 403
    delete = reverse("admin:approvals_proceduraldecision_delete", args=[decision.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
