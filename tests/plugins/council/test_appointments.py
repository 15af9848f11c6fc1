"""Appointment-opinion requests: recording a request (with a nominee new to the directory), the
review, the opinion only a manager signs with reasons required for conditions and rejection, the
time taken in working days, the overdue flag, the opinion letter PDF, search, and permissions."""
import datetime
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.jalali import to_jalali_input, today
from core.models import Organization, Person
from core.workdays import working_days_between
from plugins.council.models.appointments import OVERDUE_AFTER_WORKING_DAYS, AppointmentRequest
from plugins.council.views.appointments import deadlines, overdue_cutoff

from .conftest import text_of

ABAN_25_1403 = datetime.date(2024, 11, 15)  # a Thursday
AZAR_5_1403 = datetime.date(2024, 11, 25)


@pytest.fixture
def agency():
    organization = Organization(name="اداره کل منابع طبیعی و آبخیزداری استان یزد", type="agency", city="یزد")
    db.session.add(organization)
    db.session.commit()
    return organization


@pytest.fixture
def nominee(agency):
    person = Person(first_name="حمید", last_name="میرجلیلی", organization=agency)
    db.session.add(person)
    db.session.commit()
    return person


@pytest.fixture
def make_request(department, agency, nominee):
    def factory(received_on=ABAN_25_1403, **fields):
        row = AppointmentRequest(received_on=received_on, agency=agency, nominee=fields.pop("nominee", nominee),
                                 position="مدیر روابط عمومی", letter_number="۱۲/۳۴۵۶", **fields)
        db.session.add(row)
        db.session.commit()
        return row
    return factory


def request_count():
    return db.session.scalar(select(func.count()).select_from(AppointmentRequest))


def test_a_request_with_a_nominee_new_to_the_directory(staff_client, agency):
    response = staff_client.post("/council/appointments/new", data={
        "received_on": "۱۴۰۳/۰۸/۲۵", "agency": str(agency.id), "letter_number": "۱۲/۳۴۵۶",
        "first_name": "سمیه", "last_name": "دهقانی", "mobile": "۰۹۱۳۱۲۳۴۵۶۷", "position": "مدیر روابط عمومی"})
    assert response.status_code == 303
    row = db.session.scalar(select(AppointmentRequest))
    assert (row.received_on, row.status, row.nominee.full_name, row.nominee.mobile) == (
        ABAN_25_1403, "received", "سمیه دهقانی", "09131234567")
    page = text_of(staff_client.get(response.headers["Location"]))
    assert "نظر کارشناسی درباره انتصاب سمیه دهقانی" in page and "دریافت‌شده" in page
    # The review moves it under review.
    edit = staff_client.post(f"/council/appointments/{row.id}/edit", data={
        "received_on": "1403/08/25", "agency": str(agency.id), "nominee": str(row.nominee_id),
        "position": "مدیر روابط عمومی", "qualifications": ["education", "media"],
        "review_notes": "سابقه چهار ساله در روابط عمومی بانک"})
    assert edit.status_code == 303
    db.session.refresh(row)
    assert (row.status, row.qualifications) == ("under_review", ["education", "media"])
    assert "در دست بررسی" in text_of(staff_client.get(f"/council/appointments/{row.id}"))


