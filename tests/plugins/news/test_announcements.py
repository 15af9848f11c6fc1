"""Event announcements (اطلاع‌رسانی رویدادها): the letter to all or chosen agencies, its list, its
PDF and who may change it."""
import datetime
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.models import Organization
from plugins.news.models import Announcement

from .conftest import ABAN_25_1403, text_of


@pytest.fixture
def agencies():
    rows = [Organization(name=name, type=kind, city="یزد") for name, kind in (
        ("اداره کل آموزش و پرورش استان یزد", "agency"), ("فرمانداری شهرستان میبد", "county"),
        ("خبرگزاری ایرنا یزد", "press"))]
    db.session.add_all(rows)
    db.session.commit()
    return rows


@pytest.fixture
def make_announcement():
    def factory(title="مراسم گرامیداشت روز ملی خبرنگار", event_on=ABAN_25_1403, **fields):
        announcement = Announcement(title=title, body=fields.pop("body", "متن نامه"), event_on=event_on,
                                    sent_on=fields.pop("sent_on", event_on - datetime.timedelta(days=5)), **fields)
        db.session.add(announcement)
        db.session.commit()
        return announcement
    return factory


def announcement_count():
    return db.session.scalar(select(func.count()).select_from(Announcement))


def pdf_text(data):
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


LETTER = {"title": "همایش تجلیل از روابط عمومی‌های برتر", "body": "از آن دستگاه دعوت می‌شود.\nنماینده معرفی شود.",
          "event_on": "۱۴۰۳/۰۸/۲۵", "event_time": "۱۰:۰۰", "place": "تالار فرهنگ یزد", "sent_on": "۱۴۰۳/۰۸/۲۰",
          "letter_number": "۲۱۵/۱۲۳۴", "signer": "مجتبی فلاح‌زاده"}


def test_a_letter_to_chosen_agencies_is_recorded_with_persian_digits(staff_client, agencies):
    education, meybod, _press = agencies
    response = staff_client.post("/news/announcements/new", data={
        **LETTER, "recipients": [str(education.id), str(meybod.id)]})
    assert response.status_code == 303
    announcement = db.session.scalar(select(Announcement))
    assert (announcement.event_on, announcement.event_time, announcement.letter_number) == (
        ABAN_25_1403, datetime.time(10, 0), "۲۱۵/۱۲۳۴")
    assert not announcement.all_agencies and set(announcement.recipients) == {education, meybod}
    page = text_of(staff_client.get(f"/news/announcements/{announcement.id}"))
    assert "همایش تجلیل" in page and "فرمانداری شهرستان میبد" in page and "۲۵ آبان ۱۴۰۳" in page
    listing = text_of(staff_client.get("/news/announcements/"))
    assert "همایش تجلیل" in listing and "شماره ۲۱۵/۱۲۳۴" in listing


def test_the_next_letter_is_signed_like_the_last_one(staff_client):
    assert staff_client.post("/news/announcements/new", data={**LETTER, "all_agencies": "y"}).status_code == 303
    assert 'value="مجتبی فلاح‌زاده"' in staff_client.get("/news/announcements/new").get_data(as_text=True)


def test_a_letter_needs_recipients_a_date_and_a_text_and_keeps_what_was_typed(staff_client, agencies):
    _education, _meybod, press = agencies
    response = staff_client.post("/news/announcements/new", data={**LETTER, "event_on": "۱۴۰۲/۱۲/۳۰", "body": ""})
    assert response.status_code == 422
    page = text_of(response)
    assert "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد" in page and "متن نامه را وارد کنید" in page
    assert "دستگاه‌های گیرنده را انتخاب کنید" in page
    assert 'value="تالار فرهنگ یزد"' in response.get_data(as_text=True)
    not_an_agency = staff_client.post("/news/announcements/new", data={**LETTER, "recipients": [str(press.id)]},
                                      headers={"HX-Request": "true"})
    assert not_an_agency.status_code == 422 and "<html" not in not_an_agency.get_data(as_text=True)
    assert "این سازمان در فهرست سازمان‌ها نیست" in text_of(not_an_agency)  # a press outlet is no agency
    assert announcement_count() == 0


