"""Press conferences (نشست‌های خبری): the timetable, the workflow proposed → approved → held or
cancelled, overdue ones, the PDF, the calendar and the search."""
import datetime
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.jalali import TIMEZONE, to_jalali_input, today
from plugins.news.models import PressConference
from plugins.news.views.press import calendar_entries

from .conftest import ABAN_25_1403, text_of

FAR_PAST = datetime.date(2024, 10, 1)  # ۱۰ مهر ۱۴۰۳


@pytest.fixture
def official(make_person):
    return make_person("علی", "آقازاده", "معاون سیاسی، امنیتی و اجتماعی استاندار")


@pytest.fixture
def make_conference(official):
    def factory(subject="برنامه‌های هفته دولت", proposed_on=ABAN_25_1403, status="proposed", **fields):
        conference = PressConference(subject=subject, proposed_on=proposed_on, status=status,
                                     official=fields.pop("official", official), **fields)
        db.session.add(conference)
        db.session.commit()
        return conference
    return factory


def conference_count():
    return db.session.scalar(select(func.count()).select_from(PressConference))


def test_a_conference_proposed_with_persian_digits_is_on_the_timetable(staff_client, official):
    response = staff_client.post("/news/press/new", data={
        "kind": "conference", "subject": "طرح‌های عمرانی نیمه‌تمام", "official": str(official.id),
        "proposed_on": "۱۴۰۳/۰۸/۲۵", "start_time": "۱۰:۳۰", "place": "سالن شهید رجائی"})
    assert response.status_code == 303
    conference = db.session.scalar(select(PressConference))
    assert (conference.proposed_on, conference.start_time, conference.status) == (
        ABAN_25_1403, datetime.time(10, 30), "proposed")
    assert response.headers["Location"].endswith(f"/news/press/{conference.id}")
    page = text_of(staff_client.get(f"/news/press/{conference.id}"))
    assert "طرح‌های عمرانی نیمه‌تمام" in page and "علی آقازاده" in page and "ساعت ۱۰:۳۰" in page
    listing = text_of(staff_client.get("/news/press/"))
    assert "جدول زمان‌بندی نشست‌های خبری" in listing and "۲۵ آبان ۱۴۰۳" in listing and "پیشنهادی" in listing


def test_save_and_next_comes_back_to_an_empty_form_with_the_kind_and_place(staff_client, official):
    response = staff_client.post("/news/press/new", data={
        "kind": "briefing", "subject": "نشست اول", "official": str(official.id), "proposed_on": "1403/08/25",
        "place": "خانه مطبوعات", "next": "1"})
    assert response.status_code == 303 and "/news/press/new?" in response.headers["Location"]
    form = staff_client.get(response.headers["Location"])
    html = form.get_data(as_text=True)
    assert 'selected value="briefing"' in html and 'value="خانه مطبوعات"' in html and 'value="نشست اول"' not in html
    assert "نشست بعدی را وارد کنید" in text_of(form)
    assert conference_count() == 1


