"""Honors (تجلیل): ceremonies and their honorees, the lists with their filters and export, the
plaque PDF, permissions, the calendar and the search."""
import datetime
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.models import Organization, Person
from plugins.council.models.honors import Ceremony, Honoree
from plugins.council.views.honors import calendar_entries

from .conftest import text_of

ORDIBEHESHT_27_1404 = datetime.date(2025, 5, 17)
ORDIBEHESHT_27_1403 = datetime.date(2024, 5, 16)


@pytest.fixture
def make_person():
    def factory(first_name="حسین", last_name="فلاح", position="مدیر روابط عمومی", organization=None):
        if organization is None:
            organization = Organization(name="اداره کل راهداری استان یزد", type="agency", city="یزد")
            db.session.add(organization)
        person = Person(first_name=first_name, last_name=last_name, position=position, organization=organization)
        db.session.add(person)
        db.session.commit()
        return person
    return factory


@pytest.fixture
def make_ceremony():
    def factory(title="مراسم روز ارتباطات و روابط عمومی", date=ORDIBEHESHT_27_1404, body="provincial", **fields):
        ceremony = Ceremony(title=title, date=date, body=body, **fields)
        db.session.add(ceremony)
        db.session.commit()
        return ceremony
    return factory


@pytest.fixture
def honor(make_person):
    def factory(ceremony, person=None, kind="top_manager", **fields):
        person = person or make_person()
        honoree = Honoree(ceremony=ceremony, person=person, kind=kind, organization=person.organization,
                          position=person.position, **fields)
        db.session.add(honoree)
        db.session.commit()
        return honoree
    return factory


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_ceremony_recorded_with_persian_digits_and_its_honorees(staff_client, make_person):
    response = staff_client.post("/council/honors/new", data={
        "body": "provincial", "title": "مراسم روز ارتباطات و روابط عمومی ۱۴۰۴", "date": "۱۴۰۴/۰۲/۲۷",
        "occasion": "روز ارتباطات و روابط عمومی (۲۷ اردیبهشت)", "place": "تالار استانداری یزد"})
    assert response.status_code == 303
    ceremony = db.session.scalar(select(Ceremony))
    assert ceremony.date == ORDIBEHESHT_27_1404 and response.headers["Location"].endswith(f"/honors/{ceremony.id}")

    manager = make_person()
    retiree = make_person("رضا", "کاظمی", position="", organization=manager.organization)
    added = staff_client.post(f"/council/honors/{ceremony.id}/honorees/new", data={
        "person": str(manager.id), "kind": "top_manager", "citation": "به پاس تلاش‌های ارزنده", "next": "1"})
    assert added.status_code == 303 and "kind=top_manager" in added.headers["Location"]
    staff_client.post(f"/council/honors/{ceremony.id}/honorees/new", data={
        "person": str(retiree.id), "kind": "retiree", "position": "مدیر اسبق روابط عمومی"})
    first, second = db.session.scalars(select(Honoree).order_by(Honoree.id)).all()
    # The directory's organization and position when none is typed.
    assert (first.organization, first.position) == (manager.organization, "مدیر روابط عمومی")
    assert (second.kind, second.position) == ("retiree", "مدیر اسبق روابط عمومی")

    page = text_of(staff_client.get(f"/council/honors/{ceremony.id}"))
    assert "۱ مدیر برتر و ۱ بازنشسته" in page and "حسین فلاح" in page and "شنبه ۲۷ اردیبهشت ۱۴۰۴" in page
    listing = text_of(staff_client.get("/council/honors/"))
    assert "مراسم روز ارتباطات و روابط عمومی ۱۴۰۴" in listing and "۱ مدیر برتر و ۱ بازنشسته" in listing


