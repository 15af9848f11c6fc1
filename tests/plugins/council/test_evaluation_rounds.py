"""Evaluation rounds: an approved set, units in categories, scores with evidence, totals and the
ranking with its tie-break, winners per category and their appreciation plaques (PDF)."""
import datetime
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from plugins.council.models.evaluation import (EvaluationCategory, EvaluationEntry, EvaluationRound, EvaluationScore,
                                               Indicator, IndicatorSet, rankings)

from .conftest import text_of

SHAHRIVAR_5_1403 = datetime.date(2024, 8, 26)


@pytest.fixture
def approved_set():
    indicator_set = IndicatorSet(name="شاخص‌های هفته دولت", version=1, approver="council",
                                 approved_on=datetime.date(2024, 8, 1), approval_reference="مصوبه ۳")
    indicator_set.indicators = [Indicator(title="اطلاع‌رسانی", weight=50, position=0),
                                Indicator(title="پاسخگویی", weight=30, position=1),
                                Indicator(title="رسانه‌های نوین", weight=20, position=2)]
    db.session.add(indicator_set)
    db.session.commit()
    return indicator_set


@pytest.fixture
def make_round(approved_set):
    def factory(winners=1, categories=("دستگاه‌های بزرگ", "دستگاه‌های کوچک"), **fields):
        evaluation_round = EvaluationRound(title=fields.pop("title", "ارزیابی هفته دولت ۱۴۰۳"), indicator_set=approved_set,
                                           held_on=SHAHRIVAR_5_1403, winners=winners, **fields)
        evaluation_round.categories = [EvaluationCategory(title=t, position=i) for i, t in enumerate(categories)]
        db.session.add(evaluation_round)
        db.session.commit()
        return evaluation_round
    return factory


def enter(evaluation_round, unit, category_index, scores):
    entry = EvaluationEntry(round=evaluation_round, unit=unit, category=evaluation_round.categories[category_index])
    indicators = evaluation_round.indicator_set.indicators
    entry.scores = [EvaluationScore(indicator_id=i.id, score=s) for i, s in zip(indicators, scores) if s is not None]
    db.session.add(entry)
    db.session.commit()
    return entry


def test_a_round_is_made_from_an_approved_set_only(staff_client, approved_set):
    draft = IndicatorSet(name="پیش‌نویس", version=1)
    db.session.add(draft)
    db.session.commit()
    page = text_of(staff_client.get("/council/evaluation/rounds/new"))
    assert "شاخص‌های هفته دولت، نسخهٔ ۱" in page and "پیش‌نویس" not in page
    data = {"title": "ارزیابی هفته دولت ۱۴۰۳", "set_id": str(draft.id), "held_on": "۱۴۰۳/۰۶/۰۵",
            "category_lines": "بزرگ\nکوچک", "winners": "۳"}
    response = staff_client.post("/council/evaluation/rounds/new", data=data)
    assert response.status_code == 422 and "یک مجموعه شاخص تصویب‌شده انتخاب کنید." in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(EvaluationRound)) == 0
    response = staff_client.post("/council/evaluation/rounds/new", data={**data, "set_id": str(approved_set.id)})
    assert response.status_code == 303
    evaluation_round = db.session.scalar(select(EvaluationRound))
    assert (evaluation_round.held_on, evaluation_round.winners) == (SHAHRIVAR_5_1403, 3)
    assert [c.title for c in evaluation_round.categories] == ["بزرگ", "کوچک"]


def test_units_are_put_in_categories_in_one_form(staff_client, make_round, make_unit):
    evaluation_round = make_round()
    big, small, other = make_unit("اداره کل راه"), make_unit("اداره کل ورزش"), make_unit("اداره کل بهزیستی")
    big_category, small_category = evaluation_round.categories
    response = staff_client.post(f"/council/evaluation/rounds/{evaluation_round.id}/units", data={
        f"category-{big.id}": str(big_category.id), f"category-{small.id}": str(small_category.id),
        f"category-{other.id}": ""})
    assert response.status_code == 303
    entries = {e.unit_id: e.category_id for e in db.session.scalars(select(EvaluationEntry))}
    assert entries == {big.id: big_category.id, small.id: small_category.id}
    # A category of another round is refused and nothing changes.
    response = staff_client.post(f"/council/evaluation/rounds/{evaluation_round.id}/units", data={
        f"category-{big.id}": "999999", f"category-{small.id}": ""})
    assert response.status_code == 422 and "یکی از گروه‌های این ارزیابی را انتخاب کنید" in text_of(response)
    db.session.expire_all()
    assert {e.unit_id for e in db.session.scalars(select(EvaluationEntry))} == {big.id, small.id}