def test_bad_input_is_refused_in_persian_and_nothing_is_saved(staff_client, official):
    data = {"kind": "conference", "subject": "", "official": str(official.id), "proposed_on": "۱۴۰۲/۱۲/۳۰",
            "start_time": "۲۵:۰۰", "place": "سالن همایش‌ها"}
    response = staff_client.post("/news/press/new", data=data)
    assert response.status_code == 422
    page = text_of(response)
    assert "موضوع را وارد کنید" in page and "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد" in page
    assert 'value="سالن همایش‌ها"' in response.get_data(as_text=True)  # nothing typed is lost
    fragment = staff_client.post("/news/press/new", data={**data, "official": ""}, headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 422 and "<html" not in html
    assert "مقامی را که نشست را برگزار می‌کند انتخاب کنید" in text_of(fragment)
    assert conference_count() == 0


def test_staff_cannot_approve_the_head_approves_and_staff_record_it_held(
        staff_client, head_client, head, make_conference, make_outlet, make_item):
    conference = make_conference(proposed_on=ABAN_25_1403)
    assert staff_client.post(f"/news/press/{conference.id}/approve").status_code == 403
    assert conference.status == "proposed"
    assert head_client.post(f"/news/press/{conference.id}/approve").status_code == 303
    assert (conference.status, conference.approved_by) == ("approved", head)

    irna = make_outlet("خبرگزاری ایرنا یزد")
    make_outlet("روزنامه پیمان یزد")
    near = make_item("نشست خبری معاون سیاسی استاندار", date=ABAN_25_1403 + datetime.timedelta(days=2))
    far = make_item("گزارش قدیمی معاونت سیاسی", date=ABAN_25_1403 - datetime.timedelta(days=20))
    form = text_of(staff_client.get(f"/news/press/{conference.id}/held"))
    assert near.title in form and far.title not in form
    found = staff_client.post(f"/news/press/{conference.id}/held", data={
        "held_on": "۱۴۰۳/۰۸/۲۵", "item_query": "قدیمی", "items": [str(near.id)], "find": "1"})
    assert found.status_code == 200 and far.title in text_of(found) and conference.status == "approved"

    response = staff_client.post(f"/news/press/{conference.id}/held", data={
        "held_on": "۱۴۰۳/۰۸/۲۵", "outlets": [str(irna.id)], "items": [str(near.id), str(far.id)]})
    assert response.status_code == 303
    assert (conference.status, conference.held_on) == ("held", ABAN_25_1403)
    assert conference.outlets == [irna] and {item.id for item in conference.items} == {near.id, far.id}
    page = staff_client.get(f"/news/press/{conference.id}").get_data(as_text=True)
    assert "خبرگزاری ایرنا یزد" in page and f'href="/news/items/{near.id}"' in page
    assert "روزنامه پیمان یزد" not in page


def test_illegal_transitions_say_why_and_change_nothing(head_client, make_conference):
    held = make_conference(status="held", held_on=ABAN_25_1403)
    response = head_client.post(f"/news/press/{held.id}/approve", follow_redirects=True)
    assert "فقط نشست پیشنهادی را می‌توان تأیید کرد؛ وضعیت این نشست «برگزارشده» است" in text_of(response)
    assert held.status == "held" and held.approved_by is None
    response = head_client.post(f"/news/press/{held.id}/cancel", data={"cancel_reason": "دلیل"},
                                follow_redirects=True)
    assert "فقط نشست پیشنهادی یا تأییدشده را می‌توان لغو کرد" in text_of(response)
    assert held.status == "held" and held.cancel_reason == ""

    cancelled = make_conference(status="cancelled", cancel_reason="سفر مدیرکل")
    response = head_client.post(f"/news/press/{cancelled.id}/held", data={"held_on": "1403/08/25"},
                                follow_redirects=True)
    assert "نشست لغوشده را نمی‌توان برگزارشده ثبت کرد" in text_of(response)
    assert cancelled.status == "cancelled" and cancelled.held_on is None


def test_cancelling_needs_a_reason_and_holding_needs_a_past_date(staff_client, make_conference):
    conference = make_conference()
    response = staff_client.post(f"/news/press/{conference.id}/cancel", data={"cancel_reason": " "})
    assert response.status_code == 422 and "دلیل لغو را بنویسید" in text_of(response)
    tomorrow = to_jalali_input(today() + datetime.timedelta(days=1))
    future = staff_client.post(f"/news/press/{conference.id}/held", data={"held_on": tomorrow})
    assert future.status_code == 422 and "تاریخ برگزاری نشست نمی‌تواند در آینده باشد" in text_of(future)
    assert conference.status == "proposed"
    response = staff_client.post(f"/news/press/{conference.id}/cancel", data={"cancel_reason": "سفر ناگهانی مدیرکل"})
    assert response.status_code == 303
    assert (conference.status, conference.cancel_reason) == ("cancelled", "سفر ناگهانی مدیرکل")
    assert "سفر ناگهانی مدیرکل" in text_of(staff_client.get(f"/news/press/{conference.id}"))


def test_open_conferences_whose_day_passed_are_flagged_and_filtered_as_overdue(staff_client, make_conference):
    late = make_conference("نشست عقب‌افتاده", proposed_on=today() - datetime.timedelta(days=3), status="approved")
    make_conference("نشست برگزارشده", proposed_on=FAR_PAST, status="held", held_on=FAR_PAST)
    make_conference("نشست آینده", proposed_on=today() + datetime.timedelta(days=5))
    html = staff_client.get("/news/press/").get_data(as_text=True)
    assert f'id="conference-{late.id}" class="overdue-row"' in html and html.count('class="overdue-row"') == 1
    assert ('<span class="badge conference-approved role-chair">تأییدشده</span>\n<span class="badge overdue" title="'
            in html) and html.count('class="badge overdue"') == 1
    assert "معوق" in text_of(staff_client.get(f"/news/press/{late.id}"))
    overdue = staff_client.get("/news/press/?overdue=1", headers={"HX-Request": "true"})
    text = text_of(overdue)
    assert "<html" not in overdue.get_data(as_text=True)
    assert "نشست عقب‌افتاده" in text and "نشست برگزارشده" not in text and "نشست آینده" not in text


def test_the_timetable_filters_by_status_official_and_jalali_dates(staff_client, make_conference, make_person):
    other = make_person("سعید", "دهقانی", "مدیرکل راه و شهرسازی استان")
    make_conference("نشست آبان", proposed_on=ABAN_25_1403)
    make_conference("نشست مهر", proposed_on=FAR_PAST, status="cancelled", cancel_reason="تعطیلی")
    make_conference("نشست راه", proposed_on=ABAN_25_1403, official=other)
    aban = text_of(staff_client.get("/news/press/", query_string={"start": "۱۴۰۳/۰۸/۰۱", "end": "۱۴۰۳/۰۸/۳۰"}))
    assert "نشست آبان" in aban and "نشست راه" in aban and "نشست مهر" not in aban
    assert "آبان ۱۴۰۳" in aban  # the month's heading
    cancelled = text_of(staff_client.get("/news/press/?status=cancelled"))
    assert "نشست مهر" in cancelled and "نشست آبان" not in cancelled
    by_official = text_of(staff_client.get(f"/news/press/?official={other.id}"))
    assert "نشست راه" in by_official and "نشست آبان" not in by_official
    mistyped = staff_client.get("/news/press/?start=۱۴۰۳/۰۷/۳۱")
    assert mistyped.status_code == 200 and "تاریخ ۱۴۰۳/۰۷/۳۱ وجود ندارد" in text_of(mistyped)


def test_a_held_conference_is_on_the_timetable_by_the_day_it_was_held(staff_client, make_conference):
    """So the list a dashboard figure links to («held in Azar») shows what the figure counts."""
    make_conference("نشست دیرهنگام", proposed_on=ABAN_25_1403, status="held",
                    held_on=ABAN_25_1403 + datetime.timedelta(days=10))  # 5 Azar 1403
    azar = text_of(staff_client.get("/news/press/", query_string={
        "status": "held", "start": "1403/09/01", "end": "1403/09/30"}))
    aban = text_of(staff_client.get("/news/press/", query_string={
        "status": "held", "start": "1403/08/01", "end": "1403/08/30"}))
    assert "نشست دیرهنگام" in azar and "نشست دیرهنگام" not in aban


def test_the_timetable_exports_as_a_spreadsheet_and_a_pdf(staff_client, make_conference):
    make_conference("نشست آبان", proposed_on=ABAN_25_1403, start_time=datetime.time(10, 0))
    make_conference("نشست مهر", proposed_on=FAR_PAST)
    sheet = load_workbook(io.BytesIO(staff_client.get("/news/press/?format=xlsx&status=proposed&start=1403/08/01")
                                     .data)).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "نشست آبان" in cells and "نشست مهر" not in cells and "پیشنهادی (معوق)" in cells
    response = staff_client.get("/news/press/timetable.pdf?start=1403/08/01")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True,
                              check=True).stdout.decode()
        assert "جدول زمان‌بندی نشست‌های خبری" in text and "نشست آبان" in text and "نشست مهر" not in text
        assert "علی آقازاده" in text


