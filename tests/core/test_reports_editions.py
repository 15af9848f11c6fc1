"""Editions of the activity report: saved text that outlives data changes, editing an edition,
comparison with a fresh run, the PDF (read back with pdftotext), rename, delete and the list."""
import datetime
import re
import shutil
import subprocess

import pytest
from sqlalchemy import select

from core.db import db
from core.jalali import Period
from core.models import AuditLog
from core.reports.models import ReportEdition
from tests.core.test_reports import (  # noqa: F401  (fixtures)
    SAMPLE_TEXT,
    add_items,
    extra,
    head_client,
    news,
    sample_on,
    text_of,
)

pytestmark = pytest.mark.usefixtures("sample_on")


def save_edition(client, title="نسخه نهایی", query=""):
    response = client.post(f"/reports/editions/new{query}", data={"title": title})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    edition = db.session.scalar(select(ReportEdition).order_by(ReportEdition.id.desc()))
    assert response.headers["Location"].endswith(f"/reports/editions/{edition.id}/")
    return edition


def squash(text):
    """Text without spaces, ZWNJ and bidi marks: pdftotext places them around digit runs freely."""
    return re.sub(r"[\s\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)


def pdf_text(data, tmp_path):
    """The PDF's text as pdftotext reads it, squashed."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                 text=True, check=True).stdout)


def test_an_edition_keeps_its_text_when_the_data_changes(head_client, extra):
    add_items(2)
    extra.items = [{"key": "a", "text": "مورد الف."}]
    head_client.post("/reports/items", data={"key": "core:a", "action": "hide"})
    edition = save_edition(head_client)
    assert edition.period_kind == "ytd" and edition.created_by_id is not None
    keys = {item["key"]: item for section in edition.sections for item in section["items"]}
    assert keys["core:a"]["hidden"] and keys["sample:sample.items"]["text"].startswith(SAMPLE_TEXT.format("۲"))
    assert db.session.scalar(select(AuditLog).where(AuditLog.entity == "report_editions")) is not None

    add_items(5)
    extra.items = [{"key": "a", "text": "مورد الف با متن تازه."}]
    page = text_of(head_client.get(f"/reports/editions/{edition.id}/"))
    assert SAMPLE_TEXT.format("۲") in page and "نسخه نهایی" in page
    assert SAMPLE_TEXT.format("۷") in text_of(head_client.get("/reports/"))
    printed = text_of(head_client.get(f"/reports/editions/{edition.id}/print"))
    assert SAMPLE_TEXT.format("۲") in printed and "مورد الف" not in printed


def test_editing_an_edition_changes_only_that_edition(head_client):
    add_items(1)
    edition = save_edition(head_client)
    base = f"/reports/editions/{edition.id}"
    response = head_client.post(f"{base}/items/text?key=sample:sample.items", data={"text": "متن ویژهٔ نسخه"},
                                headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.headers["HX-Retarget"] == "#report"
    assert "متن ویژهٔ نسخه" in response.get_data(as_text=True)
    assert head_client.post(f"{base}/manual", data={"section": "other", "text": "کسب رتبه دوم کشوری"}).status_code == 303
    text = text_of(head_client.get(f"{base}/"))
    assert "متن ویژهٔ نسخه" in text and "کسب رتبه دوم کشوری" in text and "سایر" in text
    live = text_of(head_client.get("/reports/"))
    assert "متن ویژهٔ نسخه" not in live and SAMPLE_TEXT.format("۱") in live


def test_comparison_shows_added_removed_and_changed_items(head_client, extra):
    add_items(2)
    extra.items = [{"key": "gone", "text": "بندی که دیگر نیست."}, {"key": "same", "text": "بند ثابت."}]
    edition = save_edition(head_client)
    assert "داده‌ها هنوز همان بندها" in text_of(head_client.get(f"/reports/editions/{edition.id}/compare"))

    add_items(1)
    extra.items = [{"key": "same", "text": "بند ثابت."}, {"key": "new", "text": "بند تازه."}]
    page = head_client.get(f"/reports/editions/{edition.id}/compare")
    assert page.status_code == 200
    text = text_of(page)
    assert "۱ بند تازه" in text and "۱ بند حذف‌شده" in text and "۱ بند تغییرکرده" in text
    assert "۱ بند بدون تغییر" in text
    changed = text[text.index("بندهای تغییرکرده"):]
    assert changed.index(SAMPLE_TEXT.format("۲")) < changed.index(SAMPLE_TEXT.format("۳"))  # old, then new
    assert "بند تازه." in text and "بندی که دیگر نیست." in text


def test_an_edition_keeps_the_items_of_a_module_turned_off(head_client, enable_module):
    add_items(2)
    edition = save_edition(head_client)
    enable_module("sample", enabled=False)
    assert SAMPLE_TEXT.format("۲") in text_of(head_client.get(f"/reports/editions/{edition.id}/"))
    assert "۱ بند حذف‌شده" in text_of(head_client.get(f"/reports/editions/{edition.id}/compare"))


def test_the_pdf_leaves_out_hidden_items_and_keeps_manual_ones(head_client, extra, tmp_path):
    add_items(4)
    extra.items = [{"key": "secret", "text": "بند محرمانه پنهان."}, {"key": "open", "text": "برگزاری نمایشگاه کتاب."}]
    head_client.post("/reports/items", data={"key": "core:secret", "action": "hide"})
    head_client.post("/reports/manual", data={"section": "other", "text": "کسب رتبه اول کشوری"})
    response = head_client.get("/reports/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    text = pdf_text(response.data, tmp_path)
    for expected in ("گزارش مختصر فعالیت‌ها", "اداره کل روابط عمومی استانداری یزد", Period.year_to_date().label,
                     "برگزاری نمایشگاه کتاب", "کسب رتبه اول کشوری", SAMPLE_TEXT.format("۴"), "صفحۀ ۱ از ۱"):
        assert squash(expected) in text, expected
    assert "محرمانه" not in text

    edition = save_edition(head_client)
    edition_text = pdf_text(head_client.get(f"/reports/editions/{edition.id}/pdf?details=1").data, tmp_path)
    assert squash("کسب رتبه اول کشوری") in edition_text and "محرمانه" not in edition_text
    assert squash("جلسه هماهنگی") in edition_text  # the details of the sample's item


def test_a_failing_pdf_shows_a_persian_message(head_client, monkeypatch):
    from core import pdf

    def broken(*args, **kwargs):
        raise pdf.PdfError("ساخت سند ممکن نشد.")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    response = head_client.get("/reports/pdf?kind=year&y=1403")
    assert response.status_code == 302 and "kind=year" in response.headers["Location"]
    assert "ساخت سند ممکن نشد." in text_of(head_client.get(response.headers["Location"]))


def test_edition_name_is_required_rename_and_delete(head_client):
    add_items(1)
    invalid = head_client.post("/reports/editions/new", data={"title": ""}, headers={"HX-Request": "true"})
    assert invalid.status_code == 422 and "برای نسخه نامی بنویسید" in text_of(invalid)
    edition = save_edition(head_client, "نسخه اول")
    response = head_client.post(f"/reports/editions/{edition.id}/edit", data={"title": "نسخه ارسالی به استاندار"})
    assert response.status_code == 303 and edition.title == "نسخه ارسالی به استاندار"

    listing = text_of(head_client.get("/reports/editions/?q=استاندار"))
    assert "نسخه ارسالی به استاندار" in listing
    assert "هیچ نسخه‌ای با این جستجو پیدا نشد" in text_of(head_client.get("/reports/editions/?q=ناموجود"))

    assert head_client.post(f"/reports/editions/{edition.id}/delete").status_code == 303
    assert edition.deleted_at is not None
    assert head_client.get(f"/reports/editions/{edition.id}/").status_code == 404
    assert "نسخه ارسالی" not in text_of(head_client.get("/reports/editions/"))
    # The trash names it and brings it back.
    assert "نسخه ارسالی به استاندار" in text_of(head_client.get("/trash/"))
    assert head_client.post(f"/trash/report_editions/{edition.id}/restore").status_code in (302, 303)
    assert head_client.get(f"/reports/editions/{edition.id}/").status_code == 200


def test_staff_may_read_editions_but_not_change_them(head_client, client, make_user, login, news):
    add_items(1)
    edition = save_edition(head_client)
    staff_client = login(make_user("staff", departments=[news]), test_client=client.application.test_client())
    base = f"/reports/editions/{edition.id}"
    for path in (f"{base}/", f"{base}/compare", f"{base}/print", "/reports/editions/"):
        assert staff_client.get(path).status_code == 200, path
    for path, data in [(f"{base}/items", {"key": "sample:sample.items", "action": "hide"}),
                       (f"{base}/manual", {"section": "other", "text": "متن"}),
                       (f"{base}/edit", {"title": "نام تازه"}),
                       (f"{base}/delete", {})]:
        assert staff_client.post(path, data=data).status_code == 403, path
    assert staff_client.get(f"{base}/items/text?key=sample:sample.items").status_code == 403
    assert edition.deleted_at is None and edition.title == "نسخه نهایی"


def test_editions_of_the_period_are_listed_on_the_report(head_client):
    add_items(1)
    save_edition(head_client, "نسخه خرداد", query="?kind=month&y=1403&m=3")
    assert "نسخه خرداد" in text_of(head_client.get("/reports/?kind=month&y=1403&m=3"))
    assert "نسخه خرداد" not in text_of(head_client.get("/reports/?kind=month&y=1403&m=4"))
    edition = db.session.scalar(select(ReportEdition))
    assert edition.period == Period.month(1403, 3)
    assert edition.live_args() == {"kind": "month", "y": "1403", "m": "3"}
    ytd = ReportEdition(period_kind="ytd", period_start=datetime.date(2024, 3, 20),
                        period_end=datetime.date(2024, 5, 1), period_label="")
    assert ytd.live_args()["kind"] == "custom"


def test_the_report_page_reads_its_draft_and_editions_past_the_orm(head_client):
    """The page reads the period's saved edits and its editions' links as columns on the connection
    (``core.db.built_rows``), not through the ORM's execute: ~100 µs a statement."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    add_items(1)
    save_edition(head_client, "نسخه خرداد")
    hidden = head_client.post("/reports/items", data={"key": "sample:sample.items", "action": "hide"})
    assert hidden.status_code == 303
    statements = []
    listener = lambda state: statements.append(str(state.statement))  # noqa: E731
    event.listen(Session, "do_orm_execute", listener)
    try:
        page = text_of(head_client.get("/reports/"))
    finally:
        event.remove(Session, "do_orm_execute", listener)
    assert "نسخه خرداد" in page and "پنهان در خروجی" in page
    assert not [s for s in statements if "report_drafts" in s or "report_editions" in s]
