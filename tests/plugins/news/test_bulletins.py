"""The monthly bulletin: creating it, filling it (automatically, by hand, coverage), ordering,
finalizing, its PDF, and the confidential bulletin hidden from those who may not see it."""
import datetime
import re
import shutil
import subprocess

import pytest
from sqlalchemy import select

from core.db import db
from plugins.news.models import Bulletin, BulletinEntry

from .conftest import text_of

ABAN_3_1403 = datetime.date(2024, 10, 24)
MEHR_20_1403 = datetime.date(2024, 10, 11)
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u200e\u200f]")
SITE, INTERNAL, MINISTRY, EITAA = "پایگاه اطلاع‌رسانی استانداری", "شبکه داخلی", "پایگاه اطلاع‌رسانی وزارت کشور", "ایتا"


@pytest.fixture
def head_only_client(app, login, head):
    """The head on a client of its own: ``head_client`` shares the one test client with
    ``staff_client``, and a logged-in client stays logged in as its first user."""
    return login(head, test_client=app.test_client())


def add_bulletin(title="بولتن خبری ماهانه — آبان ۱۴۰۳", confidential=False, status="draft", **fields):
    bulletin = Bulletin(year=1403, month=8, title=title, confidential=confidential, status=status, **fields)
    db.session.add(bulletin)
    db.session.commit()
    return bulletin


def add_coverage_entry(bulletin, title, position):
    entry = BulletinEntry(bulletin=bulletin, position=position, kind="coverage", title=title,
                          summary="گزارش خبرگزاری", source="خبرگزاری ایرنا")
    db.session.add(entry)
    db.session.commit()
    return entry


def entry_titles(bulletin):
    return list(db.session.scalars(select(BulletinEntry.title).where(BulletinEntry.bulletin_id == bulletin.id)
                                   .order_by(BulletinEntry.position)))


@pytest.fixture
def month_items(make_item, make_person):
    """Aban 1403's news: the governor's, a deputy's, a plain item on three channels, a draft and
    an item of Mehr (the last two never offered)."""
    governor = make_person("مهدی", "صادقیان", "استاندار یزد")
    deputy = make_person("علی", "آقازاده", "معاون سیاسی، امنیتی و اجتماعی استاندار")
    director = make_person("سعید", "دهقانی", "مدیرکل راه و شهرسازی استان")
    plain = make_item("افتتاح کتابخانه عمومی مهریز", date=ABAN_3_1403, channels=(SITE, INTERNAL, EITAA),
                      officials=[director], lead="کتابخانه با ۲۰۰۰ جلد کتاب گشایش یافت.")
    by_deputy = make_item("نشست شورای اجتماعی استان", date=ABAN_3_1403, channels=(SITE,), officials=[deputy])
    by_governor = make_item("بازدید استاندار از طرح‌های عمرانی میبد", channels=(SITE,), officials=[governor])
    make_item("پیش‌نویس خبر جلسه", status="draft")
    make_item("خبر مهرماه", date=MEHR_20_1403, channels=(SITE, INTERNAL, MINISTRY, EITAA))
    return by_governor, by_deputy, plain


def test_a_bulletin_created_with_persian_digits_and_no_title_is_named_after_its_month(staff_client, department):
    form = staff_client.get("/news/bulletins/new")
    assert form.status_code == 200
    assert "بولتن خبری ماهانه —" in form.get_data(as_text=True)  # the default title, to change
    assert "محرمانه" not in text_of(form)  # staff may not make a confidential bulletin
    response = staff_client.post("/news/bulletins/new", data={"year": "۱۴۰۳", "month": "8", "title": "",
                                                              "introduction": "مروری بر اخبار آبان"})
    assert response.status_code == 303
    bulletin = db.session.scalar(select(Bulletin))
    assert (bulletin.year, bulletin.month, bulletin.title) == (1403, 8, "بولتن خبری ماهانه — آبان ۱۴۰۳")
    assert response.headers["Location"].endswith(f"/news/bulletins/{bulletin.id}")


