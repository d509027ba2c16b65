"""Least privilege, fixed by a table of role x object kind x state (404 for what may not be seen).

The auditor reads no case contents at all (the audit trail, its verification and the statistics are
theirs); a judge sees only the decisions filed with the courts of his region (ruled ones: his court's)
and the cases and materials of those, never a draft or a decision that never went to court.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.choices import DecisionKind
from tests.approvals.factories import DecisionMaker

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

# (decision kind, state) -> the object under test; each decision gets its own case.
OBJECTS = {
    "draft": (DecisionKind.PREVENTIVE_MEASURE, "draft"),
    "pending": (DecisionKind.PREVENTIVE_MEASURE, "pending"),
    "approved": (DecisionKind.QUALIFICATION_CHANGE, "approved"),
    "court_pending": (DecisionKind.PREVENTIVE_MEASURE, "court_pending"),
    "sanctioned": (DecisionKind.PREVENTIVE_MEASURE, "sanctioned"),
}
SEE_ALL = dict.fromkeys(OBJECTS, True)
SEE_NONE = dict.fromkeys(OBJECTS, False)
COURT_ONLY = {"draft": False, "pending": False, "approved": False, "court_pending": True, "sanctioned": True}

# role -> {state: may see the decision, its case, the case's documents}
TABLE = {
    "investigator_a": SEE_ALL,  # the author's own body
    "prosecutor_a1": SEE_ALL,  # the supervising office
    "senior_a": SEE_ALL,  # the regional office above it
    "judge_a": COURT_ONLY,
    "auditor": SEE_NONE,
    "investigator_b": SEE_NONE,  # another region
    "prosecutor_b1": SEE_NONE,
    "citizen": SEE_NONE,
}


@pytest.fixture
def objects(world, make_case, api_as):
    maker = DecisionMaker(world, make_case)
    made = {}
    for name, (kind, state) in OBJECTS.items():
        decision = maker.make(kind, state)
        upload = SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")
        response = api_as(world.investigator_a).post(
            f"/api/v1/cases/{decision.case_id}/documents/", {"file": upload}, format="multipart"
        )
        doc_id = response.json()["id"] if response.status_code == 201 else None
        made[name] = (decision, doc_id)
    return made


ROWS = [(role, state) for role in TABLE for state in OBJECTS]


@pytest.mark.parametrize(("role", "state"), ROWS)
def test_role_object_state_table(world, api_as, objects, role, state):
    decision, doc_id = objects[state]
    expected = 200 if TABLE[role][state] else 404
    client = api_as(getattr(world, role))
    case_id = decision.case_id
    assert client.get(f"/api/v1/decisions/{decision.pk}/").status_code == expected, "decision"
    assert client.get(f"/api/v1/cases/{case_id}/").status_code == expected, "case"
    assert client.get(f"/api/v1/cases/{case_id}/participants/").status_code == expected, "participants"
    if doc_id is not None:
        assert client.get(f"/api/v1/cases/{case_id}/documents/{doc_id}/download/").status_code == expected, "document"
    listed = {row["id"] for row in client.get("/api/v1/decisions/", {"page_size": 100}).json().get("results", [])}
    assert (decision.pk in listed) == TABLE[role][state], "decision list"
    cases = {row["id"] for row in client.get("/api/v1/cases/", {"page_size": 100}).json().get("results", [])}
    assert (case_id in cases) == TABLE[role][state], "case list"


@pytest.mark.parametrize("role", ["auditor", "judge_a"])
def test_web_pages_answer_404_too(world, client, objects, role):
    client.force_login(getattr(world, role))
    decision, _doc = objects["draft"]
    assert client.get(f"/decisions/{decision.pk}/").status_code == 404
    assert client.get(f"/cases/{decision.case_id}/").status_code == 404


def test_the_auditor_keeps_the_statistics(world, client):
    client.force_login(world.auditor)
    assert client.get("/stats/").status_code == 200


def test_the_auditor_starts_on_the_statistics_and_has_no_cases_menu(world, client):
    client.force_login(world.auditor)
    assert client.get("/")["Location"] == "/stats/"
    page = client.get("/stats/").content.decode()
    assert 'href="/cases/"' not in page
