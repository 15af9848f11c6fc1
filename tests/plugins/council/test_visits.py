"""Visits to PR units and counties: recording one with Persian input, the kind that fixes the body,
follow-up actions with their owner, status and overdue flag, the lists with their filters and
export, the calendar, deadlines, search, and who may do what."""
import datetime
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.jalali import to_jalali_input, today
from core.models import Person
from plugins.council.models.visits import Visit, VisitAction
from plugins.council.views.visits import calendar_entries, deadlines

from .conftest import text_of

ABAN_25_1403 = datetime.date(2024, 11, 15)
AZAR_10_1403 = datetime.date(2024, 11, 30)


@pytest.fixture
def unit(make_unit):
    return make_unit(name="اداره کل راه و شهرسازی استان یزد")


@pytest.fixture
def county(make_unit):
    return make_unit(name="فرمانداری شهرستان میبد", body="county")


@pytest.fixture
def visitor():
    person = Person(first_name="زهرا", last_name="کاظمی", position="کارشناس دبیرخانه")
    db.session.add(person)
    db.session.commit()
    return person


@pytest.fixture
def make_visit(unit, visitor):
    def factory(kind="unit", date=ABAN_25_1403, findings="آرشیو خبری منظم است", problems="کمبود نیروی عکاس",
                **fields):
        visit = Visit(kind=kind, date=date, unit=fields.pop("unit", unit), findings=findings, problems=problems,
                      visitors=[visitor], **fields)
        db.session.add(visit)
        db.session.commit()
        return visit
    return factory


def make_action(visit, text="تامین یک دوربین عکاسی", status="open", due_date=None, **fields):
    action = VisitAction(visit=visit, text=text, status=status, due_date=due_date,
                         owner_organization_id=visit.unit.organization_id, **fields)
    db.session.add(action)
    db.session.commit()
    return action


def results(client, url):
    """The list's results block alone (htmx), without the filter form's unit names."""
    return text_of(client.get(url, headers={"HX-Request": "true"}))


def visit_count():
    return db.session.scalar(select(func.count()).select_from(Visit))


def test_a_visit_recorded_with_persian_digits_shows_on_its_page_and_the_list(staff_client, unit, visitor):
    response = staff_client.post("/council/visits/new", data={
        "kind": "unit", "date": "۱۴۰۳/۰۸/۲۵", "unit_id": str(unit.id), "visitors": str(visitor.id),
        "findings": "بانک اطلاعات خبرنگاران به‌روز است", "problems": "نبود اتاق خبر"})
    assert response.status_code == 303
    visit = db.session.scalar(select(Visit))
    assert (visit.date, visit.unit_id, visit.kind, [p.id for p in visit.visitors]) == (
        ABAN_25_1403, unit.id, "unit", [visitor.id])
    page = text_of(staff_client.get(response.headers["Location"]))
    assert "بازدید از روابط عمومی: اداره کل راه و شهرسازی استان یزد" in page
    assert "۲۵ آبان ۱۴۰۳" in page and "زهرا کاظمی" in page and "نبود اتاق خبر" in page
    listing = text_of(staff_client.get("/council/visits/"))
    assert "بازدید از روابط عمومی‌ها و شهرستان‌ها" in listing and "اداره کل راه و شهرسازی استان یزد" in listing


def test_bad_input_is_refused_in_persian_and_nothing_is_saved(staff_client, unit, county, visitor):
    data = {"kind": "unit", "date": "۱۴۰۲/۱۲/۳۰", "unit_id": str(unit.id), "visitors": str(visitor.id),
            "findings": ""}
    response = staff_client.post("/council/visits/new", data=data)
    page = text_of(response)
    assert response.status_code == 422
    assert "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد" in page and "یافته‌های بازدید را بنویسید" in page
    # A county visit must go to a county governorate's unit, and a unit visit to an agency's.
    data.update(date="1403/08/25", findings="یافته", kind="county_surprise")
    assert "بازدید شهرستانی به روابط عمومی یکی از فرمانداری‌ها" in text_of(
        staff_client.post("/council/visits/new", data=data))
    data.update(kind="unit", unit_id=str(county.id))
    assert "با بازدید شهرستانی ثبت می‌شود" in text_of(staff_client.post("/council/visits/new", data=data))
    data.update(kind="county_periodic", date="", visitors="")
    fragment = staff_client.post("/council/visits/new", data=data, headers={"HX-Request": "true"})
    assert fragment.status_code == 422 and "<html" not in fragment.get_data(as_text=True)
    assert "بازدیدکنندگان را انتخاب کنید" in text_of(fragment)
    assert visit_count() == 0


def test_a_future_visit_date_is_refused(staff_client, unit, visitor):
    response = staff_client.post("/council/visits/new", data={
        "kind": "unit", "date": to_jalali_input(today() + datetime.timedelta(days=2)), "unit_id": str(unit.id),
        "visitors": str(visitor.id), "findings": "یافته"})
    assert response.status_code == 422 and "بازدید را نمی‌توان در تاریخ آینده ثبت کرد" in text_of(response)
    assert visit_count() == 0


