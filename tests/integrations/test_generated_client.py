"""A Python client generated from the live schema by openapi-python-client, used unchanged as an integrator
would: list cases, register and read one, draft, submit and approve a decision, read the change feed; bad
input comes back as the documented error shape."""

from __future__ import annotations

import importlib
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from ecase.choices import Role
from tests.integrations.live_api import LiveAPI, live_api, offline  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)
PACKAGE = "ecase_client"
# The stored files of a document download: the client hands them over as bytes.
CONFIG = f"""
package_name_override: {PACKAGE}
project_name_override: ecase-client
post_hooks: []
content_type_overrides:
  application/pdf: application/octet-stream
  application/vnd.oasis.opendocument.text: application/octet-stream
  application/vnd.openxmlformats-officedocument.wordprocessingml.document: application/octet-stream
  image/jpeg: application/octet-stream
  image/png: application/octet-stream
  text/plain: application/octet-stream
"""


def _generate(api: LiveAPI, workdir: Path):  # type: ignore[no-untyped-def]
    (workdir / "openapi.json").write_bytes(api.schema())
    (workdir / "config.yml").write_text(CONFIG)
    command = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(workdir / "openapi.json"),
        "--config",
        str(workdir / "config.yml"),
        "--meta",
        "none",
        "--output-path",
        str(workdir / PACKAGE),
        "--fail-on-warning",
    ]
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603
    assert done.returncode == 0, done.stdout + done.stderr
    sys.path.insert(0, str(workdir))
    try:
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]
        return importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(workdir))


def test_an_integrator_works_through_the_generated_client(live_api, tmp_path):  # noqa: F811 - the fixture
    package = _generate(live_api, tmp_path)
    api = importlib.import_module(f"{PACKAGE}.api.v1")
    v1 = {name: importlib.import_module(f"{PACKAGE}.api.v1.{name}") for name in _operations(api)}
    models = importlib.import_module(f"{PACKAGE}.models")

    police = package.AuthenticatedClient(base_url=live_api.url, token=live_api.tokens[Role.INVESTIGATOR])
    prosecutor = package.AuthenticatedClient(base_url=live_api.url, token=live_api.tokens[Role.PROSECUTOR])

    listed = v1["v1_cases_list"].sync(client=police, page_size=5)
    assert isinstance(listed, models.PaginatedCaseList) and listed.count > 0 and len(listed.results) <= 5

    # Register a case, retried with the same Idempotency-Key after a "timeout": one case.
    new_case = models.CaseCreateRequest(
        qualification="188 p.2",
        category=models.CategoryEnum("property"),
        severity=models.SeverityEnum("medium"),
        summary="Theft at the market, registered by the police records system.",
    )
    key = str(uuid.uuid4())
    first = v1["v1_cases_create"].sync_detailed(client=police, body=new_case, idempotency_key=key)
    again = v1["v1_cases_create"].sync_detailed(client=police, body=new_case, idempotency_key=key)
    assert first.status_code == again.status_code == 201
    case = first.parsed
    assert isinstance(case, models.Case) and again.parsed.id == case.id
    assert again.headers["Idempotent-Replayed"] == "true"
    assert v1["v1_cases_list"].sync(client=police, number=case.number).count == 1

    read = v1["v1_cases_retrieve"].sync_detailed(case.id, client=police)
    assert read.status_code == 200 and read.parsed.number == case.number and read.headers["ETag"]

    # Draft and submit a suspension; the supervising prosecutor approves it with the version read.
    draft = v1["v1_decisions_create"].sync(
        client=police,
        body=models.DecisionCreateRequest(
            case=case.id,
            kind=models.DecisionKindEnum("suspension"),
            text="The suspect cannot be identified; the investigation is suspended.",
            suspension_ground="45-7-2",
        ),
    )
    assert isinstance(draft, models.Decision), draft
    submitted = v1["v1_decisions_submit_create"].sync(draft.id, client=police, body=models.SubmitRequest())
    assert isinstance(submitted, models.Decision) and submitted.status.value == "pending", submitted
    etag = v1["v1_decisions_retrieve"].sync_detailed(draft.id, client=prosecutor).headers["ETag"]
    approved = v1["v1_decisions_approve_create"].sync(
        draft.id, client=prosecutor, body=models.ApproveRequest(note="Grounds confirmed."), if_match=etag
    )
    assert isinstance(approved, models.Decision) and approved.status.value == "approved", approved
    stale = v1["v1_decisions_approve_create"].sync_detailed(
        draft.id, client=prosecutor, body=models.ApproveRequest(), if_match=etag
    )
    assert stale.status_code == 412 and isinstance(stale.parsed, models.Error)
    assert stale.parsed.code == "precondition_failed"

    # The change feed, read page after page from the start, as a poller would.
    seen, after = [], ""
    while True:
        page = v1["v1_events_retrieve"].sync(client=police, after=after, limit=100)
        assert isinstance(page, models.EventPage), page
        seen += [e for e in page.events if e.case_id == case.id]
        after = page.next_
        if not page.has_more:
            break
    types = [e.type_ for e in seen]
    assert types[0] == "case.registered"
    assert types.index("decision.created") < types.index("decision.submitted") < types.index("decision.approved")
    assert len({e.id for e in seen}) == len(seen)  # no event twice

    # Bad input: the documented 400 with the error shape, and nothing registered.
    bad = v1["v1_cases_create"].sync_detailed(
        client=police,
        body=models.CaseCreateRequest(
            qualification="",
            category=models.CategoryEnum("property"),
            severity=models.SeverityEnum("medium"),
            summary="",
        ),
    )
    assert bad.status_code == 400 and isinstance(bad.parsed, models.Error)
    assert bad.parsed.code == "invalid" and set(bad.parsed.fields.additional_properties) >= {"summary"}
    assert v1["v1_cases_list"].sync(client=police, page_size=1).count == listed.count + 1


def _operations(api) -> list[str]:  # type: ignore[no-untyped-def]
    folder = Path(api.__file__).parent
    return [p.stem for p in folder.glob("v1_*.py")]