def test_bad_input_is_refused_in_persian_and_nothing_is_saved(staff_client, make_ceremony, honor, make_person):
    response = staff_client.post("/council/honors/new", data={"body": "provincial", "title": "", "date": "۱۴۰۲/۱۲/۳۰",
                                                              "place": "تالار"})
    assert response.status_code == 422
    page = text_of(response)
    assert "عنوان مراسم را وارد کنید" in page and "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد" in page
    assert 'value="تالار"' in response.get_data(as_text=True)
    assert count(Ceremony) == 0

    ceremony = make_ceremony()
    honoree = honor(ceremony)
    twice = staff_client.post(f"/council/honors/{ceremony.id}/honorees/new",
                              data={"person": str(honoree.person_id), "kind": "retiree"})
    assert twice.status_code == 422 and "حسین فلاح پیش‌تر در این مراسم تجلیل شده است" in text_of(twice)
    nobody = staff_client.post(f"/council/honors/{ceremony.id}/honorees/new", data={"person": "", "kind": "retiree"},
                               headers={"HX-Request": "true"})
    assert nobody.status_code == 422 and "<html" not in nobody.get_data(as_text=True)
    assert "فردی را که تجلیل می‌شود انتخاب کنید" in text_of(nobody)
    assert count(Honoree) == 1
    # Editing the honoree itself keeps the same person.
    other = make_person("زهرا", "میرجلیلی")
    assert staff_client.post(f"/council/honors/honorees/{honoree.id}/edit",
                             data={"person": str(honoree.person_id), "kind": "top_expert"}).status_code == 303
    assert honoree.kind == "top_expert"
    moved = staff_client.post(f"/council/honors/honorees/{honoree.id}/edit", data={"person": str(other.id), "kind": "x"})
    assert moved.status_code == 422 and honoree.person_id != other.id


