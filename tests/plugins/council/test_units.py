"""The PR units (شناسنامه روابط عمومی‌ها): the list with managers, member counts and profile
completeness (sorted, searched, filtered, exported, counted in SQL), adding and editing a unit,
its page with current members and history, and who may do what."""
import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.models import Organization
from core.search import SearchQuery, run_groups
from plugins.council.models import Unit
from plugins.council.views.units import search_groups

from .conftest import text_of

HX = {"HX-Request": "true"}


def unit_count():
    return db.session.scalar(select(func.count()).select_from(Unit))


def test_the_list_shows_manager_members_and_completeness(staff_client, make_unit, make_member):
    full = make_unit("اداره کل بهزیستی استان یزد", phone="035-3100", email="pr@behzisti.ir")
    manager = make_member(unit=full, role="manager", first_name="حسین", last_name="فلاح", position="مدیر روابط عمومی",
                          education="master")
    manager.person.photo = "a" * 32 + ".jpg"
    db.session.commit()
    empty = make_unit("فرمانداری شهرستان میبد", body="county")
    text = text_of(staff_client.get("/council/"))
    # manager present, phone, email: 3 of 3; the member: position, education, mobile, photo, start date
    row = text.split("اداره کل بهزیستی استان یزد")[1].split("فرمانداری")[0].split()
    assert row == ["شورای", "هماهنگی", "روابط", "عمومی‌های", "استان", "حسین", "فلاح", "۱", "۱۰۰٪"]
    empty_row = text.split("فرمانداری شهرستان میبد")[1].split()
    assert empty_row[:7] == ["شورای", "هماهنگی", "روابط", "عمومی", "فرمانداری‌ها", "بدون", "مدیر"]
    assert empty_row[7:9] == ["۰", "۰٪"]  # no manager, phone, email or member


def test_completeness_sorts_and_counts_in_sql(staff_client, make_unit, make_member, count_queries):
    half = make_unit("اداره کل ورزش و جوانان استان یزد", phone="035-1")
    make_member(unit=half, role="manager")  # 1 + 1 + 0 + (mobile, start date) 2 of 5 → 4 of 8 = 50%
    make_unit("اداره کل ثبت احوال استان یزد", phone="035-2", email="a@b.ir")  # 2 of 3 → 66%
    html = staff_client.get("/council/?sort=-completeness").get_data(as_text=True)
    assert html.index("ثبت احوال") < html.index("ورزش و جوانان")
    assert "۶۶٪" in html and "۵۰٪" in html
    ascending = staff_client.get("/council/?sort=completeness").get_data(as_text=True)
    assert ascending.index("ورزش و جوانان") < ascending.index("ثبت احوال")
    staff_client.get("/council/")
    with count_queries() as statements:
        staff_client.get("/council/")
    for number in range(4):
        make_member(unit=make_unit(f"دستگاه شماره {number}"), role="manager")
    staff_client.get("/council/")  # the user is loaded again after the commits
    with count_queries() as more:
        staff_client.get("/council/")
    assert len(more) == len(statements)


def test_search_body_filter_and_htmx(staff_client, make_unit):
    make_unit("اداره کل راه و شهرسازی استان یزد")
    make_unit("فرمانداری شهرستان تفت", body="county")
    text = text_of(staff_client.get("/council/?q=شهرسازي"))  # Arabic ي finds Persian ی
    assert "راه و شهرسازی" in text and "تفت" not in text
    response = staff_client.get("/council/?body=county", headers=HX)
    html = response.get_data(as_text=True)
    assert "<html" not in html and "فرمانداری شهرستان تفت" in html and "شهرسازی" not in html