def test_the_timetable_shows_an_official_and_agency_missing_or_in_the_trash_as_none(
        staff_client, make_conference, make_person, make_outlet):
    """The list, its export and its PDF read plain rows with the official's and agency's names
    joined: a conference without them, or whose official and agency were moved to the trash,
    shows neither (as the objects once loaded with them did)."""
    trashed_official = make_person("سعید", "دهقانی", "مدیرکل راه و شهرسازی استان")
    trashed_agency, agency = make_outlet("اداره کل راه و شهرسازی"), make_outlet("اداره کل میراث فرهنگی")
    make_conference("نشست بی‌مقام", official=None, organization=agency)
    make_conference("نشست دستگاه حذف‌شده", official=trashed_official, organization=trashed_agency)
    trashed_official.soft_delete()
    trashed_agency.soft_delete()
    db.session.commit()
    html = staff_client.get("/news/press/").get_data(as_text=True)
    assert html.count('<td data-label="مقام">—</td>') == 2
    assert "اداره کل میراث فرهنگی" in html and "اداره کل راه و شهرسازی" not in html and "دهقانی" not in html
    rows = staff_client.get("/news/press/?format=csv").data.decode("utf-8-sig").splitlines()[1:]
    assert sorted(row.split(",")[3:7] for row in rows) == [
        ["نشست بی‌مقام", "", "", "اداره کل میراث فرهنگی"], ["نشست دستگاه حذف‌شده", "", "", ""]]


