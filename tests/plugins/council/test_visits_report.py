"""The visits' and appointment opinions' report items, dashboard figures and charts, and their demo
rows."""
import datetime
import random

from core.db import db
from core.jalali import Period, today
from core.models import Organization, Person
from plugins.council.demo import appointments as appointments_demo
from plugins.council.demo import visits as visits_demo
from plugins.council.demo.base import CouncilDemo
from plugins.council.models.appointments import AppointmentRequest
from plugins.council.models.visits import Visit, VisitAction
from plugins.council.reports import appointments as appointments_report
from plugins.council.reports import visits as visits_report

YEAR_1403 = Period.year(1403)
ABAN_25_1403 = datetime.date(2024, 11, 15)


def test_report_items_count_visits_counties_and_actions(make_unit, count_queries):
    assert visits_report.report_items(YEAR_1403) == []
    units = [make_unit(name=f"اداره کل شماره {index}") for index in range(3)]
    counties = [make_unit(name=f"فرمانداری شهرستان {name}", body="county") for name in ("میبد", "اردکان")]
    visits = [Visit(kind="unit", unit=unit, date=ABAN_25_1403, findings="یافته") for unit in units + units[:1]]
    visits += [Visit(kind="county_periodic", unit=counties[0], date=ABAN_25_1403, findings="یافته"),
               Visit(kind="county_surprise", unit=counties[1], date=ABAN_25_1403, findings="یافته"),
               Visit(kind="county_periodic", unit=counties[1], date=datetime.date(2025, 5, 1), findings="بعدی")]
    db.session.add_all(visits)
    db.session.add_all([VisitAction(visit=visits[0], text="الف", status="done", done_on=ABAN_25_1403),
                        VisitAction(visit=visits[1], text="ب", due_date=ABAN_25_1403),
                        VisitAction(visit=visits[2], text="ج", due_date=today() + datetime.timedelta(days=5))])
    db.session.commit()
    with count_queries() as statements:
        items = visits_report.report_items(YEAR_1403)
    assert len(statements) <= 6
    texts = {item["key"]: item["text"] for item in items}
    assert texts["visits.units"] == "بازدید از ۳ روابط عمومی دستگاه‌های اجرایی (۴ بازدید)."
    assert texts["visits.counties"] == ("شورای هماهنگی روابط عمومی فرمانداری‌ها از ۲ شهرستان بازدید کرد: "
                                        "۲ بازدید که ۱ مورد آن سرزده بود.")
    assert texts["visits.actions"] == "تعیین ۳ اقدام پیگیری پس از بازدیدها که ۱ مورد آن انجام شده و ۱ مورد معوق است."
    assert all(item["previous"] is None for item in items if "previous" in item)
    metrics = {metric["key"]: metric["value"] for metric in visits_report.metrics(YEAR_1403, None)}
    assert metrics == {"visits.units": 4, "visits.counties": 2, "visits.actions_done": 1}
    chart = visits_report.charts(YEAR_1403, None)[0]
    assert [jm for jy, jm, count in chart["series"][0]["counts"] if count] == [8]


def test_appointment_items_split_by_opinion_with_average_working_days(department, head):
    assert appointments_report.report_items(YEAR_1403) == []
    agency_person = Person(first_name="نامزد", last_name="یک")
    agency = Organization(name="اداره کل ورزش و جوانان", type="agency")
    # Received on Saturday 1403/08/19, answered the next Saturday (Thursday and Friday off): 5 working days.
    rows = [AppointmentRequest(received_on=datetime.date(2024, 11, 9), agency=agency, nominee=agency_person,
                               position="مدیر روابط عمومی", status="answered", opinion=opinion,
                               opinion_on=datetime.date(2024, 11, 16))
            for opinion in ("approve", "approve", "reject")]
    rows.append(AppointmentRequest(received_on=ABAN_25_1403, agency=agency, nominee=agency_person,
                                   position="مدیر روابط عمومی", status="under_review"))
    db.session.add_all(rows)
    db.session.commit()
    [item] = appointments_report.report_items(YEAR_1403)
    assert item["text"] == ("بررسی ۳ درخواست نظر کارشناسی در انتصاب مدیران روابط عمومی (۲ موافقت، ۱ مخالفت)، "
                            "به طور میانگین در ۵ روز کاری.")
    assert item["details"] == ["۱ درخواست در دست بررسی است."]
    figures = {metric["key"]: metric["value"] for metric in appointments_report.metrics(YEAR_1403, None)}
    assert figures == {"appointments.received": 4, "appointments.answered": 3, "appointments.working_days": 5}


def test_the_demo_visits_and_opinions(make_unit, make_member, head, department):
    demo = CouncilDemo(department=department)
    demo.units["provincial"] = [make_unit(name=f"اداره کل آزمایشی {index}") for index in range(20)]
    demo.units["county"] = [make_unit(name=f"فرمانداری آزمایشی {index}", body="county") for index in range(6)]
    demo.members["provincial"] = [make_member(unit=unit, role="manager") for unit in demo.units["provincial"][:5]]
    context = type("Context", (), {"random": random.Random(7)})()
    visits_demo.seed(db.session, context, demo)
    appointments_demo.seed(db.session, context, demo)
    db.session.flush()
    visits = db.session.query(Visit).all()
    unit_visits = [visit for visit in visits if visit.kind == "unit"]
    assert len(unit_visits) == 18 and len({visit.unit_id for visit in unit_visits}) == 18
    assert len({visit.unit_id for visit in visits if visit.kind != "unit"}) == 4
    assert all(visit.actions and visit.visitors and visit.date <= today() for visit in visits)
    requests = db.session.query(AppointmentRequest).all()
    assert sorted(row.status for row in requests) == ["answered"] * 7 + ["under_review"]
    assert {row.opinion for row in requests} == {"approve", "conditional", "reject", None}
    assert all(row.opinion_on <= today() and row.signed_by_id == head.id for row in requests if row.opinion)
