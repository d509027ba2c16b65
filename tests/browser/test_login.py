import pytest

pytestmark = [pytest.mark.browser]


def test_login_page_and_demo_login(page, live_server, world, login):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("input[name=username]").is_visible()
    page.screenshot(path="/tmp/login_page.png", full_page=True)
    login(world.investigator_a)
    assert "/accounts/login/" not in page.url


def test_wrong_password_shows_an_error_and_logout_works(page, live_server, world, login):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", world.investigator_a.username)
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    assert page.locator(".errorlist").is_visible()
    page.screenshot(path="/tmp/login_error.png", full_page=True)

    login(world.investigator_a)
    assert page.url.endswith("/cases/")
    page.click("button:has-text('Log out')")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/cases/")
    assert "/accounts/login/" in page.url