def test_follow_up_actions_with_owner_status_and_overdue_flag(staff_client, make_visit, visitor):
    visit = make_visit()
    url = f"/council/visits/{visit.id}/actions"
    refused = staff_client.post(url, data={"text": "راه‌اندازی کانال ایتا", "status": "done"})
    page = text_of(refused)
    assert refused.status_code == 422
    assert "مسئول انجام را انتخاب کنید" in page and "تاریخ انجام را وارد کنید" in page
    fragment = staff_client.post(url, data={"text": "راه‌اندازی کانال ایتا"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 422 and "<html" not in fragment.get_data(as_text=True)
    assert "مسئول انجام را انتخاب کنید" in text_of(fragment)  # the form's block alone, with its fields
    assert db.session.scalar(select(func.count()).select_from(VisitAction)) == 0
    response = staff_client.post(url, data={"text": "راه‌اندازی کانال ایتا", "owner_person": str(visitor.id),
                                            "due_date": "۱۴۰۳/۰۹/۱۰", "status": "open"})
    assert response.status_code == 303
    action = db.session.scalar(select(VisitAction))
    assert (action.due_date, action.owner_person_id, action.is_overdue) == (AZAR_10_1403, visitor.id, True)
    page = text_of(staff_client.get(f"/council/visits/{visit.id}"))
    assert "راه‌اندازی کانال ایتا" in page and "معوق" in page and "۱۰ آذر ۱۴۰۳" in page
    assert staff_client.post(f"/council/visits/actions/{action.id}/done").status_code == 303
    db.session.refresh(action)
    assert (action.status, action.done_on, action.is_overdue) == ("done", today(), False)
    edit = staff_client.post(f"/council/visits/actions/{action.id}/edit", data={
        "text": "راه‌اندازی کانال ایتا", "owner_person": str(visitor.id), "status": "in_progress",
        "done_on": "۱۴۰۳/۰۹/۱۱"})
    assert edit.status_code == 422 and "تاریخ انجام فقط برای اقدام انجام‌شده است" in text_of(edit)
    edit = staff_client.post(f"/council/visits/actions/{action.id}/edit", headers={"HX-Request": "true"}, data={
        "text": "راه‌اندازی کانال ایتا", "owner_person": str(visitor.id), "status": "in_progress",
        "done_on": "۱۴۰۳/۰۹/۱۱"})
    assert edit.status_code == 422 and "<html" not in edit.get_data(as_text=True)
    assert "تاریخ انجام فقط برای اقدام انجام‌شده است" in text_of(edit)
    db.session.refresh(action)
    assert action.status == "done"


def test_the_actions_list_filters_by_status_overdue_and_body(staff_client, make_visit, county):
    visit = make_visit()
    county_visit = make_visit(kind="county_periodic", unit=county, findings="سایت خبری فرمانداری فعال است")
    make_action(visit, "تامین دوربین", due_date=ABAN_25_1403)
    make_action(visit, "آموزش عکاسی خبری", status="done", due_date=ABAN_25_1403, done_on=ABAN_25_1403)
    make_action(county_visit, "به‌روزرسانی سایت", status="in_progress", due_date=today() + datetime.timedelta(days=9))
    page = text_of(staff_client.get("/council/visits/actions/"))
    assert all(text in page for text in ("تامین دوربین", "آموزش عکاسی خبری", "به‌روزرسانی سایت"))
    overdue = text_of(staff_client.get("/council/visits/actions/?overdue=1"))
    assert "تامین دوربین" in overdue and "آموزش عکاسی خبری" not in overdue and "به‌روزرسانی سایت" not in overdue
    done = text_of(staff_client.get("/council/visits/actions/?status=done"))
    assert "آموزش عکاسی خبری" in done and "تامین دوربین" not in done
    # The filters ask for the results alone (htmx), with the status badges of the rows.
    fragment = staff_client.get("/council/visits/actions/?status=done", headers={"HX-Request": "true", "HX-Target": "results"})
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    assert "آموزش عکاسی خبری" in text_of(fragment) and "تامین دوربین" not in text_of(fragment)
    county_only = text_of(staff_client.get("/council/visits/actions/?body=county"))
    assert "به‌روزرسانی سایت" in county_only and "تامین دوربین" not in county_only
    export = staff_client.get("/council/visits/actions/?format=xlsx&overdue=1")
    rows = list(load_workbook(io.BytesIO(export.data)).active.values)
    assert len(rows) == 2 and rows[1][0] == "تامین دوربین" and "معوق" in rows[1][3]


def test_the_visits_list_filters_searches_and_exports(staff_client, make_visit, county, unit):
    make_visit(findings="آرشیو عکس منظم", date=ABAN_25_1403)
    make_visit(kind="county_surprise", unit=county, findings="پاسخگویی به شکایات مردمی کند است",
               date=datetime.date(2025, 5, 1))
    by_kind = results(staff_client, "/council/visits/?kind=county_surprise")
    assert "فرمانداری شهرستان میبد" in by_kind and "اداره کل راه" not in by_kind
    by_body = results(staff_client, "/council/visits/?body=provincial")
    assert "اداره کل راه" in by_body and "پاسخگویی به شکایات" not in by_body
    by_unit = results(staff_client, f"/council/visits/?unit={county.id}")
    assert "پاسخگویی به شکایات" in by_unit and "آرشیو عکس" not in by_unit
    by_date = results(staff_client, "/council/visits/?start=۱۴۰۴/۰۱/۰۱")
    assert "پاسخگویی به شکایات" in by_date and "آرشیو عکس" not in by_date
    # Arabic ي and ك find Persian ی and ک.
    found = results(staff_client, "/council/visits/?q=شكايات")
    assert "پاسخگویی به شکایات" in found and "آرشیو عکس" not in found
    bad = results(staff_client, "/council/visits/?start=۱۴۰۲/۱۲/۳۰")
    assert "وجود ندارد" in bad and "آرشیو عکس" in bad
    fragment = staff_client.get("/council/visits/?kind=unit", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True) and "آرشیو عکس" in text_of(fragment)
    rows = list(load_workbook(io.BytesIO(staff_client.get("/council/visits/?format=xlsx").data)).active.values)
    assert len(rows) == 3 and rows[1][2] == "فرمانداری شهرستان میبد" and rows[2][0] == "۱۴۰۳/۰۸/۲۵"


def test_the_list_runs_a_fixed_number_of_queries(staff_client, make_visit, count_queries, make_unit):
    for index in range(3):
        visit = make_visit(unit=make_unit(name=f"اداره کل شماره {index}"))
        make_action(visit, due_date=ABAN_25_1403)
    db.session.expire_all()  # each count starts from the same state: nothing loaded
    with count_queries() as few:
        staff_client.get("/council/visits/")
    for index in range(3, 9):
        visit = make_visit(unit=make_unit(name=f"اداره کل شماره {index}"))
        make_action(visit, due_date=ABAN_25_1403)
    db.session.expire_all()
    with count_queries() as many:
        assert staff_client.get("/council/visits/").status_code == 200
    assert len(many) == len(few)
    db.session.expire_all()
    with count_queries() as actions_few:
        staff_client.get("/council/visits/actions/")
    make_action(visit, due_date=ABAN_25_1403)
    db.session.expire_all()
    with count_queries() as actions_many:
        staff_client.get("/council/visits/actions/")
    assert len(actions_few) == len(actions_many)


def test_calendar_deadlines_and_search(app, staff, make_visit):
    visit = make_visit(findings="نشریه داخلی منتشر نمی‌شود")
    open_action = make_action(visit, "انتشار نشریه", due_date=AZAR_10_1403)
    make_action(visit, "جلسه با مدیرکل", status="done", due_date=AZAR_10_1403, done_on=AZAR_10_1403)
    with app.test_request_context():
        entries = calendar_entries(datetime.date(2024, 11, 1), datetime.date(2024, 12, 5), staff)
        assert {(entry["kind"], entry["date"]) for entry in entries} == {
            ("council_visit", ABAN_25_1403), ("deadline", AZAR_10_1403)}
        due = deadlines(today())
        assert [item["key"] for item in due] == [f"council_visit_action:{open_action.id}"]
        assert due[0]["due"] == AZAR_10_1403


def test_the_search_box_finds_visits_by_findings(staff_client, make_visit):
    make_visit(findings="نشریه داخلی منتشر نمی‌شود")
    page = text_of(staff_client.get("/search?q=نشريه"))
    assert "بازدیدها" in page and "اداره کل راه و شهرسازی استان یزد" in page


def test_moving_a_visit_to_the_trash_hides_it_and_its_actions(staff_client, make_visit):
    visit = make_visit()
    make_action(visit, "تامین دوربین", due_date=ABAN_25_1403)
    assert staff_client.post(f"/council/visits/{visit.id}/delete").status_code == 303
    assert staff_client.get(f"/council/visits/{visit.id}").status_code == 404
    assert "تامین دوربین" not in text_of(staff_client.get("/council/visits/actions/"))


def test_permissions(app, login, make_user, make_department, viewer, make_visit, unit, visitor):
    visit = make_visit()
    action = make_action(visit)
    reader = login(viewer, test_client=app.test_client())
    assert reader.get("/council/visits/").status_code == 200
    assert reader.get(f"/council/visits/{visit.id}").status_code == 200
    assert reader.get("/council/visits/new").status_code == 403
    assert reader.post(f"/council/visits/actions/{action.id}/done").status_code == 403
    other = login(make_user("other", departments=[make_department("واحد خبر")]), test_client=app.test_client())
    assert other.post("/council/visits/new", data={"kind": "unit"}).status_code == 403
    assert other.post(f"/council/visits/{visit.id}/delete").status_code == 403
    anonymous = app.test_client()
    assert anonymous.get("/council/visits/").status_code == 302
    assert visit_count() == 1 and db.session.get(VisitAction, action.id).status == "open"
