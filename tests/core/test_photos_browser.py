"""Uploading photos in a real browser: htmx posts the form, static/js/upload.js follows the upload's
progress, the answer lists every file and the meeting's photo strip reloads itself."""
import datetime

import pytest
from playwright.sync_api import expect

from core.testing import DEFAULT_PASSWORD
from tests.core.test_files import PROGRAMS, photo_bytes

pytestmark = [pytest.mark.browser, pytest.mark.committing]


@pytest.fixture(scope="module")
def meeting_url(live_server, browser):
    from core.auth.passwords import hash_password
    from core.committees.models import Committee, Meeting
    from core.db import db
    from core.models import Department, User

    with live_server.app.app_context():
        department = Department(name="واحد خبر")
        staff = User(username="staff", full_name="کارشناس خبر", role="staff",
                     password_hash=hash_password(DEFAULT_PASSWORD), departments=[department])
        committee = Committee(name="کارگروه رسانه‌ای", department=department)
        meeting = Meeting(committee=committee, type="general", status="held", date=datetime.date(2025, 10, 1),
                          title="بازدید از خانه مطبوعات")
        db.session.add_all([department, staff, committee, meeting])
        db.session.commit()
        return live_server(f"/committees/{committee.id}/meetings/{meeting.id}")


def test_photos_upload_with_progress_and_every_files_outcome(page, live_server, meeting_url, tmp_path):
    names = []
    for n, (name, data) in enumerate([("DSC_1.jpg", photo_bytes(size=(2400, 1600), mark=1)),
                                      ("DSC_2.jpg", photo_bytes(size=(2400, 1600), mark=2)),
                                      ("setup.jpg", PROGRAMS["windows"])]):
        (tmp_path / name).write_bytes(data)
        names.append(str(tmp_path / name))
    page.goto(live_server("/login"))
    page.fill("#username", "staff")
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.goto(meeting_url)
    expect(page.locator("#photos")).to_contain_text("هنوز عکسی افزوده نشده است.")
    page.evaluate("""window.__notReloaded = true; window.__progress = [];
        document.addEventListener('htmx:xhr:progress', e => window.__progress.push(e.detail.loaded));""")
    page.set_input_files("form[data-photo-upload] input[type=file]", names)
    expect(page.locator("form[data-photo-upload] .upload-status")).to_contain_text("۳ فایل انتخاب شد")
    page.click("form[data-photo-upload] button[type=submit]")
    report = page.locator("#photo-upload-results .upload-report")
    expect(report).to_contain_text("۲ ذخیره شد")
    expect(report).to_contain_text("setup.jpg")
    expect(report).to_contain_text("این فایل یک برنامه اجرایی است، نه عکس.")
    expect(page.locator("#photo-strip img")).to_have_count(2)  # the strip reloaded itself
    expect(page.locator("#photo-strip")).to_contain_text("(۲)")
    expect(page.locator("form[data-photo-upload] .upload-progress")).to_be_hidden()
    assert page.evaluate("window.__notReloaded === true") and page.evaluate("window.__progress.length") > 0
    assert page.locator("#photo-strip img").first.get_attribute("loading") == "lazy"
