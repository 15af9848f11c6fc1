"""The news module's part of the dashboard: the period's figures, each linking to the list it
counts, and the monthly charts of published news by type and of events."""
import pytest

from core.db import db
from core.jalali import Period
from plugins.news import dashboard
from plugins.news.models import Channel

from .conftest import ABAN_25_1403, text_of
from .test_report import ABAN_1403, DAY, YEAR, add_conference, add_event, add_sms

ABAN_ARGS = {"kind": "month", "y": "1403", "m": "8"}
DATES = {"start": "1403/08/01", "end": "1403/08/30"}


@pytest.fixture
def activity(department, make_item, make_person):
    ministry = "پایگاه اطلاع‌رسانی وزارت کشور"
    make_item(title="افتتاح بیمارستان میبد", channels=(ministry, "ایتا"))
    make_item(title="جلسه شورای اداری", channels=(ministry,))
    make_item(title="گزارش تصویری نمایشگاه", type="photo_report")
    make_item(title="یادداشت مدیرکل", type="note", date=ABAN_25_1403 - 40 * DAY)  # Mehr
    make_item(title="اطلاعیه", type="announcement", date=ABAN_25_1403 - 40 * DAY)
    make_item(title="در دست بررسی", status="review", channels=(ministry,))
    add_event("جلسه شورای اداری استان", ABAN_25_1403, photos=4)
    add_event("بازدید از طرح‌ها", ABAN_25_1403 - DAY, photos=2)
    add_event("مراسم مهر", ABAN_25_1403 - 40 * DAY, photos=5)
    add_sms(ABAN_25_1403, ["09131111111", "09132222222", "09133333333"])
    governor = make_person()
    add_conference(governor, ABAN_25_1403)
    add_conference(governor, ABAN_25_1403 - YEAR)
    add_conference(governor, None, status="proposed")
    db.session.commit()
    return db.session.scalar(db.select(Channel.id).where(Channel.name == ministry))


def test_figures_of_the_month_link_to_what_they_count(app, activity, staff):
    with app.test_request_context():
        metrics = {m["key"]: m for m in dashboard.metrics(ABAN_1403, staff)}
    assert {key: m["value"] for key, m in metrics.items()} == {
        "published": 3, "events": 2, "frames": 6, "conferences": 1, "sms_reach": 3, "ministry": 2}
    assert metrics["published"]["endpoint"] == "news.index"
    assert metrics["published"]["url_args"] == {"status": "published", **DATES}
    assert metrics["ministry"]["url_args"] == {"status": "published", "channel": activity, **DATES}
    assert metrics["conferences"]["endpoint"] == "news.conferences"
    assert metrics["conferences"]["url_args"] == {"status": "held", **DATES}
    assert metrics["events"]["url_args"] == metrics["frames"]["url_args"] == DATES
    assert all(m["permission"] == "news.view" for m in metrics.values())
    assert str(metrics["frames"]["title"]) == "فریم‌های عکس رویدادها"


def test_the_figures_of_several_periods_come_from_one_call(app, activity, staff, count_queries):
    periods = [ABAN_1403, ABAN_1403.previous(), ABAN_1403.same_period_last_year(), Period.year(1403)]
    with app.test_request_context():
        one_by_one = [{m["key"]: m["value"] for m in dashboard.metrics(period, staff)} for period in periods]
        with count_queries() as statements:
            metrics = dashboard.metrics(ABAN_1403, staff, periods)
    assert len(statements) == 6  # whatever the periods
    assert {m["key"]: m["values"] for m in metrics} == {key: [values[key] for values in one_by_one]
                                                        for key in one_by_one[0]}
    assert {m["key"]: m["values"][1] for m in metrics}["events"] == 1  # Mehr's event


def test_monthly_charts_by_type_and_of_events(app, activity, staff):
    trend = Period.custom(Period.month(1402, 9).start, ABAN_1403.end)
    with app.test_request_context():
        charts = {chart["key"]: chart for chart in dashboard.charts(trend, staff)}
    series = {entry["title"]: entry["counts"] for entry in charts["published"]["series"]}
    assert list(series) == ["خبر", "گزارش تصویری", "سایر انواع"]  # no interview: no series
    assert series["خبر"][-1] == (1403, 8, 2) and sum(count for *_m, count in series["خبر"]) == 2
    assert series["گزارش تصویری"][-1] == (1403, 8, 1)
    assert series["سایر انواع"][-2:] == [(1403, 7, 2), (1403, 8, 0)]
    assert charts["events"]["counts"][-2:] == [(1403, 7, 1), (1403, 8, 2)]
    assert len(charts["events"]["counts"]) == 12


def test_a_quiet_year_has_no_chart(app, department, staff):
    with app.test_request_context():
        assert dashboard.charts(Period.year(1390), staff) == []


def test_the_dashboard_shows_the_part_and_drops_it_when_the_module_is_off(app, activity, staff_client,
                                                                          enable_module):
    response = staff_client.get("/dashboard/part/news", query_string=ABAN_ARGS)
    assert response.status_code == 200
    text = text_of(response)
    assert "فریم‌های عکس رویدادها" in text and "اخبار منتشرشده در هر ماه" in text
    assert "/news/events/?start=1403/08/01&amp;end=1403/08/30" in response.get_data(as_text=True)
    enable_module("news", enabled=False)
    assert staff_client.get("/dashboard/part/news", query_string=ABAN_ARGS).status_code == 404
    assert "/dashboard/part/news" not in staff_client.get("/dashboard/").get_data(as_text=True)
