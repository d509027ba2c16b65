"""The terms calculator API: the issue's vectors, the list of rules, errors in the project's shape, staff only."""

from __future__ import annotations

import pytest

from ecase.models import InvestigationTerm

pytestmark = pytest.mark.django_db
CALC = "/api/v1/terms/calculate/"
RULES = "/api/v1/terms/rules/"


def calculate(client, rule, start):
    return client.get(CALC, {"rule": rule, "start": start})


@pytest.mark.parametrize(
    ("rule", "start", "end", "skipped"),
    [
        # A termination submitted Fri 2026-03-20 10:00, 3-day term: its last day, 23 March, and the days after
        # it up to 25 March are days off.
        (
            "decision.termination",
            "2026-03-20T10:00:00+05:00",
            "2026-03-26T23:59:59.999999+05:00",
            ["2026-03-23", "2026-03-24", "2026-03-25"],
        ),
        # The investigation term: 2 months from a case registered 2026-12-31; 28 February 2027 is a Sunday.
        ("investigation.property", "2026-12-31T16:00:00+05:00", "2027-03-01T23:59:59.999999+05:00", ["2027-02-28"]),
        # A 15-working-day appeal received on Saturday 2026-03-21.
        ("complaint.general", "2026-03-21T12:00:00+05:00", "2026-04-15T23:59:59.999999+05:00", None),
        # A 48-hour detention from Fri 2026-03-20 18:30 ends Sun 2026-03-22 18:30: it never moves.
        ("detention", "2026-03-20T18:30:00+05:00", "2026-03-22T18:30:00+05:00", []),
    ],
)
def test_the_issue_vectors(world, api_as, rule, start, end, skipped):
    response = calculate(api_as(world.prosecutor_a1), rule, start)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["end"] == end
    assert body["article"]
    if skipped is not None:
        assert [s["date"] for s in body["skipped"]] == skipped


def test_skipped_days_say_why(world, api_as):
    body = calculate(api_as(world.investigator_a), "complaint.general", "2026-03-21T12:00").json()
    reasons = {s["date"]: (s["reason"], s["reason_label"]) for s in body["skipped"]}
    assert reasons["2026-03-22"] == ("holiday", "public holiday")  # Nauryz on a Sunday
    assert reasons["2026-03-24"][0] == "holiday"  # Nauryz moved off the weekend
    assert reasons["2026-03-28"] == ("weekend", "weekend")
    assert "Nowruz" in next(s["name"] for s in body["skipped"] if s["date"] == "2026-03-23")
    # A start without an offset is Almaty time.
    assert body["start"] == "2026-03-21T12:00:00+05:00"


def test_a_transferred_working_day_counts(world, api_as):
    # 3 days from Thursday 2 January 2025 end on Sunday 5 January, a working day by the Government's transfer
    # (Friday 3 January was the day off instead): the term does not move.
    client = api_as(world.investigator_a)
    body = calculate(client, "decision.termination", "2025-01-02T10:00:00+05:00").json()
    assert (body["end"], body["skipped"], body["moved"]) == ("2025-01-05T23:59:59.999999+05:00", [], False)
    # An appeal received on New Year's Day counts from the next working day, that Sunday, as its first day:
    # 3 calendar days end on Tuesday 7 January, Orthodox Christmas, and move to Wednesday 8 January.
    body = calculate(client, "complaint.procedural", "2025-01-01T12:00:00+05:00").json()
    assert body["end"] == "2025-01-08T23:59:59.999999+05:00"
    assert [(s["date"], s["reason"]) for s in body["skipped"]] == [
        ("2025-01-02", "holiday"),
        ("2025-01-03", "transfer"),
        ("2025-01-04", "weekend"),
        ("2025-01-07", "holiday"),
    ]


def test_the_rules_list_every_configured_term(world, api_as):
    response = api_as(world.judge_a).get(RULES)
    assert response.status_code == 200
    rules = {r["code"]: r for r in response.json()}
    assert rules["detention"] == {
        "code": "detention",
        "title": "Detention without a court order",
        "amount": 48,
        "unit": "hours",
        "article": "CPC 128 (V)",
        "start_event": "the actual moment of detention",
        "moves_off_non_working": False,
        "starts_on_working_day": False,
        "verified": True,
    }
    assert (rules["decision.termination"]["amount"], rules["decision.termination"]["unit"]) == (3, "days")
    assert rules["court.preventive_measure"]["moves_off_non_working"] is False
    assert rules["complaint.general"]["unit"] == "working_days"
    assert rules["complaint.general.extension_cap"]["moves_off_non_working"] is False
    assert rules["investigation.property.general_prosecutor"]["amount"] == 12
    assert {"complaint.general.forwarding", "complaint.general.explanation", "suspect_notice"} <= set(rules)


def test_an_edited_term_is_used_at_once(world, api_as):
    InvestigationTerm.objects.filter(category="property").update(amount=3)
    body = calculate(api_as(world.investigator_a), "investigation.property", "2026-01-10T10:00").json()
    assert body["end"] == "2026-04-10T23:59:59.999999+05:00"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"rule": "no.such.rule", "start": "2026-03-20T10:00"}, "rule"),
        ({"rule": "detention", "start": "20/03/2026"}, "start"),
        ({"rule": "detention", "start": "2026-02-30T10:00"}, "start"),
        ({"rule": "detention"}, "start"),
        ({"start": "2026-03-20T10:00"}, "rule"),
    ],
)
def test_bad_input_is_a_400_in_the_error_shape(world, api_as, params, field):
    response = api_as(world.prosecutor_a1).get(CALC, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] and body["message"] and field in body["fields"]


def test_staff_only(world, api, api_as):
    assert api.get(RULES).status_code == 401
    assert api.get(CALC, {"rule": "detention", "start": "2026-03-20T10:00"}).status_code == 401
    citizen = api_as(world.citizen)
    assert citizen.get(RULES).status_code == 403
    assert citizen.get(CALC, {"rule": "detention", "start": "2026-03-20T10:00"}).status_code == 403
    assert api_as(world.auditor).get(RULES).status_code == 200


def test_the_schema_documents_the_calculator(world, api_as):
    schema = api_as(world.auditor).get("/api/schema/?format=json").json()
    calculate_op = schema["paths"]["/api/v1/terms/calculate/"]["get"]
    assert {p["name"] for p in calculate_op["parameters"]} >= {"rule", "start"}
    assert {"200", "400", "403"} <= set(calculate_op["responses"])
    assert "/api/v1/terms/rules/" in schema["paths"]


def test_the_rules_list_reads_a_fixed_number_of_queries(world, api_as, django_assert_max_num_queries):
    client = api_as(world.prosecutor_a1)
    client.get(RULES)  # warm-up (sessions, content types)
    # TermRule, investigation terms + their chain, decision-kind terms, complaint kinds: whatever the rows.
    with django_assert_max_num_queries(6):
        assert client.get(RULES).status_code == 200
    with django_assert_max_num_queries(8):
        assert calculate(client, "complaint.general", "2026-03-21T12:00").status_code == 200
