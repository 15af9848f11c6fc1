"""The core in a real browser: Debian's Chromium driven by Playwright against a live server."""
import re

import pytest
from playwright.sync_api import expect

from core.testing import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.committing]


@pytest.fixture(scope="module")
def live(live_server, browser):
    """The live server with a department, its users, a few people and the example plugin on."""
    from core.auth.passwords import hash_password
    from core.db import db
    from core.models import Department, ModuleState, Person, User

    with live_server.app.app_context():
        news = Department(name="واحد خبر")
        password = hash_password(DEFAULT_PASSWORD)
        users = [User(username=name, full_name=full, role=role, password_hash=password)
                 for name, full, role in [("admin", "مدیر سامانه", "admin"), ("head", "رئیس خبر", "head"),
                                          ("staff", "کارشناس خبر", "staff")]]
        users[2].departments.append(news)
        news.head = users[1]
        db.session.add_all([news, *users,
                            Person(first_name="علی", last_name="رضایی", mobile="09131234567"),
                            Person(first_name="زهرا", last_name="کریمی", mobile="09137654321")])
        db.session.flush()
        db.session.add(ModuleState(key="sample", department_id=news.id, enabled=True))
        db.session.commit()
    return live_server


def log_in(page, live, username, password=DEFAULT_PASSWORD):
    page.goto(live("/login"))
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-form button[type=submit]")


def mark_page(page):
    """A marker that survives htmx swaps but not a full page load."""
    page.evaluate("window.__notReloaded = true")


def assert_not_reloaded(page):
    assert page.evaluate("window.__notReloaded === true")


def test_login_page_is_persian_rtl_with_the_font(page, live):
    page.goto(live("/login"))
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    log_in(page, live, "staff", "wrong password")
    expect(page.locator(".form-errors")).to_contain_text("نام کاربری یا گذرواژه نادرست است")
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("#login-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("کارشناس خبر")


def test_navigation_and_htmx_list_filter(page, live):
    log_in(page, live, "staff")
    page.click("nav.mainnav >> text=اشخاص و سازمان‌ها")
    expect(page).to_have_url(re.compile(r"/directory/people"))
    expect(page.locator("#results")).to_contain_text("زهرا کریمی")
    mark_page(page)
    page.fill("#q", "علي")  # Arabic yeh finds the Persian name
    expect(page.locator("#results")).not_to_contain_text("زهرا کریمی")
    expect(page.locator("#results")).to_contain_text("علی رضایی")
    expect(page).to_have_url(re.compile(r"q=%D8%B9%D9%84%D9%8A|q=علي"))
    assert_not_reloaded(page)


def test_inline_validation_error_keeps_the_page(page, live):
    log_in(page, live, "staff")
    page.goto(live("/account/password"))
    mark_page(page)
    page.fill("#current", DEFAULT_PASSWORD)
    page.fill("#new", "short")
    page.fill("#confirm", "short")
    page.click("#password-form button[type=submit]")
    expect(page.locator("#password-form .errors")).to_contain_text("دست‌کم")
    assert page.input_value("#current") == ""  # passwords are never sent back …
    assert_not_reloaded(page)  # … but the page stayed: the form was swapped in place


def test_head_turns_a_module_off_and_on(page, live):
    log_in(page, live, "head")
    sample_link = page.locator("nav.mainnav a[href='/sample/']")
    expect(sample_link).to_have_count(1)
    page.goto(live("/modules/"))
    page.click("#module-sample button")
    expect(page.locator("#flashes")).to_contain_text("خاموش شد")
    expect(sample_link).to_have_count(0)
    response = page.goto(live("/sample/"))
    assert response.status == 404
    expect(page.locator("h1")).to_contain_text("۴۰۴")
    page.goto(live("/modules/"))
    page.click("#module-sample button")
    expect(page.locator("#flashes")).to_contain_text("روشن شد")
    expect(sample_link).to_have_count(1)
    assert page.goto(live("/sample/")).status == 200


def test_expired_session_sends_htmx_requests_to_the_login_page(page, live):
    log_in(page, live, "staff")
    page.goto(live("/directory/people/"))
    page.context.clear_cookies()
    page.fill("#q", "زهرا")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(page.locator("#login-form")).to_be_visible()


def test_csrf_failure_on_htmx_is_shown(page, live):
    log_in(page, live, "staff")
    page.goto(live("/account/password"))
    page.evaluate("document.querySelector('meta[name=csrf-token]').content = 'tampered'")
    page.evaluate("document.querySelector('#password-form input[name=csrf_token]').value = 'tampered'")
    page.fill("#current", DEFAULT_PASSWORD)
    page.fill("#new", "a long new secret")
    page.fill("#confirm", "a long new secret")
    page.click("#password-form button[type=submit]")
    expect(page.locator("#htmx-error")).to_be_visible()
    expect(page.locator("#htmx-error")).to_contain_text("اعتبار فرم")


def test_phone_layout_folds_the_menu(browser, live):
    context = browser.new_context(locale="fa-IR", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        log_in(phone, live, "staff")
        expect(phone.locator("nav.mainnav")).to_be_hidden()
        phone.click("label.menu-button")
        expect(phone.locator("nav.mainnav")).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
