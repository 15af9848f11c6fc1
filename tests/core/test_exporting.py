"""Exports of the lists (core.exporting): XLSX and CSV with Persian headers, Jalali dates, the
list's filters and sort, a row cap with a Persian note."""
import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from core.committees.models import Committee, Meeting, Resolution
from core.db import db
from core.models import Organization, Person


@pytest.fixture
def people(app):
    org = Organization(name="اداره کل ارشاد اسلامی یزد", type="agency", city="یزد")
    db.session.add(org)
    db.session.add_all([
        Person(first_name="علی", last_name="کریمی", national_code="0012345679", mobile="09121234567",
               organization=org, position="مدیر روابط عمومی",
               created_at=datetime.datetime(2024, 11, 15, 8, 0, tzinfo=datetime.UTC)),
        Person(first_name="مریم", last_name="احمدی", position="کارشناس خبر"),
        Person(first_name="=HYPERLINK(\"x\")", last_name="تزریقی", position="-1"),
    ])
    db.session.commit()
    return org


@pytest.fixture
def staff_client(make_user, login):
    return login(make_user("staff"))


def _sheet(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.data)).active


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_people_xlsx_has_persian_headers_rtl_and_jalali_dates(people, staff_client):
    response = staff_client.get("/directory/people/?format=xlsx")
    assert "attachment" in response.headers["Content-Disposition"]
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]  # the Persian file name
    sheet = _sheet(response)
    assert sheet.sheet_view.rightToLeft is True
    rows = _rows(sheet)
    assert rows[0] == ["نام", "نام خانوادگی", "کد ملی", "تلفن همراه", "سازمان", "سمت", "تاریخ ثبت"]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["E"].width == 36
    karimi = next(row for row in rows if row[1] == "کریمی")
    # codes stay text with their leading zeros; 15 Nov 2024 is 25 Aban 1403
    assert karimi[2:6] == ["0012345679", "09121234567", "اداره کل ارشاد اسلامی یزد", "مدیر روابط عمومی"]
    assert karimi[6] == "۱۴۰۳/۰۸/۲۵"
    assert len(rows) == 4  # the header and three people, sorted by last name as the list is
    assert [row[1] for row in rows[1:]] == ["احمدی", "تزریقی", "کریمی"]