def test_calendar_shows_open_and_held_conferences_but_not_cancelled_ones(staff_client, staff, make_conference):
    timed = make_conference("نشست ساعت‌دار", proposed_on=ABAN_25_1403, start_time=datetime.time(10, 30),
                            status="approved")
    held = make_conference("نشست برگزارشده", proposed_on=ABAN_25_1403 - datetime.timedelta(days=20),
                           status="held", held_on=ABAN_25_1403 + datetime.timedelta(days=1))
    make_conference("نشست لغوشده", proposed_on=ABAN_25_1403, status="cancelled", cancel_reason="تعطیلی")
    entries = {entry["title"]: entry for entry in calendar_entries(
        datetime.date(2024, 11, 1), datetime.date(2024, 11, 30), staff)}
    assert set(entries) == {"نشست ساعت‌دار", "نشست برگزارشده"}
    assert entries["نشست ساعت‌دار"]["start"] == datetime.datetime(2024, 11, 15, 10, 30, tzinfo=TIMEZONE)
    assert entries["نشست برگزارشده"]["date"] == held.held_on
    assert entries["نشست ساعت‌دار"]["kind"] == "press_conference"
    assert entries["نشست ساعت‌دار"]["url_args"] == {"conference_id": timed.id}
    month = staff_client.get("/calendar/?y=1403&m=8").get_data(as_text=True)
    assert "نشست ساعت‌دار" in month and f"/news/press/{timed.id}" in month and "نشست لغوشده" not in month


def test_the_search_finds_conferences_typed_with_arabic_yeh(staff_client, make_conference):
    conference = make_conference("خشکسالی و مدیریت مصرف آب کشاورزی")
    found = staff_client.get("/search", query_string={"q": "خشكسالي"}).get_data(as_text=True)
    assert "نشست‌های خبری" in found and f"/news/press/{conference.id}" in found
    listing = text_of(staff_client.get("/news/press/?q=خشكسالي"))
    assert "خشکسالی" in listing


def test_a_viewer_reads_but_cannot_change_and_other_departments_get_403(
        app, login, make_user, make_department, department, make_conference, official):
    conference = make_conference()
    viewer = login(make_user("viewer"), test_client=app.test_client())
    assert "برنامه‌های هفته دولت" in text_of(viewer.get("/news/press/"))
    assert viewer.get(f"/news/press/{conference.id}").status_code == 200
    assert viewer.get("/news/press/new").status_code == 403
    assert viewer.post(f"/news/press/{conference.id}/cancel", data={"cancel_reason": "x"}).status_code == 403
    assert viewer.post(f"/news/press/{conference.id}/approve").status_code == 403
    outsider = login(make_user("staff", departments=[make_department()]), test_client=app.test_client())
    assert outsider.get("/news/press/").status_code == 403
    assert outsider.post("/news/press/new", data={"subject": "نفوذی", "official": str(official.id),
                                                  "proposed_on": "1403/08/25"}).status_code == 403
    assert conference.status == "proposed" and conference_count() == 1


def test_a_conference_is_edited_and_moved_to_the_trash(staff_client, make_conference, official):
    conference = make_conference()
    response = staff_client.post(f"/news/press/{conference.id}/edit", data={
        "kind": "briefing", "subject": "موضوع تازه", "official": str(official.id), "proposed_on": "1403/09/01"})
    assert response.status_code == 303
    assert (conference.kind, conference.subject, conference.proposed_on) == (
        "briefing", "موضوع تازه", datetime.date(2024, 11, 21))
    assert staff_client.post(f"/news/press/{conference.id}/delete").status_code == 303
    assert staff_client.get(f"/news/press/{conference.id}").status_code == 404
    assert "موضوع تازه" not in text_of(staff_client.get("/news/press/"))
