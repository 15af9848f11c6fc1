"""The county council's monthly evaluation of the county governorates' news portals: one form
for a month's scores, the grid of counties × months with averages and trends, a county's own
trend page, the export, and refused input that saves nothing."""
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from plugins.council.models.evaluation import PortalScore

from .conftest import text_of


@pytest.fixture
def counties(make_unit):
    return [make_unit("فرمانداری اردکان", body="county"), make_unit("فرمانداری میبد", body="county")]


def month_form(rows):
    data = {}
    for i, (unit, updating, quality, coverage, note) in enumerate(rows):
        data.update({f"rows-{i}-unit_id": str(unit.id), f"rows-{i}-updating": updating,
                     f"rows-{i}-quality": quality, f"rows-{i}-coverage": coverage, f"rows-{i}-note": note})
    return data


def score(unit, year, month, updating, quality=30, coverage=20):
    db.session.add(PortalScore(unit_id=unit.id, year=year, month=month, updating=updating, quality=quality,
                               coverage=coverage))
    db.session.commit()


def test_a_month_of_scores_is_entered_in_one_form(staff_client, counties, make_unit):
    make_unit("اداره کل راه")  # a provincial unit: not a county
    ardakan, meybod = counties
    page = text_of(staff_client.get("/council/portal/1403/7"))
    assert "امتیاز پایگاه‌های خبری در مهر ۱۴۰۳" in page and "فرمانداری اردکان" in page
    assert "اداره کل راه" not in page
    response = staff_client.post("/council/portal/1403/7", data=month_form([
        (ardakan, "۳۸", "۳۰", "۲۲", "به‌روزرسانی روزانه"), (meybod, "", "", "", "")]))
    assert response.status_code == 303
    saved = db.session.scalars(select(PortalScore)).all()
    assert [(s.unit_id, s.year, s.month, s.total, s.note) for s in saved] == [
        (ardakan.id, 1403, 7, 90, "به‌روزرسانی روزانه")]


def test_a_score_over_the_criterion_maximum_or_a_half_row_saves_nothing(staff_client, counties):
    ardakan, meybod = counties
    response = staff_client.post("/council/portal/1403/7", data=month_form([
        (ardakan, "45", "30", "20", ""), (meybod, "30", "", "", "")]))
    assert response.status_code == 422
    text = text_of(response)
    assert "از ۰ تا ۴۰ امتیاز." in text and "به همهٔ معیارها امتیاز دهید یا سطر را خالی بگذارید." in text
    assert db.session.scalar(select(func.count()).select_from(PortalScore)) == 0


def test_an_emptied_row_goes_to_the_trash_and_can_be_entered_again(staff_client, counties):
    ardakan, meybod = counties
    score(ardakan, 1403, 7, 30)
    assert staff_client.post("/council/portal/1403/7", data=month_form([
        (ardakan, "", "", "", ""), (meybod, "", "", "", "")])).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(PortalScore)) == 0
    assert staff_client.post("/council/portal/1403/7", data=month_form([
        (ardakan, "20", "20", "20", ""), (meybod, "", "", "", "")])).status_code == 303
    assert db.session.scalar(select(PortalScore.updating)) == 20


def test_a_future_month_cannot_be_evaluated(staff_client, counties):
    response = staff_client.post("/council/portal/1499/12", data=month_form([(counties[0], "1", "1", "1", "")]))
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(PortalScore)) == 0
    assert "ماهی که هنوز آغاز نشده است" in text_of(staff_client.get(response.headers["Location"]))


def test_the_grid_shows_totals_averages_and_trends(staff_client, counties, count_queries):
    ardakan, meybod = counties
    score(ardakan, 1403, 1, 20)   # 70
    score(ardakan, 1403, 2, 30)   # 80
    score(meybod, 1403, 2, 10)    # 60
    with count_queries() as statements:
        response = staff_client.get("/council/portal/?year=۱۴۰۳")
    queries = len(statements)
    page = text_of(response)
    assert "ارزیابی ماهانهٔ پایگاه خبری فرمانداری‌ها" in page
    assert "۷۵" in page and "▲ ۱۰" in page  # ardakan: average 75, up 10 from Farvardin to Ordibehesht
    assert "۷۰" in page and "۶۰" in page
    # Month averages: Farvardin 70, Ordibehesht 70.
    assert page.count("۷۰") >= 3
    for month in range(3, 10):
        score(meybod, 1403, month, month)
    with count_queries() as statements:
        staff_client.get("/council/portal/?year=1403")
    assert len(statements) == queries


def test_a_bad_year_shows_a_persian_message(staff_client, counties):
    page = text_of(staff_client.get("/council/portal/?year=abc"))
    assert "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد." in page


def test_the_grid_exports(staff_client, counties):
    score(counties[0], 1403, 1, 20)
    response = staff_client.get("/council/portal/?year=1403&format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][:3] == ("فرمانداری", "فروردین", "اردیبهشت")
    assert rows[1][:3] == ("فرمانداری اردکان", 70, None) and rows[1][-1] == 70


def test_a_county_trend_page(staff_client, counties):
    ardakan, _meybod = counties
    score(ardakan, 1403, 1, 20)
    score(ardakan, 1403, 2, 35, 30, 25)
    page = staff_client.get(f"/council/portal/counties/{ardakan.id}?year=1403")
    text = text_of(page)
    assert "پایگاه خبری فرمانداری اردکان" in text and "میانگین امتیاز سال" in text and "۸۰" in text
    assert "<svg" in page.get_data(as_text=True)
    assert staff_client.get(f"/council/portal/counties/{ardakan.id + 999}").status_code == 404


def test_viewer_reads_the_grid_and_cannot_enter_scores(app, login, viewer, counties):
    client = login(viewer, test_client=app.test_client())
    assert client.get("/council/portal/").status_code == 200
    assert client.post("/council/portal/1403/7", data=month_form([(counties[0], "1", "1", "1", "")])).status_code == 403