def test_a_text_that_looks_like_a_formula_stays_text(people, staff_client):
    sheet = _sheet(staff_client.get("/directory/people/?format=xlsx&q=تزریقی"))
    cell = sheet["A2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"
    text = staff_client.get("/directory/people/?format=csv&q=تزریقی").data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-1" in text


def test_export_respects_the_filters_and_is_not_paginated(people, staff_client, app):
    rows = _rows(_sheet(staff_client.get("/directory/people/?format=xlsx&q=علي&page=2")))
    assert [row[1] for row in rows[1:]] == ["کریمی"]  # Arabic ي found the Persian name; page ignored
    rows = _rows(_sheet(staff_client.get(f"/directory/people/?format=xlsx&organization={people.id}")))
    assert [row[1] for row in rows[1:]] == ["کریمی"]
    rows = _rows(_sheet(staff_client.get("/directory/people/?format=xlsx&sort=-name")))
    assert [row[1] for row in rows[1:]] == ["کریمی", "تزریقی", "احمدی"]
    db.session.add_all(Person(first_name="نفر", last_name=f"شماره {i}") for i in range(30))
    db.session.commit()
    assert app.config["PAGE_SIZE"] < 33
    assert len(_rows(_sheet(staff_client.get("/directory/people/?format=xlsx")))) == 34


def test_csv_is_utf8_with_bom_and_persian(people, staff_client):
    response = staff_client.get("/directory/people/?format=csv&q=کریمی")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["نام", "نام خانوادگی", "کد ملی"]
    assert rows[1][:3] == ["علی", "کریمی", "0012345679"] and rows[1][6] == "۱۴۰۳/۰۸/۲۵"


def test_row_cap_writes_a_persian_note_above_the_header(people, staff_client, app, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_MAX_ROWS", 2)
    rows = _rows(_sheet(staff_client.get("/directory/people/?format=xlsx")))
    assert "۲" in rows[0][0] and "۳" in rows[0][0] and "فیلتر" in rows[0][0]
    assert rows[1][0] == "نام" and len(rows) == 4
    text = staff_client.get("/directory/people/?format=csv").data.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("نام,") and len(text.splitlines()) == 4


def test_numbers_stay_numbers_and_booleans_read_in_persian(app, make_user, make_department,
                                                           login):
    department = make_department("واحد ارتباطات")
    committee = Committee(name="کمیته رسانه", department_id=department.id)
    db.session.add(committee)
    db.session.flush()
    meeting = Meeting(committee_id=committee.id, type="general", date=datetime.date(2024, 11, 15), status="held")
    db.session.add(meeting)
    db.session.flush()
    db.session.add(Resolution(committee_id=committee.id, meeting_id=meeting.id, number=3, text="تهیه گزارش",
                              due_date=datetime.date(2020, 3, 20)))
    db.session.commit()
    client = login(make_user("head", departments=[department]))
    rows = _rows(_sheet(client.get("/committees/?format=xlsx")))
    assert rows[0][:4] == ["نام", "واحد", "فعال", "اعضای فعلی"]
    assert rows[1][0] == "کمیته رسانه" and rows[1][2] == "بله" and rows[1][4] == 1 and rows[1][7] == 1
    rows = _rows(_sheet(client.get("/committees/resolutions/?format=xlsx&status=overdue")))
    assert rows[1][2] == 3 and isinstance(rows[1][2], int)
    assert rows[1][5] == "۱۳۹۹/۰۱/۰۱" and rows[1][7] == "بله"
    assert len(_rows(_sheet(client.get("/committees/resolutions/?format=xlsx&status=done")))) == 1
    rows = _rows(_sheet(client.get("/committees/meetings/?format=xlsx")))
    assert rows[1][0] == "۱۴۰۳/۰۸/۲۵" and rows[1][-1] == 1


@pytest.mark.parametrize("url", ["/admin/users/", "/admin/audit/", "/reports/editions/",
                                 "/directory/organizations/", "/committees/meetings/"])
def test_every_core_list_exports(url, app, make_user, login):
    client = login(make_user("admin"))
    for fmt in ("xlsx", "csv"):
        response = client.get(f"{url}?format={fmt}")
        assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    page = client.get(url).get_data(as_text=True)
    assert "format=xlsx" in page or "format=csv" not in page


def test_list_pages_link_to_their_exports_with_the_filters(people, staff_client):
    html = staff_client.get("/directory/people/?q=کریمی&sort=-name&page=1").get_data(as_text=True)
    assert "format=xlsx" in html and "format=csv" in html
    link = html.split("format=xlsx")[0].rsplit('href="', 1)[1]
    assert "q=" in link and "sort=-name" in link and "page=" not in link


def test_users_export_is_admins_only(app, make_user, login, client):
    assert login(make_user("staff")).get("/admin/users/?format=xlsx").status_code == 403
    client.post("/logout")
    rows = _rows(_sheet(login(make_user("admin", username="boss")).get("/admin/users/?format=xlsx&q=boss")))
    assert rows[0][:3] == ["نام و نام خانوادگی", "نام کاربری", "نقش"]
    assert rows[1][1] == "boss" and rows[1][2] == "مدیر سامانه" and rows[1][5] is not None


def test_the_same_columns_draw_the_page_table(people, app):
    from flask import render_template_string, url_for

    from core.directory.people import _listing
    from core.exporting import Column

    columns = [
        Column("نام خانوادگی", "last_name", sort="name",
               link=lambda person: url_for("directory.person", person_id=person.id)),
        Column("کد ملی", "national_code", kind="text"),
        Column("سازمان", "organization.name"),
        Column("تاریخ ثبت", "created_at", kind="date"),
        Column("شناسه", "id"),
    ]
    with app.test_request_context("/directory/people/?q=کریمی"):
        page = _listing().page(db.session)
        html = render_template_string("{{ ui.columns_table(page, columns, id='t') }}", page=page, columns=columns)
    assert 'id="t"' in html and "?q=%DA%A9%D8%B1%DB%8C%D9%85%DB%8C&amp;sort=-name" in html  # sortable header
    assert '<a href="/directory/people/' in html and ">کریمی</a>" in html
    assert "۰۰۱۲۳۴۵۶۷۹" in html and "اداره کل ارشاد اسلامی یزد" in html and "۲۵ آبان ۱۴۰۳" in html
    assert 'data-label="سازمان"' in html
    page.items[0].organization = None
    with app.test_request_context("/directory/people/"):
        html = render_template_string("{{ ui.columns_table(page, columns) }}", page=page, columns=columns)
    assert "—" in html


def test_table_body_cells(app):
    """The first cell carries no data-label (the row's title on a phone), a date column does not
    wrap, links and values are escaped."""
    import datetime
    from types import SimpleNamespace

    from core.exporting import Column, table_body

    columns = [Column("عنوان", "title", link=lambda row: f"/x?a={row.id}&b=<"), Column("تاریخ", "day", kind="date"),
               Column('برچسب "ب"', "note")]
    rows = [SimpleNamespace(id=7, title="<b>الف</b>", day=datetime.date(2024, 11, 15), note=None)]
    with app.test_request_context("/"):
        html = str(table_body(rows, columns))
    assert html == ('<tbody>\n  <tr>\n'
                    '    <td><a href="/x?a=7&amp;b=&lt;">&lt;b&gt;الف&lt;/b&gt;</a></td>\n'
                    '    <td data-label="تاریخ" class="nowrap">۲۵ آبان ۱۴۰۳</td>\n'
                    '    <td data-label="برچسب &#34;ب&#34;">—</td>\n'
                    '  </tr>\n  </tbody>')
