"""The evaluation in the activity report and on the dashboard: the round held in the period with
its winners per category, the county council's portal evaluation with its best county, nothing
for a quiet period, a fixed number of queries."""
import datetime

from core.db import db
from core.jalali import Period
from plugins.council.models.evaluation import (EvaluationCategory, EvaluationEntry, EvaluationRound, EvaluationScore,
                                               Indicator, IndicatorSet, PortalScore)
from plugins.council.reports import evaluation as report

from .conftest import text_of

YEAR_1403 = Period.year(1403)


def _round(make_unit, title="ارزیابی هفته دولت ۱۴۰۳", held_on=datetime.date(2024, 8, 26), units=3):
    indicator_set = IndicatorSet(name="شاخص‌ها", version=1, approver="council", approved_on=held_on)
    indicator_set.indicators = [Indicator(title="اطلاع‌رسانی", weight=100, position=0)]
    evaluation_round = EvaluationRound(title=title, indicator_set=indicator_set, held_on=held_on, winners=1)
    evaluation_round.categories = [EvaluationCategory(title="بزرگ", position=0), EvaluationCategory(title="کوچک",
                                                                                                     position=1)]
    db.session.add(evaluation_round)
    db.session.flush()
    for number in range(units):
        entry = EvaluationEntry(round=evaluation_round, unit=make_unit(f"اداره کل {title} {number}"),
                                category=evaluation_round.categories[number % 2])
        entry.scores = [EvaluationScore(indicator_id=indicator_set.indicators[0].id, score=50 + number * 10)]
        db.session.add(entry)
    db.session.commit()
    return evaluation_round


def _portal(unit, year, month, updating):
    db.session.add(PortalScore(unit_id=unit.id, year=year, month=month, updating=updating, quality=30, coverage=20))


def test_the_round_and_its_winners_in_the_report(department, make_unit, count_queries):
    assert report.report_items(YEAR_1403) == []
    _round(make_unit, title="ارزیابی ۱۴۰۰", held_on=datetime.date(2021, 8, 26), units=1)
    evaluation_round = _round(make_unit)
    with count_queries() as statements:
        items = report.report_items(YEAR_1403)
    assert len(statements) == 6  # rounds, categories, ranking (2: no total is shared), previous, portals
    item = items[0]
    assert item["key"] == f"evaluation.round.{evaluation_round.id}"
    assert item["text"] == ("برگزاری «ارزیابی هفته دولت ۱۴۰۳»: ارزیابی عملکرد ۳ روابط عمومی "
                            "در ۲ گروه؛ برگزیدگان: بزرگ: اداره کل ارزیابی هفته دولت ۱۴۰۳ ۲؛ "
                            "کوچک: اداره کل ارزیابی هفته دولت ۱۴۰۳ ۱.")
    assert item["details"][0] == "بزرگ، رتبهٔ ۱: اداره کل ارزیابی هفته دولت ۱۴۰۳ ۲ (۷۰ از ۱۰۰)"
    assert item["previous"] == datetime.date(2021, 8, 26)  # «پس از ۳ سال»
    assert report.report_items(Period.year(1402)) == []


def test_the_county_portals_in_the_report_dashboard_and_chart(department, make_unit, staff_client):
    ardakan = make_unit("فرمانداری اردکان", body="county")
    meybod = make_unit("فرمانداری میبد", body="county")
    for month in (1, 2, 3):
        _portal(ardakan, 1403, month, 30)  # 80
        _portal(meybod, 1403, month, 36)   # 86
    _portal(meybod, 1402, 12, 10)
    db.session.commit()
    items = {item["key"]: item for item in report.report_items(YEAR_1403)}
    assert items["evaluation.portals"]["text"] == (
        "ارزیابی ماهانهٔ پایگاه خبری ۲ فرمانداری در ۳ ماه توسط شورای هماهنگی روابط عمومی فرمانداری‌ها؛ "
        "برترین: فرمانداری میبد با میانگین ۸۶ از ۱۰۰.")
    figures = {metric["key"]: metric["value"] for metric in report.metrics(YEAR_1403, None)}
    assert figures == {"evaluation.units": 0, "evaluation.portals": 6}
    chart = report.charts(YEAR_1403, None)[0]["counts"]
    assert chart[:4] == [(1403, 1, 83), (1403, 2, 83), (1403, 3, 83), (1403, 4, 0)]
    assert report.charts(Period.year(1401), None) == []
    page = text_of(staff_client.get("/reports/", query_string={"kind": "year", "y": "1403"}))
    assert "برترین: فرمانداری میبد" in page


def test_the_county_portals_leave_out_trashed_units(department, make_unit):
    ardakan = make_unit("فرمانداری اردکان", body="county")
    meybod = make_unit("فرمانداری میبد", body="county")
    for month in (1, 2):
        _portal(ardakan, 1403, month, 30)  # 80
        _portal(meybod, 1403, month, 36)   # 86
    meybod.soft_delete()
    db.session.commit()
    items = {item["key"]: item for item in report.report_items(YEAR_1403)}
    assert items["evaluation.portals"]["text"] == (
        "ارزیابی ماهانهٔ پایگاه خبری ۱ فرمانداری در ۲ ماه توسط شورای هماهنگی روابط عمومی فرمانداری‌ها؛ "
        "برترین: فرمانداری اردکان با میانگین ۸۰ از ۱۰۰.")
    assert {m["key"]: m["value"] for m in report.metrics(YEAR_1403, None)}["evaluation.portals"] == 2
    assert report.charts(YEAR_1403, None)[0]["counts"][0] == (1403, 1, 80)
    ardakan.soft_delete()
    db.session.commit()
    assert "evaluation.portals" not in {item["key"] for item in report.report_items(YEAR_1403)}
    meybod.restore()
    db.session.commit()
    assert "فرمانداری میبد" in {item["key"]: item for item in report.report_items(YEAR_1403)}["evaluation.portals"]["text"]
