"""core.importing through the directory's imports: upload, preview, confirm in one transaction."""
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from core import importing
from core.db import db
from core.directory.imports import people_importer
from core.models import AuditLog, Organization, Person
from core.testing import persian_text
from tests.core.test_files import image_bytes

HEADER = "نام,نام خانوادگی,کد ملی,تلفن همراه,دستگاه/سازمان,سمت"
GOOD_ROWS = [
    "علي,کریمی,0012345679,+989121234567,استانداری یزد,مدیر روابط عمومی",
    "مریم,احمدی,۱۲۳۴۵۶۷۸۹۱,۰۹۱۳۱۱۱۲۲۳۳,,کارشناس خبر",
]


@pytest.fixture
def governorate(app):
    organization = Organization(name="استانداری یزد", type="agency", city="یزد")
    db.session.add(organization)
    db.session.commit()
    return organization


@pytest.fixture
def head(make_user, login):
    return login(make_user("head"))


def people_count():
    return db.session.scalar(select(func.count()).select_from(Person))


def upload(client, data, name="people.csv", url="/directory/import/people", **kwargs):
    return client.post(url, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data", **kwargs)


def csv_bytes(*rows, header=HEADER, bom=True):
    return (("\ufeff" if bom else "") + "\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_numbers(response):
    return re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', response.get_data(as_text=True))


def preview_of(client, response):
    assert response.status_code == 303, response.get_data(as_text=True)[:1500]
    url = response.headers["Location"]
    return url, client.get(url)


def test_csv_with_bom_is_previewed_and_nothing_is_written(head, governorate):
    url, response = preview_of(head, upload(head, csv_bytes(*GOOD_ROWS)))
    html = persian_text(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "علی" in html and "احمدی" in html and "۲ ردیف" in html and "۲ درست" in html
    assert "ورود کل فایل" in html
    assert people_count() == 0

    response = head.post(url, data={"mode": "all"})
    assert response.status_code == 303 and response.headers["Location"] == "/directory/people/"
    people = {p.last_name: p for p in db.session.scalars(select(Person))}
    assert set(people) == {"کریمی", "احمدی"}
    assert people["کریمی"].first_name == "علی" and people["کریمی"].mobile == "09121234567"
    assert people["کریمی"].organization_id == governorate.id and people["احمدی"].organization_id is None
    assert people["احمدی"].national_code == "1234567891"
    assert head.get(url).status_code == 404  # the pending upload is gone


def test_csv_without_bom_and_with_semicolons(head, governorate):
    data = csv_bytes(*[row.replace(",", ";") for row in GOOD_ROWS], header=HEADER.replace(",", ";"), bom=False)
    url, response = preview_of(head, upload(head, data))
    assert "۲ درست" in persian_text(response.get_data(as_text=True))


def test_xlsx_is_read_whatever_its_name(head, governorate):
    rows = [HEADER.split(","), ["رضا", "زارع", 12345679, 9121234567, "استانداری یزد", "خبرنگار"], [],
            ["", "بی‌نام"]]
    url, response = preview_of(head, upload(head, xlsx_bytes(rows), name="export.csv"))
    html = persian_text(response.get_data(as_text=True))
    assert "۱ درست" in html and "۱۲۳۴۵۶۷۹" in html
    assert row_numbers(response) == ["۲", "۴"]  # the sheet's own row numbers
    head.post(url, data={"mode": "valid"})
    # the leading zeros Excel drops from a number come back
    assert db.session.scalars(select(Person.national_code)).one() == "0012345679"
    assert db.session.scalars(select(Person.mobile)).one() == "09121234567"


@pytest.mark.parametrize("data, message", [
    (image_bytes("PNG"), "XLSX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "XLS"),
    (b"PK\x03\x04 broken zip", "XLSX"),
    ("نام;سمت\n".encode("cp1256"), "UTF-8"),
    (b"", "خالی"),
    (csv_bytes(header="a,b,c"), "ردیف اول فایل باید عنوان ستون‌ها باشد"),
    (csv_bytes(), "هیچ ردیفی ندارد"),
])
def test_unusable_files_get_a_persian_message(head, app, data, message):
    pending = Path(app.config["INSTANCE_DIR"]) / "imports"
    before = set(pending.glob("*.json"))
    response = upload(head, data, name="people.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html
    assert set(pending.glob("*.json")) == before


def test_column_titles_may_sit_under_a_title_row(head, governorate):
    rows = [["فهرست روابط عمومی‌ها"], [], HEADER.split(","), GOOD_ROWS[0].split(",")]
    url, response = preview_of(head, upload(head, xlsx_bytes(rows), name="people.xlsx"))
    assert row_numbers(response) == ["۴"]
    assert "۱ درست" in persian_text(response.get_data(as_text=True))


def test_a_workbook_that_unpacks_too_large_is_refused(head, monkeypatch):
    monkeypatch.setattr(importing, "MAX_XLSX_EXPANDED_BYTES", 1000)
    response = upload(head, xlsx_bytes([HEADER.split(","), GOOD_ROWS[0].split(",")]), name="people.xlsx")
    assert response.status_code == 422
    assert "بزرگ‌تر از آن است" in response.get_data(as_text=True)


def test_row_limit(head, monkeypatch):
    monkeypatch.setattr(people_importer, "max_rows", 3)
    rows = [f"نام{i},خانواده,,,," for i in range(4)]
    response = upload(head, csv_bytes(*rows))
    assert response.status_code == 422
    assert "فایل بیش از ۳ ردیف دارد" in response.get_data(as_text=True)


def test_preview_shows_each_bad_cell_with_its_row_number(head, governorate):
    existing = Person(first_name="حسن", last_name="زارع", national_code="0012345679")
    db.session.add(existing)
    db.session.commit()
    data = csv_bytes(
        "علی,کریمی,0012345679,09121234567,استانداری یزد,",  # row 2: code already in the directory
        "مریم,احمدی,1234567890,0912,شرکت ناشناس,",  # row 3: bad code, bad mobile, unknown organization
        ",رضایی,1234567891,,,",  # row 4: no first name
        "سارا,رضایی,1234567891,,,",  # row 5: repeats row 4's code
        "نرگس,دهقان,,,,",  # row 6: valid
    )
    url, response = preview_of(head, upload(head, data))
    html = persian_text(response.get_data(as_text=True))
    assert "این کد ملی پیش‌تر برای حسن زارع ثبت شده است" in html
    assert "کد ملی ۱۰ رقمی معتبر وارد کنید" in html
    assert "شماره همراه را به شکل" in html
    assert "دستگاهی با نام «شرکت ناشناس» در فهرست نیست" in html
    assert "این ستون نباید خالی باشد" in html
    assert "تکرار ردیف ۴ همین فایل است" in html
    assert "۵ ردیف" in html and "۱ درست" in html and "۴ دارای خطا" in html
    assert row_numbers(response) == list("۲۳۴۵۶")
    only_errors = head.get(url + "?only=errors").get_data(as_text=True)
    assert "دهقان" not in only_errors and "احمدی" in only_errors

    response = head.post(url, data={"mode": "all"})
    assert response.status_code == 422
    assert "کل فایل را وارد کرد" in response.get_data(as_text=True)
    assert people_count() == 1

    response = head.post(url, data={"mode": "valid"})
    assert response.status_code == 303
    assert sorted(db.session.scalars(select(Person.last_name))) == ["دهقان", "زارع"]


def test_valid_rows_are_saved_in_one_transaction(head, governorate, monkeypatch):
    url, _ = preview_of(head, upload(head, csv_bytes(*GOOD_ROWS, "نرگس,دهقان,,,,")))
    saved = []
    original = people_importer.save_row

    def failing_save(values):
        if len(saved) == 2:
            raise RuntimeError("disk full")
        saved.append(values)
        original(values)
        db.session.flush()  # the earlier rows really reach the database before the failure

    monkeypatch.setattr(people_importer, "save_row", failing_save)
    audit_rows = db.session.scalar(select(func.count()).select_from(AuditLog))
    response = head.post(url, data={"mode": "all"})
    assert response.status_code == 422
    assert "ذخیره ردیف ۴ ناموفق بود و هیچ ردیفی وارد نشد" in response.get_data(as_text=True)
    assert len(saved) == 2 and people_count() == 0
    assert db.session.scalar(select(func.count()).select_from(AuditLog)) == audit_rows

    monkeypatch.setattr(people_importer, "save_row", original)
    response = head.post(url, data={"mode": "all"})
    assert response.status_code == 303 and people_count() == 3
    assert db.session.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.entity == "people", AuditLog.action == "create")) == 3


def test_a_change_in_the_directory_after_the_preview_is_noticed(head, governorate):
    url, _ = preview_of(head, upload(head, csv_bytes(*GOOD_ROWS)))
    db.session.add(Person(first_name="حسن", last_name="زارع", national_code="0012345679"))
    db.session.commit()
    response = head.post(url, data={"mode": "valid"})
    assert response.status_code == 303 and response.headers["Location"] == url
    assert people_count() == 1
    html = persian_text(head.get(url).get_data(as_text=True))
    assert "فهرست تغییر کرده است" in html and "۱ درست" in html


def test_pending_upload_belongs_to_its_user(head, make_user, login, app, governorate):
    url, _ = preview_of(head, upload(head, csv_bytes(*GOOD_ROWS)))
    token = url.rsplit("/", 1)[1]
    pending = json.loads((Path(app.config["INSTANCE_DIR"]) / "imports" / f"{token}.json").read_text("utf-8"))
    assert pending["importer"] == "people" and len(pending["rows"]) == 2
    other = login(make_user("admin"), test_client=app.test_client())
    assert other.get(url).status_code == 404
    assert other.post(url, data={"mode": "all"}).status_code == 404
    assert other.get(url.replace("/people/", "/organizations/")).status_code == 404
    assert head.get("/directory/import/people/..%2F..%2Fsecrets").status_code == 404
    assert people_count() == 0


def test_cancel_discards_the_upload(head, governorate):
    url, _ = preview_of(head, upload(head, csv_bytes(*GOOD_ROWS)))
    response = head.post(url + "/cancel")
    assert response.status_code == 303
    assert head.get(url).status_code == 404 and people_count() == 0


def test_importing_needs_the_import_permission(make_user, login):
    staff = login(make_user("staff"))
    assert staff.get("/directory/import/people").status_code == 403
    assert upload(staff, csv_bytes(*GOOD_ROWS)).status_code == 403
    assert staff.get("/directory/import/people/template.xlsx").status_code == 403


def test_template_is_a_right_to_left_xlsx_with_persian_headers(head):
    response = head.get("/directory/import/people/template.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [cell.value for cell in sheet[1]] == HEADER.split(",")
    assert sheet.sheet_view.rightToLeft is True

    sheet = load_workbook(io.BytesIO(head.get("/directory/import/organizations/template.xlsx").data)).active
    assert [cell.value for cell in sheet[1]] == ["نام", "نوع", "شهر", "تلفن"]
    assert "رسانه" in sheet.data_validations.dataValidation[0].formula1


def test_organizations_import(head, governorate):
    data = csv_bytes(
        "خبرگزاری مهر یزد,رسانه,یزد,۰۳۵۳۶۲۶۱۲۳۴",
        "دانشگاه اردکان,دانشگاه,اردکان,",
        "استانداري يزد,دستگاه اجرایی,یزد,",  # already in the directory (Arabic letters)
        "خانه مطبوعات,انجمن,یزد,",  # unknown type
        "دانشگاه  اردکان,دانشگاه,اردکان,",  # repeats row 3
        header="نام,نوع,شهر,تلفن",
    )
    url, response = preview_of(head, upload(head, data, url="/directory/import/organizations"))
    html = persian_text(response.get_data(as_text=True))
    assert "دستگاهی با نام «استانداری یزد» پیش‌تر ثبت شده است" in html
    assert "یکی از این‌ها را بنویسید" in html and "تکرار ردیف ۳ همین فایل است" in html
    response = head.post(url, data={"mode": "valid"})
    assert response.headers["Location"] == "/directory/organizations/"
    added = {o.name: o for o in db.session.scalars(select(Organization).where(Organization.id != governorate.id))}
    assert set(added) == {"خبرگزاری مهر یزد", "دانشگاه اردکان"}
    assert added["خبرگزاری مهر یزد"].type == "press" and added["خبرگزاری مهر یزد"].phone == "03536261234"