def test_the_letter_pdf_goes_to_all_agencies_with_its_number_subject_and_signature(staff_client):
    staff_client.post("/news/announcements/new", data={**LETTER, "all_agencies": "y"})
    announcement = db.session.scalar(select(Announcement))
    response = staff_client.get(f"/news/announcements/{announcement.id}/letter.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    if shutil.which("pdftotext"):
        text = pdf_text(response.data)
        for expected in ("اداره کل روابط عمومی استانداری یزد", "همه دستگاه‌های اجرایی استان",
                         "همایش تجلیل از روابط عمومی‌های برتر", "۲۱۵/۱۲۳۴", "۱۴۰۳/۰۸/۲۰",
                         "نماینده معرفی شود", "تالار فرهنگ یزد", "مجتبی فلاح‌زاده", "مدیرکل روابط عمومی"):
            assert expected in text, expected


def test_the_letter_pdf_names_the_chosen_recipients(staff_client, agencies, make_announcement):
    education, meybod, _press = agencies
    announcement = make_announcement(all_agencies=False, recipients=[education, meybod])
    text = pdf_text(staff_client.get(f"/news/announcements/{announcement.id}/letter.pdf").data) \
        if shutil.which("pdftotext") else ""
    if text:
        assert "اداره کل آموزش و پرورش استان یزد" in text and "فرمانداری شهرستان میبد" in text
        assert "همه دستگاه‌های اجرایی" not in text


def test_sending_to_all_agencies_on_edit_drops_the_chosen_ones(staff_client, agencies, make_announcement):
    education, _meybod, _press = agencies
    announcement = make_announcement(all_agencies=False, recipients=[education])
    response = staff_client.post(f"/news/announcements/{announcement.id}/edit", data={
        **LETTER, "all_agencies": "y", "recipients": [str(education.id)]})
    assert response.status_code == 303
    assert announcement.all_agencies and announcement.recipients == []
    assert "همه دستگاه‌های اجرایی استان" in text_of(staff_client.get(f"/news/announcements/{announcement.id}"))


def test_the_list_searches_filters_by_event_date_and_exports(staff_client, make_announcement):
    make_announcement("نمایشگاه دستاوردهای دولت", event_on=ABAN_25_1403)
    make_announcement("اجلاسیه شهدای استان", event_on=datetime.date(2025, 2, 1))
    found = staff_client.get("/news/announcements/?q=نمايشگاه", headers={"HX-Request": "true"})
    assert "نمایشگاه دستاوردهای دولت" in text_of(found) and "اجلاسیه" not in text_of(found)
    aban = text_of(staff_client.get("/news/announcements/?start=1403/08/01&end=1403/08/30"))
    assert "نمایشگاه" in aban and "اجلاسیه" not in aban
    sheet = load_workbook(io.BytesIO(staff_client.get("/news/announcements/?format=xlsx").data)).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "اجلاسیه شهدای استان" in cells and "همه دستگاه‌های اجرایی استان" in cells
    search = staff_client.get("/search?q=اجلاسيه").get_data(as_text=True)
    assert "اطلاع‌رسانی رویدادها" in search and "/news/announcements/" in search


def test_a_viewer_reads_and_prints_but_cannot_change_and_other_departments_get_403(
        app, login, make_user, make_department, department, make_announcement):
    announcement = make_announcement()
    viewer = login(make_user("viewer"), test_client=app.test_client())
    assert "روز ملی خبرنگار" in text_of(viewer.get("/news/announcements/"))
    assert viewer.get(f"/news/announcements/{announcement.id}/letter.pdf").status_code == 200
    assert viewer.get("/news/announcements/new").status_code == 403
    assert viewer.post(f"/news/announcements/{announcement.id}/delete").status_code == 403
    outsider = login(make_user("staff", departments=[make_department()]), test_client=app.test_client())
    assert outsider.get("/news/announcements/").status_code == 403
    assert outsider.post("/news/announcements/new", data={**LETTER, "all_agencies": "y"}).status_code == 403
    assert announcement_count() == 1


def test_an_announcement_moved_to_the_trash_answers_404(staff_client, make_announcement):
    announcement = make_announcement()
    assert staff_client.post(f"/news/announcements/{announcement.id}/delete").status_code == 303
    assert staff_client.get(f"/news/announcements/{announcement.id}").status_code == 404
    assert staff_client.get(f"/news/announcements/{announcement.id}/letter.pdf").status_code == 404
