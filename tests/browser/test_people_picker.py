"""The person picker in a real browser: search, tick, search again, save; and the same without JavaScript."""
import pytest
from playwright.sync_api import expect

from core.testing import DEFAULT_PASSWORD
from tests.core.test_people_picker import add_meeting_page

pytestmark = [pytest.mark.browser, pytest.mark.committing]


@pytest.fixture(scope="module")
def live(live_server, browser):
    from core.auth.passwords import hash_password
    from core.db import db
    from core.models import Organization, Person, User

    add_meeting_page(live_server.app)  # before the server's first request
    with live_server.app.app_context():
        press = Organization(name="خبرگزاری ایرنا", type="press")
        db.session.add_all([
            User(username="staff", full_name="کارشناس", role="staff", password_hash=hash_password(DEFAULT_PASSWORD)),
            press,
            Person(first_name="علی", last_name="کریمی", position="معاون سیاسی"),
            Person(first_name="زهرا", last_name="کریمی", position="خبرنگار", organization=press),
            Person(first_name="حسن", last_name="رضایی", position="استاندار"),
        ])
        db.session.commit()
    return live_server


def log_in(page, live):
    """Log in straight to the test page: the home page without JavaScript refreshes itself to its
    full version, which would race the test's next navigation."""
    page.goto(live("/login?next=/picker-test"))
    page.fill("#username", "staff")
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def option(page, field, name):
    return page.locator(f"#{field}-options label", has_text=name).locator("input")


def test_search_tick_search_again_and_save(page, live, tmp_path):
    log_in(page, live)
    page.goto(live("/picker-test"))
    page.fill("#guests", "کريمي")  # Arabic ye and kaf find the Persian spelling
    expect(page.locator("#guests-options input[type=checkbox]")).to_have_count(2)
    option(page, "guests", "زهرا کریمی").check()
    page.fill("#guests", "رضایی")
    expect(option(page, "guests", "حسن رضایی")).to_have_count(1)
    expect(option(page, "guests", "زهرا کریمی")).to_be_checked()  # ticked ones stay
    expect(option(page, "guests", "علی کریمی")).to_have_count(0)
    page.fill("#official", "استاندار")
    option(page, "official", "حسن رضایی").check()
    page.screenshot(path=str(tmp_path / "picker.png"), full_page=True)
    page.click("main button[type=submit]")
    expect(page.locator("#main, main, body").first).to_contain_text("saved: حسن رضایی / زهرا کریمی")


def test_without_javascript_the_typed_text_is_resolved(browser, live):
    context = browser.new_context(locale="fa-IR", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live)
        page.goto(live("/picker-test"))
        page.fill("#official", "رضایی")
        page.fill("#guests", "کریمی")
        page.click("main button[type=submit]")
        expect(page.locator("#guests-errors")).to_contain_text("۲ نفر با «کریمی» مطابقت دارند")
        expect(page.locator("#official")).to_have_value("")  # resolved: حسن رضایی is chosen
        expect(option(page, "official", "حسن رضایی")).to_be_checked()
        expect(page.locator("#guests")).to_have_value("کریمی")
        option(page, "guests", "علی کریمی").check()
        page.click("main button[type=submit]")
        expect(page.locator("body")).to_contain_text("saved: حسن رضایی / علی کریمی")
    finally:
        context.close()
