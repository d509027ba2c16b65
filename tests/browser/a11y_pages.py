"""The pages the accessibility and phone tests visit: per role, the paths of its main pages, over one small
set of data made through the services (a case, a pending decision, a registered complaint, a notice)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from approvals.choices import DecisionKind
from complaints import services as complaint_services
from ecase.notifications.services import notification_create
from tests.approvals.factories import DecisionMaker
from tests.complaints.conftest import IIN

NOT_FOUND = "/no-such-page/"  # the error page (templates/404.html), answered with 404
ROLES = ["anonymous", "investigator", "prosecutor", "senior", "auditor", "judge", "citizen"]


@dataclass
class Data:
    case_id: int
    decision_id: int
    complaint_id: int
    tracking_number: str
    access_key: str
    citizen_tracking_number: str


def make_data(world: Any, make_case: Any) -> Data:
    complaint_services.kinds_ensure()
    decision = DecisionMaker(world, make_case).make(DecisionKind.SUSPECT_RECOGNITION, "pending")
    common = {
        "kind": "general",
        "text": "The investigator does not answer my petitions.",
        "complainant_name": "Aigerim Sultanova",
        "complainant_iin": IIN,
        "complainant_email": "aigerim@example.kz",
        "office_id": world.dist_a1.pk,
    }
    anonymous, key = complaint_services.complaint_file(actor=None, **common)
    own, _ = complaint_services.complaint_file(actor=world.citizen, **common)
    complaint_services.complaint_register(
        complaint_id=own.pk, actor=world.prosecutor_a1, office_id=world.dist_a1.pk, executor_id=world.prosecutor_a1.pk
    )
    for user in (world.investigator_a, world.prosecutor_a1, world.senior_a, world.citizen):
        notification_create(user=user, title="Your decision was returned", body="Fix the reasoning.", url="/")
    return Data(
        case_id=decision.case_id,
        decision_id=decision.pk,
        complaint_id=own.pk,
        tracking_number=anonymous.tracking_number,
        access_key=key,
        citizen_tracking_number=own.tracking_number,
    )


def user_of(world: Any, role: str) -> Any:
    return {
        "investigator": world.investigator_a,
        "prosecutor": world.prosecutor_a1,
        "senior": world.senior_a,
        "auditor": world.auditor,
        "judge": world.judge_a,
        "citizen": world.citizen,
    }.get(role)


def pages_of(role: str, d: Data) -> list[str]:
    """The paths a person in this role works with (the anonymous track status page is reached by the form)."""
    return {
        "anonymous": [
            "/accounts/login/",
            "/complaints/file/",
            "/complaints/track/",
            "/complaints/signup/",
            NOT_FOUND,
        ],
        "investigator": [
            "/",
            "/cases/",
            f"/cases/{d.case_id}/",
            "/cases/new/",
            "/decisions/mine/",
            f"/decisions/{d.decision_id}/",
            "/notifications/",
            "/terms/calculator/",
        ],
        "prosecutor": [
            "/",
            "/decisions/",
            f"/decisions/{d.decision_id}/",
            "/cases/",
            f"/cases/{d.case_id}/",
            "/complaints/",
            f"/complaints/{d.complaint_id}/",
            "/legality/",
            "/notifications/",
            "/terms/calculator/",
        ],
        "senior": ["/", "/stats/", "/legality/", "/complaints/", "/notifications/"],
        "auditor": ["/", "/audit/", "/stats/", "/cases/"],
        "judge": ["/", "/decisions/court/"],
        "citizen": [
            "/",
            "/complaints/my/",
            f"/complaints/my/{d.citizen_tracking_number}/",
            "/complaints/file/",
            "/notifications/",
        ],
    }[role]