def test_scores_with_evidence_give_the_total_and_a_bad_score_saves_nothing(staff_client, make_round, make_unit):
    evaluation_round = make_round()
    entry = enter(evaluation_round, make_unit("اداره کل راه"), 0, (None, None, None))
    url = f"/council/evaluation/rounds/{evaluation_round.id}/entries/{entry.id}"
    response = staff_client.post(url, data={"rows-0-score": "۹۰", "rows-0-evidence": "۱۲۰ خبر در ماه",
                                            "rows-1-score": "150", "rows-1-evidence": "",
                                            "rows-2-score": "", "rows-2-evidence": ""})
    assert response.status_code == 422
    assert "امتیاز عددی صحیح از ۰ تا ۱۰۰ است." in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(EvaluationScore)) == 0
    response = staff_client.post(url, data={"rows-0-score": "۹۰", "rows-0-evidence": "۱۲۰ خبر در ماه",
                                            "rows-1-score": "٨٠", "rows-1-evidence": "",
                                            "rows-2-score": "", "rows-2-evidence": ""})
    assert response.status_code == 303
    scores = {s.indicator.title: (s.score, s.evidence) for s in db.session.scalars(select(EvaluationScore))}
    assert scores == {"اطلاع‌رسانی": (90, "۱۲۰ خبر در ماه"), "پاسخگویی": (80, "")}
    page = text_of(staff_client.get(f"/council/evaluation/rounds/{evaluation_round.id}"))
    # 90 × 50 / 100 + 80 × 30 / 100 = 69; two of three indicators scored.
    assert "۶۹" in page and "۲ از ۳" in page


def test_ranking_per_category_with_the_stated_tie_break(staff_client, make_round, make_unit):
    evaluation_round = make_round(winners=2)
    # Equal totals (70): the heavier indicator decides, then the next, then the name.
    a = enter(evaluation_round, make_unit("اداره کل الف"), 0, (60, 100, 50))    # 30+30+10 = 70
    b = enter(evaluation_round, make_unit("اداره کل ب"), 0, (80, 50, 75))      # 40+15+15 = 70
    c = enter(evaluation_round, make_unit("اداره کل پ"), 0, (80, 50, 75))      # the same as ب
    d = enter(evaluation_round, make_unit("اداره کل ت"), 0, (100, 100, 100))   # 100
    small = enter(evaluation_round, make_unit("اداره کل ج"), 1, (10, 10, 10))  # alone in its category
    ranked = rankings([evaluation_round.id])[evaluation_round.id]
    big = [(item.entry_id, item.rank, item.winner, item.total) for item in ranked[evaluation_round.categories[0].id]]
    assert big == [(d.id, 1, True, 100), (b.id, 2, True, 70), (c.id, 3, False, 70), (a.id, 4, False, 70)]
    assert [(i.entry_id, i.rank, i.winner) for i in ranked[evaluation_round.categories[1].id]] == [(small.id, 1, True)]
    page = text_of(staff_client.get(f"/council/evaluation/rounds/{evaluation_round.id}"))
    assert "در امتیاز کل برابر، واحدی که در شاخص با بیشترین وزن امتیاز بالاتری دارد مقدم است" in page
    assert page.index("اداره کل ب") < page.index("اداره کل پ") < page.index("اداره کل الف")
    assert "امتیاز برابر؛ جایگاه با معیار تساوی" in page


def test_the_ranking_page_runs_a_fixed_number_of_queries(staff_client, make_round, make_unit, count_queries):
    evaluation_round = make_round()
    enter(evaluation_round, make_unit("اداره کل ۱"), 0, (50, 50, 50))
    url = f"/council/evaluation/rounds/{evaluation_round.id}"
    with count_queries() as few:
        assert staff_client.get(url).status_code == 200
    for n in range(2, 8):
        enter(evaluation_round, make_unit(f"اداره کل {n}"), n % 2, (n * 10, 40, 30))
    with count_queries() as many:
        assert staff_client.get(url).status_code == 200
    assert len(many) == len(few)


