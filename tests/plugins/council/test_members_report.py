"""Members and cards in the activity report and on the dashboard: Persian sentences from SQL
counts per council, «پس از N سال» for cards, nothing for a period without activity, a fixed
number of queries, and the figures and the monthly chart."""
import datetime

from core.db import db
from core.jalali import Period
from core.reports.annotations import annotation
from plugins.council.models import Card
from plugins.council.reports import members as report

YEAR_1403 = Period.year(1403)
YEAR_1400 = Period.year(1400)


def add_card(member, number, issued_on):
    db.session.add(Card(member_id=member.id, number=number, issued_on=issued_on,
                        valid_until=issued_on + datetime.timedelta(days=700)))
    db.session.commit()


def by_key(items):
    return {item["key"]: item for item in items}


def test_cards_per_council_with_the_gap_since_the_last_issue(app, make_unit, make_member):
    county = make_unit("فرمانداری شهرستان بافق", body="county")
    provincial = [make_member(start_date=datetime.date(2019, 1, 1)) for _ in range(3)]
    add_card(provincial[0], "1398-0001", datetime.date(2019, 6, 1))  # 1398: five years before 1403
    for number, member in enumerate(provincial, 1):
        add_card(member, f"1403-{number:04d}", datetime.date(2024, 10, 1))
    add_card(make_member(unit=county, start_date=datetime.date(2019, 1, 1)), "1403-0010", datetime.date(2024, 11, 1))
    with app.test_request_context():
        items = by_key(report.report_items(YEAR_1403))
        assert items["cards.provincial"]["text"] == "۳ کارت عضویت برای اعضای شورای هماهنگی روابط عمومی‌های استان صادر شد."
        assert items["cards.county"]["text"] == "۱ کارت عضویت برای اعضای شورای هماهنگی روابط عمومی فرمانداری‌ها صادر شد."
        assert annotation(items["cards.provincial"]["previous"], datetime.date(2024, 10, 1)) == "پس از ۵ سال"
        assert items["cards.county"]["previous"] is None  # «برای اولین بار»
        assert report.report_items(YEAR_1400) == []  # no card, nobody joined


def test_profiles_when_members_joined(app, make_unit, make_member):
    unit = make_unit(phone="035-1", email="a@b.ir")
    make_member(unit=unit, role="manager", start_date=datetime.date(2024, 5, 1))
    make_member(unit=unit, start_date=datetime.date(2015, 5, 1))
    with app.test_request_context():
        items = by_key(report.report_items(YEAR_1403))
        assert items["profiles.provincial"]["text"] == (
            "شناسنامه ۱ روابط عمومی عضو شورای هماهنگی روابط عمومی‌های استان ثبت است (۰ شناسنامه کامل) با ۲ عضو "
            "کنونی؛ ۱ عضو در این دوره پیوستند.")
        assert "profiles.county" not in items


def test_a_fixed_number_of_queries(app, make_unit, make_member, count_queries):
    def run():
        with app.test_request_context(), count_queries() as statements:
            report.report_items(YEAR_1403)
            report.metrics(YEAR_1403, None)
            report.charts(YEAR_1403, None)
        return len(statements)
    member = make_member(start_date=datetime.date(2024, 5, 1))
    add_card(member, "1403-0001", datetime.date(2024, 10, 1))
    few = run()
    for number in range(5):
        add_card(make_member(unit=make_unit(f"فرمانداری {number}", body="county"), start_date=datetime.date(2024, 6, 1)),
                 f"1403-{number + 2:04d}", datetime.date(2024, 11, 1))
    assert run() == few  # both councils' previous cards in one query, nothing per row


def test_metrics_and_chart(app, make_unit, make_member):
    unit = make_unit(phone="035-1", email="a@b.ir")
    member = make_member(unit=unit, role="manager", start_date=datetime.date(2024, 5, 1))
    make_member(start_date=datetime.date(2024, 5, 1)).end_date = datetime.date(2024, 6, 1)
    db.session.commit()
    add_card(member, "1403-0001", datetime.date(2024, 10, 1))
    with app.test_request_context():
        metrics = by_key(report.metrics(YEAR_1403, None))
        assert metrics["members"]["value"] == 1  # the other left during the year
        assert metrics["cards"]["value"] == 1
        # unit 1: manager, phone, email, mobile, start date: 5 of 8 → 62; unit 2 (no current member): 0 of 3
        assert metrics["profiles"]["value"] == 31
        chart = report.charts(YEAR_1403, None)[0]
        provincial = chart["series"][0]["counts"]
        assert sum(count for _y, _m, count in provincial) == 1
        assert (1403, 7, 1) in provincial  # 1 October 2024 is 10 Mehr 1403
