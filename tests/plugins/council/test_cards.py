"""Member cards: issuing one (the next number of the year, two years of validity by default),
issuing for every current member without a valid card, refused input changing nothing, the list
with its statuses, revoking (council.manage), and the card and sheet PDFs read back and checked."""
import datetime
import io
import subprocess

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from core import files
from core.db import db
from core.jalali import format_date, jalali_date, today
from core.text import to_fa_digits
from plugins.council.models import Card

from .conftest import text_of

HX = {"HX-Request": "true"}
TODAY = today()


def card_count():
    return db.session.scalar(select(func.count()).select_from(Card))


def add_card(member, number="1405-0100", issued_on=None, valid_until=None, **fields):
    issued_on = issued_on or TODAY - datetime.timedelta(days=30)
    card = Card(member_id=member.id, number=number, issued_on=issued_on,
                valid_until=valid_until or issued_on + datetime.timedelta(days=700), **fields)
    db.session.add(card)
    db.session.commit()
    return card


def pdf_text(data, tmp_path, name="card.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(data, tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_form_offers_the_next_number_and_two_years(staff_client, make_member):
    member = make_member()
    day = today()
    year = jalali_date(day).year
    add_card(make_member(), number=f"{year}-0007")
    html = staff_client.get(f"/council/cards/new?member={member.id}").get_data(as_text=True)
    assert f'value="{to_fa_digits(year)}-۰۰۰۸"' in html  # the number counts within today's Jalali year
    two_years = jalali_date(day).replace(year=year + 2).togregorian() - datetime.timedelta(days=1)
    assert f'value="{format_date(day, "numeric")}"' in html and f'value="{format_date(two_years, "numeric")}"' in html
    assert f'<option selected value="{member.id}">' in html


def test_issue_a_card(staff_client, make_member):
    member = make_member()
    response = staff_client.post("/council/cards/new", data={
        "member_id": member.id, "number": "۱۴۰۵-۰۰۰۱", "issued_on": "۱۴۰۵/۰۹/۰۱", "valid_until": "۱۴۰۷/۰۸/۳۰"})
    assert response.status_code == 303
    card = db.session.scalar(select(Card))
    assert (card.member_id, card.number, card.status) == (member.id, "1405-0001", "valid")
    assert len(card.code) == 10 and card.valid_until == datetime.date(2028, 11, 20)


def test_refused_cards_change_nothing(staff_client, make_member):
    holder = make_member()
    add_card(holder, number="1405-0001")
    other = make_member(first_name="علی")
    base = {"member_id": other.id, "number": "1405-0002", "issued_on": "1405/09/01", "valid_until": "1407/08/30"}
    cases = [
        ({"member_id": holder.id}, "این عضو کارت شماره ۱۴۰۵-۰۰۰۱ را تا"),
        ({"number": "۱۴۰۵-۰۰۰۱"}, "شماره کارت ۱۴۰۵-۰۰۰۱ پیش‌تر داده شده است"),
        ({"valid_until": "1405/08/01"}, "پایان اعتبار کارت باید پس از تاریخ صدور باشد"),
        ({"issued_on": "1402/12/30"}, "۱۴۰۲"),
        ({"issued_on": "1406/01/01"}, "تاریخ صدور در آینده است"),
        ({"member_id": "0"}, "یکی از اعضای کنونی را انتخاب کنید"),
    ]
    for change, message in cases:
        response = staff_client.post("/council/cards/new", data={**base, **change})
        assert response.status_code == 422, change
        assert message in text_of(response), change
    assert card_count() == 1


def test_bulk_issue_for_members_without_a_valid_card(staff_client, make_member, make_unit):
    with_valid = make_member(first_name="زهرا")
    add_card(with_valid, number="1405-0001")
    expired = make_member(first_name="رضا")
    add_card(expired, number="1404-0001", issued_on=datetime.date(2023, 1, 1), valid_until=datetime.date(2025, 1, 1))
    make_member(unit=make_unit("فرمانداری شهرستان خاتم", body="county"), first_name="سعید")
    form = text_of(staff_client.get("/council/cards/bulk"))
    assert "۲ عضو کنونی کارت معتبر ندارند" in form
    county_only = staff_client.post("/council/cards/bulk", data={"body": "county", "issued_on": "۱۴۰۵/۰۹/۰۵",
                                                                 "valid_until": "۱۴۰۷/۰۹/۰۴"})
    assert county_only.status_code == 303 and card_count() == 3
    response = staff_client.post("/council/cards/bulk", data={"body": "", "issued_on": "۱۴۰۵/۰۹/۰۵",
                                                              "valid_until": "۱۴۰۷/۰۹/۰۴"})
    assert response.status_code == 303 and card_count() == 4
    numbers = db.session.scalars(select(Card.number).where(Card.issued_on == datetime.date(2026, 11, 26))
                                 .order_by(Card.number)).all()
    assert numbers == ["1405-0002", "1405-0003"]
    again = staff_client.post("/council/cards/bulk", data={"body": "", "issued_on": "۱۴۰۵/۰۹/۰۵",
                                                           "valid_until": "۱۴۰۷/۰۹/۰۴"})
    assert again.status_code == 422 and "همه اعضای کنونی کارت معتبر دارند" in text_of(again)
    assert card_count() == 4


def test_list_statuses_filters_and_export(staff_client, make_member):
    add_card(make_member(first_name="زهرا", last_name="معتبری"), number="1405-0001")
    add_card(make_member(first_name="رضا", last_name="گذشته"), number="1403-0001", issued_on=datetime.date(2023, 1, 1),
             valid_until=datetime.date(2025, 1, 1))
    add_card(make_member(first_name="علی", last_name="ابطالی"), number="1405-0002", revoked_on=TODAY,
             revoke_reason="پایان همکاری")
    text = text_of(staff_client.get("/council/cards/"))
    assert "زهرا معتبری" in text and "رضا گذشته" in text and "منقضی" in text and "پایان همکاری" in text
    for status, name in (("valid", "زهرا معتبری"), ("expired", "رضا گذشته"), ("revoked", "علی ابطالی")):
        names = {n for n in ("زهرا معتبری", "رضا گذشته", "علی ابطالی") if n in text_of(
            staff_client.get(f"/council/cards/?status={status}", headers=HX))}
        assert names == {name}, status
    assert "رضا" not in text_of(staff_client.get("/council/cards/?start=۱۴۰۵/۰۱/۰۱"))
    bad = staff_client.get("/council/cards/?start=۱۴۰۵/۱۳/۰۱")
    assert bad.status_code == 200 and "زهرا معتبری" in text_of(bad)  # the wrong date is shown, not applied
    csv = staff_client.get("/council/cards/?format=csv&status=revoked").get_data(as_text=True)
    assert "علی ابطالی" in csv and "پایان همکاری" in csv and "زهرا" not in csv


def test_revoke_needs_manage_and_a_reason(app, login, head, staff_client, make_member):
    card = add_card(make_member())
    assert staff_client.get(f"/council/cards/{card.id}/revoke").status_code == 403
    head_client = login(head, test_client=app.test_client())
    missing = head_client.post(f"/council/cards/{card.id}/revoke", data={"revoked_on": "۱۴۰۵/۰۹/۰۵",
                                                                          "revoke_reason": ""})
    assert missing.status_code == 422 and "دلیل ابطال کارت را بنویسید" in text_of(missing)
    db.session.refresh(card)
    assert card.revoked_on is None
    response = head_client.post(f"/council/cards/{card.id}/revoke", data={"revoked_on": "۱۴۰۵/۰۹/۰۵",
                                                                           "revoke_reason": "گم شدن کارت"})
    assert response.status_code == 303
    db.session.refresh(card)
    assert card.status == "revoked" and card.revoke_reason == "گم شدن کارت"
    twice = head_client.post(f"/council/cards/{card.id}/revoke", data={"revoked_on": "۱۴۰۵/۰۹/۰۵",
                                                                        "revoke_reason": "دوباره"})
    assert twice.status_code == 422 and card.revoke_reason == "گم شدن کارت"


def test_viewer_reads_but_does_not_issue(app, login, viewer, make_member):
    card = add_card(make_member())
    client = login(viewer, test_client=app.test_client())
    assert client.get("/council/cards/").status_code == 200
    for path in ("/council/cards/new", "/council/cards/bulk", f"/council/cards/{card.id}/revoke"):
        assert client.get(path).status_code == 403, path


def test_the_card_pdf(staff_client, make_unit, make_member, tmp_path):
    unit = make_unit("اداره کل میراث فرهنگی استان یزد")
    card = add_card(make_member(unit=unit, first_name="الهام", last_name="دشتی", member_number="1024"),
                    number="1405-0012", valid_until=datetime.date(2028, 11, 20))
    response = staff_client.get(f"/council/cards/{card.id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data, tmp_path)
    for expected in ("الهام دشتی", "اداره کل میراث فرهنگی استان یزد", "۱۰۲۴", "آبان", "۱۴۰۷", "کارت عضویت",
                     "بدون عکس", "۱۴۰۵-۰۰۱۲"):
        assert expected in text, expected


def test_the_card_prints_the_photo(app, staff_client, make_member, tmp_path):
    image = io.BytesIO()
    Image.new("RGB", (300, 400), (40, 90, 140)).save(image, format="JPEG")
    image.seek(0)
    member = make_member(first_name="الهام", last_name="دشتی")
    with app.app_context():
        member.person.photo = files.save_image(FileStorage(image, "photo.jpg"))
    db.session.commit()
    card = add_card(member)
    response = staff_client.get(f"/council/cards/{card.id}.pdf")
    assert response.status_code == 200
    assert "بدون عکس" not in pdf_text(response.data, tmp_path)
    path = tmp_path / "photo.pdf"
    path.write_bytes(response.data)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 4  # two header lines, the photo and the QR code


@pytest.mark.parametrize("count, pages", [(3, 1), (12, 2)])
def test_the_sheets_hold_ten_cards_a_page(staff_client, make_member, tmp_path, count, pages):
    names = ["کریمی", "صالحی", "رحیمی", "اسلامی", "فتوحی", "مدرسی", "سلطانی", "بافقی", "تفتی", "جعفری", "یزدانی",
             "دشتی"]
    for number in range(count):
        add_card(make_member(last_name=names[number]), number=f"1405-{number:04d}")
    response = staff_client.get("/council/cards/sheet.pdf?status=valid")
    assert response.status_code == 200 and pdf_pages(response.data, tmp_path) == pages
    text = pdf_text(response.data, tmp_path)
    assert all(f"مریم {name}" in text for name in names[:count])


def test_an_empty_sheet_goes_back_to_the_list(staff_client):
    response = staff_client.get("/council/cards/sheet.pdf?status=revoked")
    assert response.status_code == 302 and "/council/cards/" in response.headers["Location"]