def test_the_ranking_exports_to_xlsx(staff_client, make_round, make_unit):
    evaluation_round = make_round()
    enter(evaluation_round, make_unit("اداره کل راه"), 0, (100, 100, 100))
    response = staff_client.get(f"/council/evaluation/rounds/{evaluation_round.id}?format=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][:4] == ("گروه", "رتبه", "روابط عمومی", "امتیاز کل")
    assert rows[1][:4] == ("دستگاه‌های بزرگ", 1, "اداره کل راه", 100)


def pdf_text(data, tmp_path):
    path = tmp_path / "plaque.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_plaques_of_the_winners(staff_client, make_round, make_unit, make_member, tmp_path):
    evaluation_round = make_round(signer_name="مهدی طحانی", signer_position="استاندار یزد")
    unit = make_unit("اداره کل راه و شهرسازی")
    make_member(unit=unit, first_name="زهرا", last_name="میرجلیلی", role="manager")
    winner = enter(evaluation_round, unit, 0, (90, 90, 90))
    loser = enter(evaluation_round, make_unit("اداره کل ورزش"), 0, (10, 10, 10))
    response = staff_client.get(f"/council/evaluation/rounds/{evaluation_round.id}/entries/{winner.id}/plaque.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data, tmp_path)
    for words in ("لوح تقدیر", "زهرا میرجلیلی", "اداره کل راه و شهرسازی", "اول", "مهدی طحانی", "استاندار یزد"):
        assert words in text, words
    assert staff_client.get(
        f"/council/evaluation/rounds/{evaluation_round.id}/entries/{loser.id}/plaque.pdf").status_code == 404
    enter(evaluation_round, make_unit("اداره کل بهزیستی"), 1, (50, 50, 50))
    response = staff_client.get(f"/council/evaluation/rounds/{evaluation_round.id}/plaques.pdf")
    text = pdf_text(response.data, tmp_path)
    assert text.count("لوح تقدیر") == 2 and "اداره کل بهزیستی" in text and "اداره کل ورزش" not in text


def test_a_round_without_winners_has_no_plaques(staff_client, make_round):
    evaluation_round = make_round()
    response = staff_client.get(f"/council/evaluation/rounds/{evaluation_round.id}/plaques.pdf")
    assert response.status_code == 303
    page = text_of(staff_client.get(response.headers["Location"]))
    assert "این ارزیابی هنوز برگزیده‌ای ندارد" in page


def test_a_category_holding_units_cannot_be_removed(staff_client, make_round, make_unit, approved_set):
    evaluation_round = make_round()
    enter(evaluation_round, make_unit("اداره کل راه"), 1, (10, 10, 10))
    response = staff_client.post(f"/council/evaluation/rounds/{evaluation_round.id}/edit", data={
        "title": "ارزیابی تازه", "set_id": str(approved_set.id), "held_on": "1403/06/05",
        "category_lines": "دستگاه‌های بزرگ", "winners": "3"})
    assert response.status_code == 422
    assert "گروه «دستگاه‌های کوچک» هنوز واحدهایی دارد" in text_of(response)
    db.session.expire_all()
    assert evaluation_round.title == "ارزیابی هفته دولت ۱۴۰۳" and len(evaluation_round.categories) == 2


def test_viewer_reads_and_cannot_score(app, login, viewer, make_round, make_unit):
    evaluation_round = make_round()
    entry = enter(evaluation_round, make_unit("اداره کل راه"), 0, (10, 10, 10))
    client = login(viewer, test_client=app.test_client())
    assert client.get(f"/council/evaluation/rounds/{evaluation_round.id}").status_code == 200
    assert client.get(f"/council/evaluation/rounds/{evaluation_round.id}/entries/{entry.id}").status_code == 403
    assert client.post(f"/council/evaluation/rounds/{evaluation_round.id}/delete").status_code == 403


def test_search_and_calendar_find_the_round(staff_client, make_round):
    make_round(title="ارزیابی هفته دولت ۱۴۰۳")
    page = text_of(staff_client.get("/search?q=هفته دولت"))
    assert "ارزیابی هفته دولت ۱۴۰۳" in page and "شاخص‌های هفته دولت" in page
    calendar = text_of(staff_client.get("/calendar/?y=1403&m=6"))
    assert "ارزیابی هفته دولت ۱۴۰۳" in calendar


def test_evidence_files_of_a_unit_scored(app, login, viewer, staff_client, make_round, make_unit):
    import io

    from tests.core.test_attachments import pdf_bytes

    evaluation_round = make_round()
    entry = enter(evaluation_round, make_unit("اداره کل راه"), 0, (10, 10, 10))
    upload = staff_client.post(f"/files/attachments/council_evaluation_entries/{entry.id}",
                               content_type="multipart/form-data",
                               data={"files": [(io.BytesIO(pdf_bytes()), "گزارش عملکرد.pdf")]})
    assert upload.status_code in (302, 303)
    page = staff_client.get(f"/council/evaluation/rounds/{evaluation_round.id}/entries/{entry.id}")
    assert "گزارش عملکرد.pdf" in page.get_data(as_text=True) and "فایل‌های مستندات" in text_of(page)
    outsider = login(viewer, test_client=app.test_client())
    refused = outsider.post(f"/files/attachments/council_evaluation_entries/{entry.id}",
                            content_type="multipart/form-data", data={"files": [(io.BytesIO(pdf_bytes()), "x.pdf")]})
    assert refused.status_code == 403
