"""The import of past news items: upload, preview with per-row Persian errors, one transaction."""
import datetime
import io
import re

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from core.db import db
from core.jalali import TIMEZONE, to_jalali_input, today
from core.text import to_ascii_digits
from plugins.news.models import NewsItem

from .conftest import text_of

URL = "/news/import/items"
HEADER = ["عنوان", "تاریخ انتشار", "نوع", "مجراها", "مقامات", "موضوعات"]


def upload(client, data, name="news.xlsx", **kwargs):
    return client.post(URL, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data", **kwargs)


def xlsx_bytes(*rows, header=HEADER):
    workbook = Workbook()
    for row in (header, *rows):
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(*rows, header=HEADER):
    lines = [",".join(f'"{cell}"' for cell in row) for row in (header, *rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def preview(client, response):
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    url = response.headers["Location"]
    return url, client.get(url)


def item_count():
    return db.session.scalar(select(func.count()).select_from(NewsItem))


def error_cells(response):
    """{row number: [messages]} of the preview's rows with errors."""
    html = response.get_data(as_text=True)
    rows = {}
    for row in re.findall(r'<tr class="row-error">(.*?)</tr>', html, re.S):
        number = to_ascii_digits(re.search(r'<th scope="row"[^>]*>([^<]+)</th>', row).group(1))
        rows[int(number)] = re.findall(r'<span class="cell-message">([^<]+)</span>', row)
    return rows


@pytest.fixture
def officials(make_person):
    return make_person("مهدی", "طباطبایی"), make_person("علی", "دهقانی", position="معاون عمرانی")


def test_a_good_file_is_previewed_then_imported_as_published_items(head_client, officials):
    response = upload(head_client, xlsx_bytes(
        ["بازدید استاندار از طرح‌های عمرانی میبد", "۱۴۰۳/۰۸/۲۵", "گزارش تصویری",
         "پایگاه اطلاع‌رسانی استانداری، ايتا", "مهدي طباطبایی, علی دهقانی", "عمرانی"],
        ["نشست خبری معاون عمرانی", "1403/8/20", "", "شبکه داخلی", "", ""],
    ))
    url, page = preview(head_client, response)
    html = text_of(page)
    assert page.status_code == 200 and "۲ ردیف" in html and "۲ درست" in html
    assert "بازدید استاندار از طرح‌های عمرانی میبد" in html
    assert item_count() == 0  # nothing before the confirmation

    response = head_client.post(url, data={"mode": "all"})
    assert response.status_code == 303 and response.headers["Location"] == "/news/"
    items = {item.title: item for item in db.session.scalars(select(NewsItem))}
    visit = items["بازدید استاندار از طرح‌های عمرانی میبد"]
    assert visit.type == "photo_report" and visit.status == "published"
    assert visit.date == datetime.date(2024, 11, 15)
    assert visit.published_at.astimezone(TIMEZONE) == datetime.datetime(2024, 11, 15, tzinfo=TIMEZONE)
    assert sorted(p.channel.name for p in visit.publications) == ["ایتا", "پایگاه اطلاع‌رسانی استانداری"]
    assert {p.published_on for p in visit.publications} == {visit.date}
    assert sorted(o.last_name for o in visit.officials) == ["دهقانی", "طباطبایی"]
    assert [t.name for t in visit.topics] == ["عمرانی"]
    briefing = items["نشست خبری معاون عمرانی"]
    assert briefing.type == "news" and briefing.date == datetime.date(2024, 11, 10)
    assert [p.channel.name for p in briefing.publications] == ["شبکه داخلی"]


def test_english_column_titles_are_read_too(head_client, officials):
    response = upload(head_client, csv_bytes(
        ["بازدید معاون عمرانی از میبد", "1403/08/25", "خبر", "شبکه داخلی", "", ""],
        header=["Title", "Publication date", "Type", "Channels", "Officials", "Topics"]), name="news.csv")
    url, page = preview(head_client, response)
    assert "۱ درست" in text_of(page)
    head_client.post(url, data={"mode": "all"})
    item = db.session.scalar(select(NewsItem))
    assert item.title == "بازدید معاون عمرانی از میبد" and item.publications[0].channel.name == "شبکه داخلی"


def test_unknown_names_and_bad_cells_are_errors_on_their_rows(head_client, officials):
    future = to_jalali_input(today() + datetime.timedelta(days=3))
    response = upload(head_client, csv_bytes(
        ["خبر درست", "1403/08/01", "خبر", "شبکه داخلی", "", ""],
        ["مجرای ناشناس", "1403/08/02", "خبر", "تلگرام", "", ""],
        ["مقام ناشناس", "1403/08/03", "خبر", "", "رضا کریمی", ""],
        ["موضوع ناشناس", "1403/08/04", "خبر", "", "", "گردشگری"],
        ["تاریخ نادرست", "1402/12/30", "خبر", "", "", ""],
        ["تاریخ آینده", future, "خبر", "", "", ""],
        ["نوع نادرست", "1403/08/05", "گزارش", "", "", ""],
        ["", "1403/08/06", "خبر", "", "", ""],
    ), name="news.csv")
    url, page = preview(head_client, response)
    errors = error_cells(page)
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9]
    assert "مجرایی با نام «تلگرام» نیست" in errors[3][0] and "شبکه داخلی" in errors[3][0]
    assert "کسی با نام «رضا کریمی» در فهرست اشخاص نیست" in errors[4][0]
    assert "نخست این مقام را به فهرست اشخاص بیفزایید" in errors[4][0]
    assert "موضوعی با نام «گردشگری» نیست" in errors[5][0]
    assert "۱۴۰۲/۱۲/۳۰" in errors[6][0]
    assert "آینده" in errors[7][0]
    assert "خبر" in errors[8][0] and "مصاحبه" in errors[8][0]
    assert errors[9]
    assert "۱ درست" in text_of(page)

    only_errors = head_client.get(url + "?only=errors")
    assert "خبر درست" not in text_of(only_errors) and "مجرای ناشناس" in text_of(only_errors)

    response = head_client.post(url, data={"mode": "all"})
    assert response.status_code == 422 and item_count() == 0
    head_client.post(url, data={"mode": "valid"})
    assert list(db.session.scalars(select(NewsItem.title))) == ["خبر درست"]


def test_an_item_already_recorded_is_skipped_and_reported(head_client, make_item):
    make_item(title="بازدید استاندار از طرح‌های عمرانی میبد", date=datetime.date(2024, 11, 15))
    response = upload(head_client, xlsx_bytes(
        ["بازديد استاندار از طرح‌های عمرانی ميبد", "۱۴۰۳/۰۸/۲۵", "خبر", "", "", ""],  # Arabic ي
        ["بازدید استاندار از طرح‌های عمرانی میبد", "۱۴۰۳/۰۸/۲۶", "خبر", "", "", ""],  # another day
        ["افتتاح مدرسه", "۱۴۰۳/۰۸/۲۶", "خبر", "", "", ""],
        ["افتتاح مدرسه", "۱۴۰۳/۰۸/۲۶", "خبر", "", "", ""],
    ))
    url, page = preview(head_client, response)
    errors = error_cells(page)
    assert sorted(errors) == [2, 5]
    assert "پیش‌تر ثبت شده است؛ این ردیف وارد نمی‌شود" in errors[2][0]
    assert "تکرار ردیف ۴" in errors[5][0]
    head_client.post(url, data={"mode": "valid"})
    assert item_count() == 3


def test_a_person_twice_in_the_directory_is_ambiguous(head_client, make_person):
    make_person("مهدی", "طباطبایی")
    make_person("مهدی", "طباطبایی", position="مدیرکل")
    url, page = preview(head_client, upload(head_client, xlsx_bytes(
        ["دیدار مردمی", "1403/08/01", "خبر", "", "مهدی طباطبایی", ""])))
    assert "بیش از یک نفر" in error_cells(page)[2][0]


def test_the_template_has_the_persian_headers(head_client):
    page = head_client.get(URL)
    assert page.status_code == 200 and "ورود اخبار گذشته" in text_of(page)
    response = head_client.get(URL + "/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [cell.value for cell in sheet[1]] == HEADER


def test_viewers_and_other_departments_cannot_import(login, department, viewer, make_user, make_department):
    assert login(viewer).get(URL).status_code == 403
    other = make_user("staff", departments=[make_department("واحد رفاه")])
    assert login(other).get(URL).status_code == 403
    assert login(other).get(URL + "/template.xlsx").status_code == 403


def test_staff_may_import(staff_client):
    assert staff_client.get(URL).status_code == 200


def test_a_file_of_ten_thousand_rows_is_taken_and_a_longer_one_refused(head_client):
    """The whole 10,000 rows are checked; saving them (about 13 s on SQLite) is left to the small
    files above, to keep the suite fast."""
    rows = [[f"خبر شماره {n}", "1403/08/01", "خبر", "شبکه داخلی", "", "عمرانی"] for n in range(10_001)]
    response = upload(head_client, csv_bytes(*rows), name="news.csv")
    assert response.status_code == 422 and "بیش از ۱۰٬۰۰۰ ردیف" in text_of(response)
    response = upload(head_client, csv_bytes(*rows[:10_000]), name="news.csv")
    assert response.status_code == 303
    page = head_client.get(response.headers["Location"] + "?only=errors")  # the summary, no rows
    assert "۱۰٬۰۰۰ درست" in text_of(page)
