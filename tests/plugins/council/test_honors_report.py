"""Honors and campaigns in the activity report and on the dashboard: sentences from the period's
counts in Persian digits, nothing for a quiet period, the county council named, a fixed number
of queries."""
import datetime

from core.db import db
from core.jalali import Period
from core.models import Person
from plugins.council.models.honors import Campaign, CampaignEvent, Ceremony, Honoree
from plugins.council.reports import honors as report

from .conftest import text_of

ORDIBEHESHT_27_1404 = datetime.date(2025, 5, 17)
YEAR_1404 = Period.year(1404)


def _ceremony(body="provincial", title="مراسم روز ارتباطات و روابط عمومی", date=ORDIBEHESHT_27_1404, **kinds):
    ceremony = Ceremony(title=title, date=date, body=body)
    db.session.add(ceremony)
    for kind, count in kinds.items():
        for number in range(count):
            person = Person(first_name="نفر", last_name=f"{kind} {number} {title}")
            db.session.add(Honoree(ceremony=ceremony, person=person, kind=kind))
    db.session.commit()
    return ceremony


def _campaign(make_unit, events):
    units = [make_unit(f"دستگاه {number}") for number in range(3)]
    campaign = Campaign(title="پویش پاسخگویی", hashtag="#پاسخگو_هستیم", start_date=datetime.date(2025, 9, 23),
                        end_date=datetime.date(2025, 10, 22), units=units)
    db.session.add(campaign)
    db.session.flush()
    for number, (kind, reach) in enumerate(events):
        db.session.add(CampaignEvent(campaign_id=campaign.id, title=f"رویداد {number}", kind=kind, reach=reach,
                                     date=datetime.date(2025, 9, 25), unit=units[number % 3]))
    db.session.commit()
    return campaign


def test_honors_and_campaigns_in_the_report(department, make_unit, count_queries):
    assert report.report_items(YEAR_1404) == []
    _ceremony(top_manager=12, retiree=5)
    _ceremony(body="county", title="تجلیل فرمانداری‌ها", top_manager=2)
    _ceremony(title="مراسم ۱۴۰۰", date=datetime.date(2021, 5, 17), retiree=1)
    _campaign(make_unit, [("qa_session", 100), ("qa_session", 50), ("radio", None)])
    with count_queries() as statements:
        items = {item["key"]: item for item in report.report_items(YEAR_1404)}
    assert len(statements) == 6  # ceremonies, honorees, the councils' previous (one), campaigns, events, units
    provincial = items["honors"]
    assert provincial["text"] == ("تجلیل از ۱۲ مدیر برتر و ۵ بازنشسته روابط عمومی در "
                                  "«مراسم روز ارتباطات و روابط عمومی».")
    assert provincial["previous"] == datetime.date(2021, 5, 17)  # «پس از ۴ سال»
    county = items["honors_county"]
    assert county["text"].startswith("تجلیل شورای هماهنگی روابط عمومی فرمانداری‌ها از ۲ مدیر برتر")
    assert county["previous"] is None  # «برای اولین بار»
    assert items["campaigns"]["text"] == ("اجرای پویش #پاسخگو_هستیم با ۳ رویداد (۲ نشست پرسش و پاسخ، ۱ برنامه "
                                          "رادیویی)، مشارکت ۳ روابط عمومی و دسترسی به ۱۵۰ نفر.")
    assert report.report_items(Period.year(1402)) == []


def test_dashboard_figures_and_the_report_page(staff_client, make_unit):
    _ceremony(top_manager=3, retiree=2)
    _campaign(make_unit, [("radio", 10), ("social_post", 20)])
    figures = {metric["key"]: metric["value"] for metric in report.metrics(YEAR_1404, None)}
    assert figures == {"ceremonies": 1, "honorees": 5, "campaign_events": 2}
    chart = report.charts(YEAR_1404, None)[0]["counts"]
    assert (1404, 7, 2) in chart and sum(count for _y, _m, count in chart) == 2
    page = text_of(staff_client.get("/reports/", query_string={"kind": "year", "y": "1404"}))
    assert "تجلیل از ۳ مدیر برتر و ۲ بازنشسته روابط عمومی" in page and "اجرای پویش #پاسخگو_هستیم" in page