def test_bad_requests_are_refused_in_persian_and_nothing_is_saved(staff_client, agency, nominee):
    data = {"received_on": "۱۴۰۲/۱۲/۳۰", "agency": str(agency.id), "position": ""}
    response = staff_client.post("/council/appointments/new", data=data)
    page = text_of(response)
    assert response.status_code == 422
    assert "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد" in page and "سمت را وارد کنید" in page
    assert "نامزد را از فهرست اشخاص انتخاب کنید یا نام نامزد جدید را در پایین بنویسید" in page
    both = staff_client.post("/council/appointments/new", data={
        "received_on": "1403/08/25", "agency": str(agency.id), "nominee": str(nominee.id), "first_name": "علی",
        "last_name": "رضایی", "position": "مدیر روابط عمومی"})
    assert both.status_code == 422 and "نه هر دو" in text_of(both)
    nominee.national_code = "0012345679"
    db.session.commit()
    taken = staff_client.post("/council/appointments/new", data={
        "received_on": "1403/08/25", "agency": str(agency.id), "first_name": "علی", "last_name": "رضایی",
        "national_code": "۰۰۱۲۳۴۵۶۷۹", "position": "مدیر روابط عمومی"}, headers={"HX-Request": "true"})
    assert taken.status_code == 422 and "<html" not in taken.get_data(as_text=True)
    assert "شخصی با این کد ملی در فهرست اشخاص هست" in text_of(taken)
    assert request_count() == 0 and db.session.scalar(select(func.count()).select_from(Person)) == 1


def test_only_a_manager_gives_the_opinion_and_reasons_are_required(app, login, head_client, staff_client, head,
                                                                  make_request):
    row = make_request(review_notes="بررسی شد", status="under_review")
    url = f"/council/appointments/{row.id}/opinion"
    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, data={"opinion": "approve", "opinion_on": "1403/09/05"}).status_code == 403
    refused = head_client.post(url, data={"opinion": "conditional", "opinion_on": "۱۴۰۳/۰۹/۰۵", "reasons": ""})
    assert refused.status_code == 422 and "دلایل موافقت مشروط یا مخالفت را بنویسید" in text_of(refused)
    early = head_client.post(url, data={"opinion": "reject", "opinion_on": "۱۴۰۳/۰۸/۰۱", "reasons": "سابقه کافی ندارد"})
    assert early.status_code == 422 and "پیش از تاریخ دریافت" in text_of(early)
    wrong = head_client.post(url, data={"opinion": "maybe", "opinion_on": "۱۴۰۳/۰۹/۰۵"})
    assert wrong.status_code == 422 and "نظر شورا را انتخاب کنید" in text_of(wrong)
    db.session.refresh(row)
    assert (row.status, row.opinion, row.signed_by_id) == ("under_review", None, None)
    given = head_client.post(url, data={"opinion": "conditional", "opinion_on": "۱۴۰۳/۰۹/۰۵",
                                        "opinion_number": "۴۵۶/ش", "reasons": "گذراندن دوره آموزشی روابط عمومی در شش ماه نخست"})
    assert given.status_code == 303
    db.session.refresh(row)
    assert (row.status, row.opinion, row.opinion_on, row.signed_by_id) == ("answered", "conditional", AZAR_5_1403,
                                                                            head.id)
    assert row.working_days == working_days_between(ABAN_25_1403, AZAR_5_1403)
    page = text_of(staff_client.get(f"/council/appointments/{row.id}"))
    assert "موافقت مشروط" in page and "پاسخ داده‌شده" in page
    assert f"{row.working_days}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) + " روز کاری از دریافت" in page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_opinion_letter_pdf(staff_client, head, make_request, tmp_path):
    row = make_request()
    assert staff_client.get(f"/council/appointments/{row.id}/letter.pdf").status_code == 302  # no opinion yet
    row.status, row.opinion, row.opinion_on, row.signed_by = "answered", "reject", AZAR_5_1403, head
    row.opinion_number, row.reasons = "۷۸۹/ش", "نداشتن سابقه کار در روابط عمومی\nنداشتن تحصیلات مرتبط"
    db.session.commit()
    response = staff_client.get(f"/council/appointments/{row.id}/letter.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("اداره کل منابع طبیعی", "حمید میرجلیلی", "مدیر روابط عمومی", "۱۴۰۳/۰۹/۰۵",
                     "شورا به دلایل زیر با این انتصاب موافق نیست", "نداشتن تحصیلات مرتبط"):
        assert expected in text, expected