def test_a_wrong_year_is_refused_in_persian_and_nothing_is_saved(staff_client, department):
    data = {"year": "۹۹", "month": "8", "title": "بولتن آزمایشی"}
    response = staff_client.post("/news/bulletins/new", data=data)
    assert response.status_code == 422
    assert "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد" in text_of(response)
    fragment = staff_client.post("/news/bulletins/new", data=data, headers={"HX-Request": "true"})
    assert fragment.status_code == 422
    assert "<html" not in fragment.get_data(as_text=True) and "بولتن آزمایشی" in fragment.get_data(as_text=True)
    assert db.session.scalar(select(Bulletin)) is None


def test_only_the_head_makes_a_confidential_bulletin(staff_client, head_only_client, department):
    data = {"year": "1403", "month": "8", "title": "بولتن ویژه", "confidential": "y"}
    staff_client.post("/news/bulletins/new", data=data)
    assert db.session.scalar(select(Bulletin.confidential)) is False
    head_only_client.post("/news/bulletins/new", data={**data, "title": "بولتن محرمانه آبان"})
    confidential = db.session.scalar(select(Bulletin).where(Bulletin.title == "بولتن محرمانه آبان"))
    assert confidential.confidential is True


def test_automatic_selection_puts_the_governor_and_deputies_first_then_channels_and_never_twice(
        staff_client, month_items):
    by_governor, by_deputy, plain = month_items
    bulletin = add_bulletin()
    add_coverage_entry(bulletin, "گزارش ایرنا از سفر استاندار", 1)
    response = staff_client.post(f"/news/bulletins/{bulletin.id}/auto")
    assert response.status_code == 303
    assert entry_titles(bulletin) == ["گزارش ایرنا از سفر استاندار", by_governor.title, by_deputy.title, plain.title]
    entry = db.session.scalar(select(BulletinEntry).where(BulletinEntry.item_id == plain.id))
    assert (entry.kind, entry.summary, entry.date) == ("news", plain.lead, ABAN_3_1403)
    staff_client.post(f"/news/bulletins/{bulletin.id}/auto")
    assert len(entry_titles(bulletin)) == 4
    page = text_of(staff_client.get(f"/news/bulletins/{bulletin.id}"))
    assert "مهدی صادقیان" in page and "۳ آبان ۱۴۰۳" in page and "منبع: خبرگزاری ایرنا" in page
    assert "پیش‌نویس خبر جلسه" not in page and "خبر مهرماه" not in page


def test_items_picked_by_hand_are_the_month_published_ones_only(staff_client, month_items, make_item):
    by_governor, by_deputy, plain = month_items
    bulletin = add_bulletin()
    page = staff_client.get(f"/news/bulletins/{bulletin.id}/pick")
    assert page.status_code == 200
    text = text_of(page)
    assert plain.title in text and by_governor.title in text
    assert "خبر مهرماه" not in text and "پیش‌نویس خبر جلسه" not in text
    filtered = staff_client.get(f"/news/bulletins/{bulletin.id}/pick?q=كتابخانه", headers={"HX-Request": "true"})
    assert plain.title in text_of(filtered) and by_governor.title not in text_of(filtered)
    other_month = make_item("خبر دیگر مهر", date=MEHR_20_1403)
    response = staff_client.post(f"/news/bulletins/{bulletin.id}/pick",
                                 data={"item_id": [str(plain.id), str(other_month.id), "x"]})
    assert response.status_code == 303
    assert entry_titles(bulletin) == [plain.title]
    again = staff_client.post(f"/news/bulletins/{bulletin.id}/pick", data={"item_id": [str(plain.id)]},
                              follow_redirects=True)
    assert "دست‌کم یک خبر" in text_of(again)
    assert entry_titles(bulletin) == [plain.title]
    assert "در بولتن" in text_of(staff_client.get(f"/news/bulletins/{bulletin.id}/pick"))


