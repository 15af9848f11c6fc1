"""The XLSX/CSV import of members: Persian column titles (and aliases), a Persian preview of each
bad row, the person found by national code or by name in the organization or added, the unit made
when missing, member numbers given in order, and one transaction."""
import io

from openpyxl import Workbook
from sqlalchemy import func, select

from core.db import db
from core.models import Organization, Person
from plugins.council.models import Member, Unit

from .conftest import ABAN_25_1403, text_of

HEADER = ["سازمان", "نام", "نام خانوادگی", "کد ملی", "تلفن همراه", "نقش", "سمت", "تحصیلات", "رشته تحصیلی",
          "تاریخ شروع", "شماره عضویت"]


def upload(client, rows, header=HEADER, kind="xlsx"):
    if kind == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        data = io.BytesIO()
        workbook.save(data)
        data.seek(0)
        name = "members.xlsx"
    else:
        data = io.BytesIO(("\n".join(",".join(row) for row in [header, *rows])).encode("utf-8-sig"))
        name = "members.csv"
    response = client.post("/council/import/members", data={"file": (data, name)},
                           content_type="multipart/form-data")
    assert response.status_code == 303, text_of(response)
    return response.headers["Location"]


def member_count():
    return db.session.scalar(select(func.count()).select_from(Member))


def organization(name, kind="agency"):
    record = Organization(name=name, type=kind)
    db.session.add(record)
    db.session.commit()
    return record


def test_import_members_into_new_and_existing_units(staff_client, make_unit, make_member):
    make_member(member_number="1500")
    unit = make_unit("اداره کل بهزیستی استان یزد")
    county = organization("فرمانداری شهرستان مهریز", "county")
    known = Person(first_name="زهرا", last_name="میرجلیلی", national_code="0012345679", organization_id=unit.organization_id)
    same_name = Person(first_name="علی", last_name="شاکری", organization_id=unit.organization_id)
    db.session.add_all([known, same_name])
    db.session.commit()
    preview = upload(staff_client, [
        ["اداره کل بهزيستي استان يزد", "زهرا", "میرجلیلی", "۰۰۱۲۳۴۵۶۷۹", "", "مدیر", "مدیر روابط عمومی",
         "کارشناسی ارشد", "علوم ارتباطات", "۱۴۰۳/۰۸/۲۵", ""],
        ["اداره کل بهزیستی استان یزد", "علی", "شاکری", "", "", "کارشناس", "", "کارشناسی", "", "", ""],
        ["فرمانداری شهرستان مهریز", "مهدی", "مهریزی", "", "۰۹۱۳۱۲۳۴۵۶۷", "", "کارشناس خبر", "", "", "", "۱۷۰۰"],
    ])
    page = staff_client.get(preview)
    assert page.status_code == 200 and "مهدی" in text_of(page)
    people_before = db.session.scalar(select(func.count()).select_from(Person))
    response = staff_client.post(preview, data={"mode": "all"})
    assert response.status_code == 303
    members = {m.person.full_name: m for m in db.session.scalars(select(Member).where(Member.member_number != "1500"))}
    assert members["زهرا میرجلیلی"].person_id == known.id and members["زهرا میرجلیلی"].role == "manager"
    assert members["زهرا میرجلیلی"].start_date == ABAN_25_1403 and members["زهرا میرجلیلی"].education == "master"
    assert members["علی شاکری"].person_id == same_name.id and members["علی شاکری"].role == "expert"
    new = members["مهدی مهریزی"]
    assert new.person.mobile == "09131234567" and new.person.organization_id == county.id
    assert new.member_number == "1700" and new.unit.body == "county" and new.seat is not None
    assert members["زهرا میرجلیلی"].member_number == "1501" and members["علی شاکری"].member_number == "1502"
    assert db.session.scalar(select(func.count()).select_from(Person)) == people_before + 1
    assert db.session.scalar(select(Unit).where(Unit.organization_id == county.id)) is not None


def test_bad_rows_get_persian_messages_and_nothing_is_saved(staff_client, make_unit, make_member):
    unit = make_unit("اداره کل بهزیستی استان یزد")
    make_member(unit=unit, role="manager", member_number="1200")
    preview = upload(staff_client, [
        ["اداره کل ناموجود", "الف", "ب", "", "", "", "", "", "", "", ""],
        ["اداره کل بهزیستی استان یزد", "ج", "د", "", "", "مدیر", "", "", "", "", ""],
        ["اداره کل بهزیستی استان یزد", "ه", "و", "", "", "سرپرست", "", "دکترا", "", "۱۴۰۲/۱۲/۳۰", "۱۲۰۰"],
    ], kind="csv")
    text = text_of(staff_client.get(preview))
    assert "هیچ دستگاه اجرایی یا فرمانداری‌ای با نام اداره کل ناموجود" in text
    assert "این روابط عمومی مدیر کنونی دارد" in text
    assert "شماره عضویت ۱۲۰۰ پیش‌تر داده شده است" in text
    assert "مدیر، معاون، کارشناس" in text  # the roles one may write
    response = staff_client.post(preview, data={"mode": "all"})
    assert response.status_code == 422
    assert member_count() == 1


def test_english_titles_and_the_template(staff_client, make_unit):
    make_unit("اداره کل ثبت احوال استان یزد")
    header = ["organization", "first name", "last name", "role"]
    preview = upload(staff_client, [["اداره کل ثبت احوال استان یزد", "سعید", "دشتی", "معاون"]], header=header)
    assert staff_client.post(preview, data={"mode": "all"}).status_code == 303
    assert db.session.scalar(select(Member.role).join(Member.person).where(Person.last_name == "دشتی")) == "deputy"
    template = staff_client.get("/council/import/members/template.xlsx")
    assert template.status_code == 200 and template.data.startswith(b"PK")


def test_viewer_cannot_import(app, login, viewer, department):
    client = login(viewer, test_client=app.test_client())
    assert client.get("/council/import/members").status_code == 403
