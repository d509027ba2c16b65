"""The web pages of the case register, through Django's test client."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecase import case_panels
from ecase.models import ApiToken, AuditEvent, Case, Participant
from ecase.services.cases import participant_add
from ecase.services.tokens import token_issue
from tests.factories import PASSWORD, UserFactory


def _detail_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


# --- login, home, layout -------------------------------------------------------------------------------


def test_login_page_renders_and_user_logs_in(client, world):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content and b'name="password"' in response.content

    bad = client.post(reverse("login"), {"username": "investigator_a", "password": "wrong"})
    assert bad.status_code == 200
    assert b"errorlist" in bad.content  # the form shows the error

    response = client.post(reverse("login"), {"username": "investigator_a", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[0][0] == reverse("home")
    assert response.redirect_chain[-1][0] == reverse("cases:list")
    assert response.context["user"] == world.investigator_a


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_layout_shows_user_role_navigation_and_post_logout(client_as, world):
    response = client_as(world.investigator_a).get(reverse("cases:list"))
    html = response.content.decode()
    assert world.investigator_a.get_full_name() in html
    assert "Investigator" in html and "Police department A1" in html
    assert f'href="{reverse("cases:register")}"' in html  # nav: Register a case (investigators only)
    assert f'action="{reverse("logout")}" method="post"' in html
    assert "vendor/htmx/htmx.min.js" in html and "css/ecase.css" in html


def test_prosecutor_navigation_has_no_register_link(client_as, world):
    html = client_as(world.prosecutor_a1).get(reverse("cases:list")).content.decode()
    assert f'href="{reverse("cases:list")}"' in html
    assert f'href="{reverse("cases:register")}"' not in html


def test_logout_needs_post(client_as, world):
    client = client_as(world.investigator_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 302


def test_citizen_home_is_their_complaints(client_as, world):
    response = client_as(world.citizen).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:my")
    assert client_as(world.citizen).get(reverse("cases:list")).status_code == 403


# --- case list -----------------------------------------------------------------------------------------


def test_case_list_shows_only_visible_cases(client_as, world, make_case):
    case_a1 = make_case(investigator=world.investigator_a)
    case_a2 = make_case(investigator=world.investigator_a3)
    case_b = make_case(investigator=world.investigator_b)

    def numbers(user) -> set[str]:
        response = client_as(user).get(reverse("cases:list"))
        assert response.status_code == 200
        html = response.content.decode()
        return {c.number for c in (case_a1, case_a2, case_b) if c.number in html}

    assert numbers(world.investigator_b) == {case_b.number}
    assert numbers(world.investigator_a) == {case_a1.number}
    assert numbers(world.prosecutor_a1) == {case_a1.number}  # own district only
    assert numbers(world.senior_a) == {case_a1.number, case_a2.number}  # all districts of region A, not B
    assert numbers(world.senior_b) == {case_b.number}


def test_case_list_filters_and_their_choices(client_as, world, make_case):
    theft = make_case(qualification="188 p.2", category="property")
    drugs = make_case(qualification="296 p.1", category="drugs", summary="Possession of narcotics in a car.")
    client = client_as(world.senior_a)
    html = client.get(reverse("cases:list"), {"category": "drugs"}).content.decode()
    assert drugs.number in html and theft.number not in html
    html = client.get(reverse("cases:list"), {"q": "narcotics"}).content.decode()
    assert drugs.number in html and theft.number not in html

    response = client.get(reverse("cases:list"))
    bodies = list(response.context["filter"].form.fields["investigation_body"].queryset)
    offices = list(response.context["filter"].form.fields["supervising_office"].queryset)
    assert set(bodies) == {world.police_a1, world.police_a2}  # not police-b1
    assert world.reg_b not in offices and world.dist_b1 not in offices and world.dist_a1 in offices


def test_case_list_highlights_overdue_term(client_as, world, make_case):
    make_case(registered_at=timezone.now() - timedelta(days=70))
    html = client_as(world.investigator_a).get(reverse("cases:list")).content.decode()
    assert 'class="overdue"' in html and "status-overdue" in html


def test_case_list_paginates_and_keeps_filters(client_as, world, make_case):
    for _ in range(27):
        make_case()
    client = client_as(world.investigator_a)
    response = client.get(reverse("cases:list"), {"category": "property"})
    assert len(response.context["rows"]) == 25
    assert "?category=property&amp;page=2" in response.content.decode()
    second = client.get(reverse("cases:list"), {"category": "property", "page": 2})
    assert len(second.context["rows"]) == 2


def test_case_list_query_count_does_not_grow(client_as, world, make_case, django_assert_max_num_queries):
    client = client_as(world.senior_a)
    for _ in range(5):
        make_case()
    client.get(reverse("cases:list"))  # warm up the session
    with CaptureQueriesContext(connection) as five:
        assert client.get(reverse("cases:list")).status_code == 200
    for _ in range(25):
        make_case(investigator=world.investigator_a3)
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = client.get(reverse("cases:list"))
    assert len(response.context["rows"]) == 25
    assert len(five.captured_queries) <= 12


# --- case page -----------------------------------------------------------------------------------------


def test_case_page_shows_summary_and_timeline(client_as, world, make_case):
    case = make_case()
    participant_add(case_id=case.pk, actor=world.investigator_a, role="witness", full_name="Aigerim Sadykova")
    response = client_as(world.prosecutor_a1).get(_detail_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.number in html and "District office A1" in html and "188 p.2" in html
    assert "Case registered" in html and "Participant added" in html and "Aigerim Sadykova" in html
    assert "participant-add" not in html and 'name="full_name"' not in html  # prosecutors add no materials


def test_case_page_of_another_region_is_404(client_as, world, make_case):
    case = make_case()
    assert client_as(world.investigator_b).get(_detail_url(case)).status_code == 404
    assert client_as(world.prosecutor_b1).get(_detail_url(case)).status_code == 404
    assert client_as(world.prosecutor_a2).get(_detail_url(case)).status_code == 404  # sibling district
    post = client_as(world.investigator_b).post(
        reverse("cases:participant-add", args=[case.pk]), {"role": "witness", "full_name": "X"}
    )
    assert post.status_code == 404
    assert Participant.objects.count() == 0


def test_case_page_renders_registered_panels(client_as, world, make_case, settings, tmp_path, monkeypatch):
    (tmp_path / "panel.html").write_text('<section class="panel" id="test-panel">Decisions: {{ count }}</section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    monkeypatch.setattr(case_panels, "_panels", {})
    case_panels.register(case_panels.CasePanel(name="t", template_name="panel.html", context=lambda r, c: {"count": 3}))
    case_panels.register(case_panels.CasePanel(name="hidden", template_name="panel.html", context=lambda r, c: None))
    html = client_as(world.investigator_a).get(_detail_url(make_case())).content.decode()
    assert html.count('id="test-panel"') == 1 and "Decisions: 3" in html


# --- register a case -----------------------------------------------------------------------------------


REGISTER = {"qualification": "188 p.2", "category": "property", "severity": "medium", "summary": "Theft of a bicycle."}


def test_investigator_registers_a_case(client_as, world):
    client = client_as(world.investigator_a)
    assert client.get(reverse("cases:register")).status_code == 200
    response = client.post(reverse("cases:register"), REGISTER)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail_url(case)
    assert case.investigation_body == world.police_a1 and case.qualification == "188 p.2"
    assert AuditEvent.objects.filter(action="case.registered", case=case, actor=world.investigator_a).exists()
    page = client.get(response["Location"])
    assert case.number in page.content.decode()  # the success message and heading


def test_qualification_is_normalised(client_as, world):
    client_as(world.investigator_a).post(reverse("cases:register"), {**REGISTER, "qualification": " 188  P. 2 "})
    assert Case.objects.get().qualification == "188 p.2"


def test_prosecutor_may_not_register(client_as, world):
    client = client_as(world.prosecutor_a1)
    assert client.get(reverse("cases:register")).status_code == 403
    response = client.post(reverse("cases:register"), REGISTER)
    assert response.status_code == 403
    assert b"403" in response.content
    assert Case.objects.count() == 0


@pytest.mark.parametrize("qualification", ["theft", "188 part two", "1888", "", "188 p."])
def test_bad_qualification_is_refused(client_as, world, qualification):
    response = client_as(world.investigator_a).post(
        reverse("cases:register"), {**REGISTER, "qualification": qualification}
    )
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert "qualification" in response.context["form"].errors
    assert Case.objects.count() == 0 and AuditEvent.objects.count() == 0


# --- languages -----------------------------------------------------------------------------------------


def test_accept_language_russian(client_as, world):
    response = client_as(world.investigator_a).get(reverse("cases:list"), HTTP_ACCEPT_LANGUAGE="ru")
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Уголовные дела" in html and "Зарегистрировать дело" in html


def test_language_switcher(client_as, world):
    client = client_as(world.investigator_a)
    response = client.post(reverse("set_language"), {"language": "kk", "next": reverse("cases:list")})
    assert response.status_code == 302 and response["Location"] == reverse("cases:list")
    html = client.get(reverse("cases:list")).content.decode()
    assert '<html lang="kk">' in html and "Қылмыстық істер" in html
    client.post(reverse("set_language"), {"language": "ru", "next": reverse("cases:list")})
    assert "Уголовные дела" in client.get(reverse("cases:list")).content.decode()


# --- error pages ---------------------------------------------------------------------------------------


def test_error_pages_render(client_as, world, rf):
    from django.template.loader import render_to_string

    assert "500" in render_to_string("500.html")  # no context, no request
    response = client_as(world.investigator_a).get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


# --- admin ---------------------------------------------------------------------------------------------


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_admin_lists_every_model(client, world, make_case, admin_user):
    case = make_case()
    participant_add(case_id=case.pk, actor=world.investigator_a, role="victim", full_name="Dana Nurlanova")
    client.force_login(admin_user)
    for name in [
        "organisation",
        "user",
        "apitoken",
        "case",
        "person",
        "participant",
        "document",
        "investigativeaction",
        "terminationground",
        "calendarexception",
        "registercounter",
        "auditevent",
        "auditverification",
    ]:
        response = client.get(reverse(f"admin:ecase_{name}_changelist"))
        assert response.status_code == 200, name
    html = client.get(reverse("admin:index")).content.decode()
    assert "eCase administration" in html


def test_admin_case_is_read_only(client, world, make_case, admin_user):
    case = make_case()
    client.force_login(admin_user)
    response = client.get(reverse("admin:ecase_case_change", args=[case.pk]))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    assert client.get(reverse("admin:ecase_case_add")).status_code == 403
    assert client.post(reverse("admin:ecase_case_delete", args=[case.pk]), {"post": "yes"}).status_code == 403
    case.refresh_from_db()


def test_admin_audit_events_cannot_be_changed_or_deleted(client, world, make_case, admin_user):
    make_case()
    event = AuditEvent.objects.get()
    client.force_login(admin_user)
    assert client.get(reverse("admin:ecase_auditevent_change", args=[event.pk])).status_code == 200
    assert client.post(reverse("admin:ecase_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:ecase_auditevent_add")).status_code == 403
    assert AuditEvent.objects.count() == 1


def test_admin_revokes_tokens(client, world, admin_user):
    token, _raw = token_issue(user=world.investigator_a, name="police records")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:ecase_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    token = ApiToken.objects.get(pk=token.pk)
    assert token.revoked_at is not None and not token.is_active


def test_admin_link_only_for_superusers(client_as, world, admin_user):
    assert reverse("admin:index") not in client_as(world.senior_a).get(reverse("cases:list")).content.decode()
    assert reverse("admin:index") in client_as(admin_user).get(reverse("cases:list")).content.decode()


def test_login_page_offers_public_complaint_links(client, db):
    body = client.get(reverse("login")).content.decode()
    assert reverse("complaints:file") in body
    assert reverse("complaints:track") in body