def test_the_honorees_list_filters_by_kind_year_and_body_and_exports(staff_client, make_ceremony, honor, make_person):
    this_year = make_ceremony()
    last_year = make_ceremony(title="تجلیل از بازنشستگان ۱۴۰۳", date=ORDIBEHESHT_27_1403)
    county = make_ceremony(title="تجلیل شورای فرمانداری‌ها", body="county")
    honor(this_year, make_person("حسین", "فلاح"))
    honor(this_year, make_person("زهرا", "میرجلیلی"), kind="retiree", citation="سی سال خدمت")
    honor(last_year, make_person("رضا", "کاظمی"), kind="retiree")
    honor(county, make_person("مهدی", "دهقانی"))

    def names(**args):
        return text_of(staff_client.get("/council/honors/honorees/", query_string=args))

    page = names(kind="retiree")
    assert "زهرا میرجلیلی" in page and "رضا کاظمی" in page and "حسین فلاح" not in page
    page = names(kind="retiree", year="۱۴۰۴")
    assert "زهرا میرجلیلی" in page and "رضا کاظمی" not in page
    page = names(body="county")
    assert "مهدی دهقانی" in page and "حسین فلاح" not in page
    assert "رضا کاظمی" in names(q="كاظمي") and "زهرا میرجلیلی" in names(q="خدمت")
    bad = staff_client.get("/council/honors/honorees/", query_string={"start": "۱۴۰۲/۱۲/۳۰"})
    assert bad.status_code == 200 and "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد" in text_of(bad)

    fragment = staff_client.get("/council/honors/honorees/?kind=top_manager", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True) and "مهدی دهقانی" in text_of(fragment)

    export = staff_client.get("/council/honors/honorees/", query_string={"kind": "retiree", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.data)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("نام", "عنوان تجلیل") and len(rows) == 3
    assert {row[0] for row in rows[1:]} == {"زهرا میرجلیلی", "رضا کاظمی"} and "بازنشسته" in rows[1]
    ceremonies = staff_client.get("/council/honors/", query_string={"format": "csv", "year": "1404"})
    text = ceremonies.data.decode("utf-8-sig")
    assert "مراسم روز ارتباطات و روابط عمومی" in text and "تجلیل از بازنشستگان ۱۴۰۳" not in text


def test_the_lists_run_a_fixed_number_of_queries(staff_client, make_ceremony, honor, make_person, count_queries):
    def run():
        with count_queries() as statements:
            assert staff_client.get("/council/honors/").status_code == 200
            assert staff_client.get("/council/honors/honorees/").status_code == 200
        return len(statements)

    ceremony = make_ceremony()
    honor(ceremony)
    few = run()
    for number in range(6):
        other = make_ceremony(title=f"مراسم {number}")
        honor(other, make_person("علی", f"احمدی {number}"), kind="retiree")
    assert run() == few


def test_the_plaque_pdf_prints_the_honoree(staff_client, make_ceremony, honor, make_person, tmp_path):
    ceremony = make_ceremony(occasion="روز ارتباطات و روابط عمومی")
    honoree = honor(ceremony, citation="به پاس سال‌ها تلاش در اطلاع‌رسانی")
    honor(ceremony, make_person("زهرا", "میرجلیلی"), kind="retiree")
    response = staff_client.get(f"/council/honors/honorees/{honoree.id}/plaque.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    all_plaques = staff_client.get(f"/council/honors/{ceremony.id}/plaques.pdf")
    assert all_plaques.status_code == 200
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    (tmp_path / "one.pdf").write_bytes(response.data)
    (tmp_path / "all.pdf").write_bytes(all_plaques.data)
    text = subprocess.run(["pdftotext", str(tmp_path / "one.pdf"), "-"], capture_output=True, text=True).stdout
    for words in ("لوح تقدیر", "حسین فلاح", "اطلاع‌رسانی", "اردیبهشت", "رئیس شورای هماهنگی"):
        assert words in text, words
    pages = subprocess.run(["pdfinfo", str(tmp_path / "all.pdf")], capture_output=True, text=True).stdout
    assert "Pages:           2" in pages
    empty = make_ceremony(title="مراسم بی‌تجلیل")
    refused = staff_client.get(f"/council/honors/{empty.id}/plaques.pdf", follow_redirects=True)
    assert "هنوز از کسی در این مراسم تجلیل نشده است" in text_of(refused)


def test_permissions_and_the_trash(app, login, viewer, make_user, make_department, make_ceremony, honor,
                                   staff_client):
    ceremony = make_ceremony()
    honoree = honor(ceremony)
    assert app.test_client().get("/council/honors/").status_code == 302  # anonymous: to the login page
    client = app.test_client()
    login(viewer, test_client=client)
    assert client.get(f"/council/honors/{ceremony.id}").status_code == 200
    assert client.get("/council/honors/honorees/").status_code == 200
    assert client.post("/council/honors/new", data={"title": "x", "date": "1404/02/27"}).status_code == 403
    assert client.post(f"/council/honors/honorees/{honoree.id}/delete").status_code == 403
    outsider = make_user("staff", username="outsider", departments=[make_department("واحد خبر")])
    login(outsider, test_client=client)
    assert client.post(f"/council/honors/{ceremony.id}/delete").status_code == 403
    assert ceremony.deleted_at is None

    assert staff_client.post(f"/council/honors/honorees/{honoree.id}/delete").status_code == 303
    assert honoree.is_deleted
    assert 'id="honorees-table"' not in staff_client.get("/council/honors/honorees/").get_data(as_text=True)
    assert staff_client.post(f"/council/honors/{ceremony.id}/delete").status_code == 303
    assert staff_client.get(f"/council/honors/{ceremony.id}").status_code == 404


def test_ceremonies_on_the_calendar_and_in_the_search(staff_client, make_ceremony, honor, make_person):
    ceremony = make_ceremony(occasion="روز ارتباطات و روابط عمومی", place="تالار استانداری")
    honor(ceremony, make_person("زهرا", "میرجلیلی"), kind="retiree")
    entries = calendar_entries(ORDIBEHESHT_27_1404, ORDIBEHESHT_27_1404, None)
    assert [(e["title"], e["kind"]) for e in entries] == [("مراسم روز ارتباطات و روابط عمومی", "ceremony")]
    assert calendar_entries(ORDIBEHESHT_27_1403, ORDIBEHESHT_27_1403, None) == []
    page = text_of(staff_client.get("/search", query_string={"q": "ميرجليلي"}))
    assert "زهرا میرجلیلی" in page and "بازنشسته" in page
    assert "مراسم روز ارتباطات و روابط عمومی" in text_of(staff_client.get("/search", query_string={"q": "تالار استانداری"}))
