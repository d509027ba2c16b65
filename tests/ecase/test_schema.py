"""OpenAPI: the schema validates without warnings, documents errors and the token scheme; the docs page
loads only assets served by the app itself."""

from __future__ import annotations

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

ERROR_REF = "#/components/schemas/Error"


@pytest.fixture
def schema(db, client) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_validates_without_warnings(db, tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert yaml.safe_load(target.read_text())["openapi"].startswith("3.")


def test_bearer_scheme_is_documented(schema):
    scheme = schema["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    assert {"bearerAuth": []} in schema["paths"]["/api/v1/cases/"]["get"]["security"]
    # Getting a token needs no authentication.
    assert "security" not in schema["paths"]["/api/v1/auth/token/"]["post"]


def test_error_body_is_the_shared_shape(schema):
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "message", "fields"}
    assert set(error["required"]) == {"code", "message", "fields"}


REGISTER_PATHS = [
    "/api/v1/auth/token/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{id}/",
    "/api/v1/cases/",
    "/api/v1/cases/{id}/",
    "/api/v1/cases/{id}/participants/",
    "/api/v1/cases/{id}/documents/",
    "/api/v1/cases/{id}/documents/{doc_id}/download/",
    "/api/v1/cases/{id}/actions/",
    "/api/v1/cases/{id}/history/",
]


@pytest.mark.parametrize("path", REGISTER_PATHS)
def test_every_register_operation_documents_its_errors(schema, path):
    operations = schema["paths"][path]
    assert operations
    for method, operation in operations.items():
        responses = operation["responses"]
        errors = {code: r for code, r in responses.items() if code.startswith(("4", "5"))}
        assert {"401", "429"} <= set(errors), (method, path)
        for code, response in errors.items():
            assert response["content"]["application/json"]["schema"]["$ref"] == ERROR_REF, (method, path, code)
        if method == "post":
            assert "400" in errors and "415" in errors, (method, path)
        if "{id}" in path:
            assert "404" in errors, (method, path)


def test_no_writable_status_and_no_case_update(schema):
    assert set(schema["paths"]["/api/v1/cases/{id}/"]) == {"get"}
    create = schema["components"]["schemas"]["CaseCreateRequest"]
    assert set(create["properties"]) == {"qualification", "category", "severity", "summary"}
    assert "status" in schema["components"]["schemas"]["Case"]["properties"]
    assert "status" in schema["components"]["schemas"]["Case"].get("required", [])


def test_nested_lists_are_paginated_without_case_filters(schema):
    history = schema["paths"]["/api/v1/cases/{id}/history/"]["get"]
    names = {p["name"] for p in history.get("parameters", [])}
    assert names == {"id", "page", "page_size"}
    ref = history["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/PaginatedAuditEventList")


def test_docs_page_uses_only_local_assets(db, client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r"<(?:script|link)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", html)
    assert assets, html[:500]
    for asset in assets:
        assert not re.match(r"^(https?:)?//", asset), asset
        if asset == "/api/docs/?script=":
            # The start-up script, served by the same view instead of inline (the CSP allows no inline script).
            script = client.get(asset)
            assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
            continue
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