def test_coverage_is_added_by_hand_and_a_missing_source_is_refused(staff_client, department, make_outlet):
    make_outlet("خبرگزاری ایسنا یزد")
    bulletin = add_bulletin()
    form = staff_client.get(f"/news/bulletins/{bulletin.id}/coverage")
    assert "خبرگزاری ایسنا یزد" in form.get_data(as_text=True)  # offered in the outlets' list
    refused = staff_client.post(f"/news/bulletins/{bulletin.id}/coverage",
                                data={"title": "گزارش ایسنا", "source": "", "date": "۱۴۰۳/۰۸/۱۰"})
    assert refused.status_code == 422
    assert "رسانه‌ای را که آن را منتشر کرده وارد کنید" in text_of(refused)
    assert 'value="گزارش ایسنا"' in refused.get_data(as_text=True)
    response = staff_client.post(f"/news/bulletins/{bulletin.id}/coverage", data={
        "title": "گزارش ایسنا از طرح‌های عمرانی", "source": "خبرگزاری ایسنا یزد", "date": "۱۴۰۳/۰۸/۱۰",
        "summary": "ایسنا طرح‌های عمرانی استان را بررسی کرد."})
    assert response.status_code == 303
    entry = db.session.scalar(select(BulletinEntry))
    assert (entry.kind, entry.source, entry.date, entry.position) == (
        "coverage", "خبرگزاری ایسنا یزد", datetime.date(2024, 10, 31), 1)