def test_working_days_overdue_flag_and_filters(staff_client, make_request, agency, nominee):
    old = make_request(received_on=today() - datetime.timedelta(days=40))
    fresh = make_request(received_on=today(), nominee=Person(first_name="رضا", last_name="فلاحتی"))
    answered = make_request(received_on=today() - datetime.timedelta(days=60), status="answered", opinion="approve",
                            opinion_on=today() - datetime.timedelta(days=50),
                            nominee=Person(first_name="مهدی", last_name="زارع"))
    assert old.is_overdue and not fresh.is_overdue and not answered.is_overdue
    cutoff = overdue_cutoff()
    assert working_days_between(cutoff - datetime.timedelta(days=1), today()) > OVERDUE_AFTER_WORKING_DAYS
    assert working_days_between(cutoff, today()) <= OVERDUE_AFTER_WORKING_DAYS
    headers = {"HX-Request": "true"}
    overdue = text_of(staff_client.get("/council/appointments/?overdue=1", headers=headers))
    assert "حمید میرجلیلی" in overdue and "رضا فلاحتی" not in overdue and "مهدی زارع" not in overdue
    agreed = text_of(staff_client.get("/council/appointments/?opinion=approve", headers=headers))
    assert "مهدی زارع" in agreed and "حمید میرجلیلی" not in agreed
    # Arabic ي finds Persian ی.
    found = text_of(staff_client.get("/council/appointments/?q=فلاحتي", headers=headers))
    assert "رضا فلاحتی" in found and "حمید میرجلیلی" not in found
    rows = list(load_workbook(io.BytesIO(staff_client.get("/council/appointments/?format=xlsx").data)).active.values)
    assert len(rows) == 4
    by_name = {row[3]: row for row in rows[1:]}
    assert by_name["مهدی زارع"][8] == working_days_between(answered.received_on, answered.opinion_on)
    assert "معوق" in by_name["حمید میرجلیلی"][5]


def test_deadlines_and_search(app, staff_client, make_request):
    row = make_request(received_on=today() - datetime.timedelta(days=30))
    make_request(received_on=today() - datetime.timedelta(days=30), status="answered", opinion="approve",
                 opinion_on=today(), nominee=Person(first_name="مهدی", last_name="زارع"))
    with app.test_request_context():
        assert [item["key"] for item in deadlines(today())] == [f"council_appointment:{row.id}"]
    page = text_of(staff_client.get("/search?q=میرجلیلی"))
    assert "نظر کارشناسی درباره انتصاب حمید میرجلیلی" in page


def test_the_list_runs_a_fixed_number_of_queries(staff_client, make_request, count_queries):
    for index in range(2):
        make_request(nominee=Person(first_name="نامزد", last_name=f"شماره {index}"))
    db.session.expire_all()
    with count_queries() as few:
        staff_client.get("/council/appointments/")
    for index in range(2, 8):
        make_request(nominee=Person(first_name="نامزد", last_name=f"شماره {index}"))
    db.session.expire_all()
    with count_queries() as many:
        assert staff_client.get("/council/appointments/").status_code == 200
    assert len(few) == len(many)


def test_permissions(app, login, make_user, make_department, viewer, make_request, agency):
    row = make_request()
    reader = login(viewer, test_client=app.test_client())
    assert reader.get("/council/appointments/").status_code == 200
    assert reader.get(f"/council/appointments/{row.id}").status_code == 200
    assert reader.get("/council/appointments/new").status_code == 403
    assert reader.post(f"/council/appointments/{row.id}/opinion", data={"opinion": "approve"}).status_code == 403
    other = login(make_user("other", departments=[make_department("واحد خبر")]), test_client=app.test_client())
    assert other.post(f"/council/appointments/{row.id}/delete").status_code == 403
    assert app.test_client().get("/council/appointments/").status_code == 302
    assert request_count() == 1 and db.session.get(AppointmentRequest, row.id).opinion is None
