"""The news department's day in a real browser, with nothing but the pages to go by: record,
publish and find a news item, build an event with photos, send an SMS bulletin through the
outbox, schedule and hold a press conference, and export the month's bulletin."""
import io
import re

import jdatetime
import pytest
from PIL import Image
from playwright.sync_api import expect

from core.jalali import today
from core.testing import DEFAULT_PASSWORD, pick_person

pytestmark = [pytest.mark.browser, pytest.mark.committing]

TITLE = "بازدید استاندار از طرح آبرسانی روستاهای بافق"


@pytest.fixture(scope="module")
def live(live_server, browser):
    """The live server with the news department, its head, an official and an outlet."""
    from core.auth.passwords import hash_password
    from core.db import db
    from core.models import Department, ModuleState, Organization, Person, User

    with live_server.app.app_context():
        department = Department(name="واحد خبر و اطلاع‌رسانی")
        head = User(username="head", full_name="رئیس خبر", role="head", password_hash=hash_password(DEFAULT_PASSWORD))
        head.departments.append(department)
        department.head = head
        outlet = Organization(name="خبرگزاری ایرنا یزد", type="press", city="یزد")
        db.session.add_all([department, head, outlet,
                            Person(first_name="مهدی", last_name="صادقیان", position="استاندار یزد"),
                            Person(first_name="سارا", last_name="امینی", position="خبرنگار", organization=outlet,
                                   mobile="09131234567")])
        db.session.flush()
        db.session.add(ModuleState(key="news", department_id=department.id, enabled=True))
        db.session.commit()
    return live_server


def jpeg(path, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def jalali_today():
    return jdatetime.date.fromgregorian(date=today()).strftime("%Y/%m/%d")


def test_a_new_user_runs_the_news_departments_work_in_the_browser(page, live, tmp_path):
    page.goto(live("/login"))
    page.fill("#username", "head")
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("#login-form button[type=submit]")

    # Record a news item, publish it and record where it was published.
    page.click("nav.mainnav >> text=خبر و اطلاع‌رسانی")
    page.get_by_role("link", name="خبر تازه", exact=True).click()
    page.fill("#title", TITLE)
    page.fill("#lead", "استاندار یزد از پیشرفت طرح آبرسانی به ۱۲ روستای بافق بازدید کرد.")
    pick_person(page, "officials", "صادقیان")
    page.locator("label", has_text="عمرانی").locator("input").check()
    page.click("#item-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text(TITLE)
    expect(page.locator("main")).to_contain_text("پیش‌نویس")
    page.click("#publish-form button[type=submit]")
    expect(page.locator("main")).to_contain_text("منتشرشده")
    page.select_option("#channel", label="پایگاه اطلاع‌رسانی استانداری")
    page.fill("#link", "https://www.ostan-yz.ir/news/1")
    page.click("#publication-form button[type=submit]")
    expect(page.locator("#publications")).to_contain_text("پایگاه اطلاع‌رسانی استانداری")

    # Find it from the search box of any page (once the page has settled after the publication).
    page.wait_for_load_state("networkidle")
    page.fill("#nav-search", "آبرسانی بافق")
    page.press("#nav-search", "Enter")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    expect(page.locator("main")).to_contain_text(TITLE)

    # Build an event of the photo archive and add its photos.
    page.click("nav.mainnav >> text=خبر و اطلاع‌رسانی")
    page.click("nav.tabs >> text=آرشیو تصاویر")
    page.get_by_role("link", name="رویداد تازه", exact=True).click()
    page.fill("#title", "بازدید از طرح آبرسانی بافق")
    page.fill("#date", jalali_today())
    page.fill("#place", "بافق")
    pick_person(page, "officials", "صادقیان")
    page.click("#event-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("بازدید از طرح آبرسانی بافق")
    page.set_input_files("form[data-photo-upload] input[type=file]",
                         [jpeg(tmp_path / "a.jpg", "teal"), jpeg(tmp_path / "b.jpg", "orange")])
    page.click("form[data-photo-upload] button[type=submit]")
    expect(page.locator("#photo-strip img")).to_have_count(2)

    # Send an SMS bulletin to a reporter through the outbox.
    page.click("nav.tabs >> text=ارتباط با رسانه‌ها")
    page.get_by_role("link", name="خبرنامه‌های پیامکی", exact=True).click()
    page.fill("#title", "خبرنامه امروز")
    page.fill("#text", "بازدید استاندار از طرح آبرسانی روستاهای بافق؛ مشروح در پایگاه استانداری")
    page.fill("#numbers", "۰۹۱۳۱۲۳۴۵۶۷")
    page.get_by_role("button", name="پیش‌نمایش گیرندگان").click()
    page.get_by_role("button", name="فرستادن به ۱ گیرنده").click()
    expect(page).to_have_url(re.compile(r"/sms/"))
    expect(page.locator("main")).to_contain_text("۰۹۱۳۱۲۳۴۵۶۷")

    # Propose a press conference, approve it and record it as held with its outlet and news item.
    page.goto(live("/news/"))
    page.click("nav.tabs >> text=نشست‌های خبری")
    page.get_by_role("link", name="پیشنهاد نشست خبری", exact=True).click()
    pick_person(page, "official", "صادقیان")
    page.fill("#subject", "تشریح طرح‌های آبرسانی استان")
    page.fill("#proposed_on", jalali_today())
    page.click("#conference-form button[type=submit].primary")
    expect(page.locator("h1")).to_contain_text("تشریح طرح‌های آبرسانی استان")
    page.click("main >> button:has-text('تأیید')")
    expect(page.locator("main")).to_contain_text("تأییدشده")
    page.get_by_role("link", name="ثبت برگزاری", exact=True).click()
    page.select_option("#outlets", label="خبرگزاری ایرنا یزد")
    page.locator("#held-form label", has_text=TITLE).locator("input").check()
    page.click("#held-form button[type=submit].primary")
    expect(page.locator("main")).to_contain_text("برگزارشده")
    expect(page.locator("main")).to_contain_text("خبرگزاری ایرنا یزد")
    expect(page.locator("main")).to_contain_text(TITLE)

    # Make this month's bulletin and export it as a PDF.
    page.click("nav.tabs >> text=بولتن‌ها")
    page.get_by_role("link", name="بولتن جدید", exact=True).click()
    now = jdatetime.date.fromgregorian(date=today())
    page.fill("#year", str(now.year))
    page.select_option("#month", str(now.month))
    page.click("#bulletin-form button[type=submit]")
    page.click("main >> button:has-text('انتخاب خودکار')")
    expect(page.locator("main")).to_contain_text(TITLE)
    pdf_url = page.locator("a", has_text="PDF بولتن").get_attribute("href")
    response = page.request.get(live(pdf_url))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
