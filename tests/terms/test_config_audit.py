"""Every edit of a configuration table is an audit event (who, old and new values), from the admin as from
the service layer; `to_state` stays empty because no object's status changes."""

from __future__ import annotations

from datetime import date

import pytest

from approvals.models import DecisionKindTerm
from complaints.models import ComplaintKind
from ecase.models import AuditEvent, CalendarException, InvestigationTerm, TerminationGround, TermRule

pytestmark = pytest.mark.django_db


def last_event(object_type):
    return AuditEvent.objects.filter(object_type=object_type).order_by("-seq").first()


def test_calendar_rows_added_changed_and_deleted_in_the_admin_are_audited(admin_client, admin_user):
    response = admin_client.post(
        "/admin/ecase/calendarexception/add/",
        {"date": "2026-11-02", "kind": "day_off", "note": "Transfer", "source": "Decree No. 1"},
    )
    assert response.status_code == 302
    row = CalendarException.objects.get(date=date(2026, 11, 2))
    created = last_event("ecase.calendarexception")
    assert created.action == "config.created" and created.actor == admin_user
    assert created.data["new"]["kind"] == "day_off" and created.data["old"] == {}
    assert created.to_state == "" and created.from_state == ""

    response = admin_client.post(
        f"/admin/ecase/calendarexception/{row.pk}/change/",
        {"date": "2026-11-02", "kind": "working_day", "note": "Transfer", "source": "Decree No. 1"},
    )
    assert response.status_code == 302
    changed = last_event("ecase.calendarexception")
    assert changed.action == "config.changed"
    assert changed.data["old"] == {"kind": "day_off"} and changed.data["new"] == {"kind": "working_day"}

    response = admin_client.post(f"/admin/ecase/calendarexception/{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not CalendarException.objects.filter(pk=row.pk).exists()
    deleted = last_event("ecase.calendarexception")
    assert deleted.action == "config.deleted" and deleted.data["old"]["kind"] == "working_day"


def test_a_save_without_changes_writes_no_event(admin_client):
    ground = TerminationGround.objects.order_by("pk").first()
    before = AuditEvent.objects.count()
    # The admin edits the title in each language (django-modeltranslation: title_en, title_ru, title_kk).
    titles = {f"title_{lang}": getattr(ground, f"title_{lang}") for lang in ("en", "ru", "kk")}
    data = {"code": ground.code, "article": ground.article, **titles}
    if ground.is_rehabilitating:
        data["is_rehabilitating"] = "on"
    assert admin_client.post(f"/admin/ecase/terminationground/{ground.pk}/change/", data).status_code == 302
    assert AuditEvent.objects.count() == before
    data.pop("is_rehabilitating", None) if ground.is_rehabilitating else data.update(is_rehabilitating="on")
    assert admin_client.post(f"/admin/ecase/terminationground/{ground.pk}/change/", data).status_code == 302
    event = last_event("ecase.terminationground")
    assert event.action == "config.changed"
    assert event.data["old"] == {"is_rehabilitating": ground.is_rehabilitating}
    assert event.data["new"] == {"is_rehabilitating": not ground.is_rehabilitating}


def test_a_users_role_and_office_change_is_audited(admin_client, admin_user, world):
    user = world.investigator_a2
    response = admin_client.post(
        f"/admin/ecase/user/{user.pk}/change/",
        {
            "username": user.username,
            "first_name": "",
            "last_name": "",
            "email": "",
            "is_active": "on",
            "role": "prosecutor",
            "organisation": world.dist_a1.pk,
            "iin": "",
            "phone": "",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = last_event("ecase.user")
    assert event.action == "config.changed" and event.actor == admin_user and event.to_state == ""
    assert event.data["old"]["role"] == "investigator" and event.data["new"]["role"] == "prosecutor"
    assert event.data["old"]["organisation"] == world.police_a1.pk
    assert event.data["new"]["organisation"] == world.dist_a1.pk
    assert "password" not in event.data["new"]


def test_term_tables_are_audited_in_the_admin(admin_client):
    rule = TermRule.objects.get(code="detention")
    response = admin_client.post(
        f"/admin/ecase/termrule/{rule.pk}/change/",
        {
            "code": "detention",
            "title": rule.title,
            "amount": "48",
            "unit": "hours",
            "article": "CPC 128 p.3",
            "verified": "on",
            "note": "",
            "start_event": rule.start_event,
        },
    )
    assert response.status_code == 302
    event = last_event("ecase.termrule")
    assert event.data["old"] == {"article": "CPC 128 (V)"} and event.data["new"] == {"article": "CPC 128 p.3"}
    # The extension chain is edited inline with its investigation term; inline rows are audited too.
    term = InvestigationTerm.objects.get(category="traffic")
    extensions = list(term.extensions.order_by("pk"))
    data = {
        "category": "traffic",
        "amount": "2",
        "unit": "months",
        "article": term.article,
        "note": "",
        "extensions-TOTAL_FORMS": str(len(extensions)),
        "extensions-INITIAL_FORMS": str(len(extensions)),
        "extensions-MIN_NUM_FORMS": "0",
        "extensions-MAX_NUM_FORMS": "1000",
    }
    for i, ext in enumerate(extensions):
        data.update(
            {
                f"extensions-{i}-id": str(ext.pk),
                f"extensions-{i}-investigation_term": str(term.pk),
                f"extensions-{i}-authority": ext.authority,
                f"extensions-{i}-amount": str(18 if i == len(extensions) - 1 else ext.amount),
                f"extensions-{i}-unit": ext.unit,
                f"extensions-{i}-article": ext.article,
                f"extensions-{i}-note": "",
            }
        )
    response = admin_client.post(f"/admin/ecase/investigationterm/{term.pk}/change/", data)
    assert response.status_code == 302, response.content[:3000]
    event = last_event("ecase.investigationextension")
    assert event.data["old"] == {"amount": 12} and event.data["new"] == {"amount": 18}


def test_decision_and_complaint_kinds_are_audited_in_the_admin(admin_client):
    row = DecisionKindTerm.objects.get(kind="indictment")
    response = admin_client.post(
        f"/admin/approvals/decisionkindterm/{row.pk}/change/",
        {
            "article": row.article,
            "term_amount": "7",
            "term_unit": "days",
            "court_term_amount": "",
            "court_term_unit": "hours",
            "note": row.note,
        },
    )
    assert response.status_code == 302
    event = last_event("approvals.decisionkindterm")
    assert event.data["old"] == {"term_amount": 5} and event.data["new"] == {"term_amount": 7}

    kind = ComplaintKind.objects.get(code="general")
    response = admin_client.post(
        "/admin/complaints/complaintkind/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(kind.pk),
            "form-0-term_value": "20",
            "form-0-is_active": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    event = last_event("complaints.complaintkind")
    assert event.data["old"] == {"term_value": 15} and event.data["new"] == {"term_value": 20}