def test_export_xlsx(staff_client, make_unit, make_member):
    unit = make_unit("اداره کل استاندارد استان یزد", phone="03531234567")
    make_member(unit=unit, role="manager", first_name="نرگس", last_name="کمالی")
    response = staff_client.get("/council/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("روابط عمومی", "شورا", "مدیر")
    assert rows[1][0] == "اداره کل استاندارد استان یزد" and rows[1][2] == "نرگس کمالی" and rows[1][3] == 1
    assert rows[1][5] == "03531234567"


def test_add_a_unit_of_an_agency(staff_client, department):
    agency = Organization(name="اداره کل بنیاد مسکن استان یزد", type="agency")
    press = Organization(name="روزنامه پیمان یزد", type="press")
    db.session.add_all([agency, press])
    db.session.commit()
    form = staff_client.get("/council/units/new").get_data(as_text=True)
    assert "اداره کل بنیاد مسکن" in form and "روزنامه پیمان" not in form
    response = staff_client.post("/council/units/new", data={"organization": agency.id, "phone": "۰۳۵۳۱۲۳۴۵۶۷",
                                                             "email": "pr@bonyad.ir"})
    assert response.status_code == 303
    unit = db.session.scalar(select(Unit).where(Unit.organization_id == agency.id))
    assert unit.body == "provincial" and unit.phone == "03531234567"
    again = staff_client.post("/council/units/new", data={"organization": agency.id})  # has a unit already
    assert again.status_code == 422 and "این سازمان در فهرست سازمان‌ها نیست" in text_of(again)
    assert unit_count() == 1


def test_a_press_outlet_or_a_bad_email_is_refused(staff_client, department):
    press = Organization(name="روزنامه پیمان یزد", type="press")
    county = Organization(name="فرمانداری شهرستان بافق", type="county")
    db.session.add_all([press, county])
    db.session.commit()
    response = staff_client.post("/council/units/new", data={"organization": press.id})
    assert response.status_code == 422 and "این سازمان در فهرست سازمان‌ها نیست" in text_of(response)
    bad = staff_client.post("/council/units/new", data={"organization": county.id, "email": "نامه"})
    assert bad.status_code == 422 and "نشانی رایانامه را مانند pr@example.ir بنویسید" in text_of(bad)
    assert unit_count() == 0
    good = staff_client.post("/council/units/new", data={"organization": county.id})
    assert good.status_code == 303
    assert db.session.scalar(select(Unit.body)) == "county"


def test_edit_a_unit(staff_client, make_unit):
    unit = make_unit()
    response = staff_client.post(f"/council/units/{unit.id}/edit", data={"phone": "035 3625 0000", "email": "",
                                                                          "note": "طبقه دوم"})
    assert response.status_code == 303
    db.session.refresh(unit)
    assert unit.phone == "035 3625 0000" and unit.note == "طبقه دوم"


def test_unit_page_shows_current_members_and_history(staff_client, make_unit, make_member):
    unit = make_unit()
    old = make_member(unit=unit, role="manager", first_name="رضا", last_name="یزدانی")
    old.end_date = old.start_date.replace(year=old.start_date.year + 1)
    db.session.commit()
    make_member(unit=unit, role="manager", first_name="زهرا", last_name="کریمی", position="مدیر روابط عمومی")
    text = text_of(staff_client.get(f"/council/units/{unit.id}"))
    current, history = text.split("سوابق")[0], text.split("سوابق")[1]
    assert "زهرا کریمی" in current and "رضا یزدانی" not in current.split("اعضای فعلی")[1]
    assert "رضا یزدانی" in history


def test_permissions(app, client, make_user, make_department, login, make_unit, viewer):
    unit = make_unit()
    assert client.get("/council/").status_code == 302  # the login page
    login(viewer)
    assert client.get("/council/").status_code == 200
    assert client.get(f"/council/units/{unit.id}").status_code == 200
    assert client.get("/council/units/new").status_code == 403
    assert client.post(f"/council/units/{unit.id}/edit", data={"phone": "1"}).status_code == 403
    other = make_user("staff", departments=[make_department("واحد خبر")])
    other_client = login(other, test_client=app.test_client())
    assert other_client.get("/council/").status_code == 403
    assert other_client.get(f"/council/units/{unit.id}").status_code == 403


def _searched(text, user, limit):
    """The groups the search box shows for ``text``: the module's answer run as the core runs it."""
    query = SearchQuery.parse(text)
    return run_groups(search_groups(query, user, limit), query, user, limit)


def test_search_finds_units_and_members(app, staff, make_unit, make_member):
    unit = make_unit("اداره کل میراث فرهنگی استان یزد")
    make_member(unit=unit, first_name="الهام", last_name="دشتی", member_number="1234")
    with app.test_request_context():
        groups = {group["key"]: group for group in _searched("ميراث", staff, 10)}
        assert groups["units"]["hits"][0]["title"] == "اداره کل میراث فرهنگی استان یزد"
        assert groups["members"]["hits"][0]["title"] == "الهام دشتی"
        by_number = _searched("۱۲۳۴", staff, 10)
        assert [group["hits"][0]["title"] for group in by_number] == ["الهام دشتی"]