def test_entries_move_up_and_down_with_htmx_or_a_plain_post_and_are_removed(staff_client, department):
    bulletin = add_bulletin()
    first, second, third = (add_coverage_entry(bulletin, title, n) for n, title in
                            enumerate(("گزارش اول", "گزارش دوم", "گزارش سوم"), start=1))
    fragment = staff_client.post(f"/news/bulletins/{bulletin.id}/entries/{first.id}/move",
                                 data={"direction": "down"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.get_data(as_text=True)
    assert 'id="entries"' in html and "<html" not in html
    assert html.index("گزارش دوم") < html.index("گزارش اول") < html.index("گزارش سوم")
    plain = staff_client.post(f"/news/bulletins/{bulletin.id}/entries/{third.id}/move", data={"direction": "up"})
    assert plain.status_code == 303
    assert entry_titles(bulletin) == ["گزارش دوم", "گزارش سوم", "گزارش اول"]
    staff_client.post(f"/news/bulletins/{bulletin.id}/entries/{second.id}/move", data={"direction": "up"})
    assert entry_titles(bulletin) == ["گزارش دوم", "گزارش سوم", "گزارش اول"]  # the first stays first
    removed = staff_client.post(f"/news/bulletins/{bulletin.id}/entries/{third.id}/delete",
                                headers={"HX-Request": "true"})
    assert removed.status_code == 200 and "گزارش سوم" not in removed.get_data(as_text=True)
    assert entry_titles(bulletin) == ["گزارش دوم", "گزارش اول"]
    assert [e.position for e in db.session.scalars(select(BulletinEntry).order_by(BulletinEntry.position))] == [1, 2]
    other = add_bulletin(title="بولتن دیگر")
    assert staff_client.post(f"/news/bulletins/{other.id}/entries/{first.id}/delete").status_code == 404


def test_a_final_bulletin_is_read_only_until_the_head_reopens_it(staff_client, head_only_client, month_items):
    bulletin = add_bulletin()
    entry = add_coverage_entry(bulletin, "گزارش اول", 1)
    assert staff_client.post(f"/news/bulletins/{bulletin.id}/finalize").status_code == 303
    assert bulletin.status == "final"
    refused = staff_client.post(f"/news/bulletins/{bulletin.id}/auto", follow_redirects=True)
    assert "بولتن نهایی شده است" in text_of(refused)
    assert staff_client.post(f"/news/bulletins/{bulletin.id}/entries/{entry.id}/delete").status_code == 303
    assert entry_titles(bulletin) == ["گزارش اول"]
    page = text_of(staff_client.get(f"/news/bulletins/{bulletin.id}"))
    assert "انتخاب خودکار" not in page and "بازگشایی برای ویرایش" not in page
    assert staff_client.post(f"/news/bulletins/{bulletin.id}/reopen").status_code == 403
    assert "بازگشایی برای ویرایش" in text_of(head_only_client.get(f"/news/bulletins/{bulletin.id}"))
    assert head_only_client.post(f"/news/bulletins/{bulletin.id}/reopen").status_code == 303
    assert bulletin.status == "draft"
    staff_client.post(f"/news/bulletins/{bulletin.id}/auto")
    assert len(entry_titles(bulletin)) == 4


def test_the_viewer_reads_bulletins_but_cannot_change_them(app, login, viewer, make_user, make_department,
                                                           department):
    bulletin = add_bulletin()
    viewer_client = login(viewer)
    assert viewer_client.get("/news/bulletins/").status_code == 200
    assert viewer_client.get(f"/news/bulletins/{bulletin.id}").status_code == 200
    assert viewer_client.post(f"/news/bulletins/{bulletin.id}/auto").status_code == 403
    assert viewer_client.get("/news/bulletins/new").status_code == 403
    outsider = make_user("staff", username="outsider", departments=[make_department("اداره کل دیگر")])
    outsider_client = login(outsider, test_client=app.test_client())
    assert outsider_client.get(f"/news/bulletins/{bulletin.id}").status_code == 403
    assert outsider_client.post(f"/news/bulletins/{bulletin.id}/finalize").status_code == 403


def test_the_confidential_bulletin_is_hidden_from_staff_and_seen_by_the_head(staff_client, head_only_client,
                                                                            department):
    add_bulletin(title="بولتن عادی آبان")
    secret = add_bulletin(title="بولتن محرمانه آبان", confidential=True)
    listing = text_of(staff_client.get("/news/bulletins/"))
    assert "بولتن عادی آبان" in listing and "بولتن محرمانه آبان" not in listing
    for path in ("", "/bulletin.pdf", "/edit", "/pick", "/coverage"):
        assert staff_client.get(f"/news/bulletins/{secret.id}{path}").status_code == 404
    assert staff_client.post(f"/news/bulletins/{secret.id}/auto").status_code == 404
    assert "بولتن محرمانه" not in text_of(staff_client.get("/search?q=بولتن"))
    assert "بولتن عادی آبان" in text_of(staff_client.get("/search?q=بولتن"))
    export = staff_client.get("/news/bulletins/?format=csv").get_data().decode("utf-8-sig")
    assert "بولتن عادی آبان" in export and "بولتن محرمانه آبان" not in export
    assert "بولتن محرمانه آبان" in text_of(head_only_client.get("/news/bulletins/"))
    assert "بولتن محرمانه آبان" in text_of(head_only_client.get("/search?q=محرمانه"))
    assert head_only_client.get(f"/news/bulletins/{secret.id}").status_code == 200


def pdf_text(data, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"[ \t]+", " ", BIDI_CONTROLS.sub("", text))


def test_the_pdf_holds_the_numbered_entries_and_confidential_on_every_page(head_client, month_items, tmp_path):
    by_governor, _by_deputy, plain = month_items
    bulletin = add_bulletin(title="بولتن محرمانه آبان", confidential=True, introduction="گزیده اخبار ماه")
    head_client.post(f"/news/bulletins/{bulletin.id}/auto")
    for n in range(4, 24):
        add_coverage_entry(bulletin, f"گزارش رسانه شماره {n}", n)
    response = head_client.get(f"/news/bulletins/{bulletin.id}/bulletin.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data, tmp_path)
    pages = text.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 2
    assert all("محرمانه" in page for page in pages)
    # Digits next to Persian words may come out of pdftotext in another order: test words alone.
    for words in ("بولتن محرمانه آبان", "گزیده اخبار ماه", "بازدید استاندار از طرح‌های عمرانی میبد",
                  "مهدی صادقیان", "جلد کتاب گشایش یافت", "خبرگزاری ایرنا", "گزارش رسانه شماره"):
        assert words in text, words
    assert text.index("بازدید استاندار") < text.index("نشست شورای اجتماعی") < text.index("افتتاح کتابخانه")
    plain_bulletin = add_bulletin(title="بولتن عادی آبان")
    text = pdf_text(head_client.get(f"/news/bulletins/{plain_bulletin.id}/bulletin.pdf").data, tmp_path)
    assert "بولتن عادی آبان" in text and "محرمانه" not in text
