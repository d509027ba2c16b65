import pytest

pytestmark = [pytest.mark.browser]


def test_login_page_and_demo_login(page, live_server, world, login):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("input[name=username]").is_visible()
    login(world.investigator_a)
    assert "/accounts/login/" not in page.url
