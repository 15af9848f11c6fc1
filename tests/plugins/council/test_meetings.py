"""The council's committees through the committee kit (/council/committees/): the bodies'
committees made on first use, board committees with members, meetings by type with attendance;
their calendar entries, deadlines and search hits; the report items and dashboard figures of the
councils' meetings and training."""
import datetime
from decimal import Decimal

from sqlalchemy import select

from core.committees.models import Committee, CommitteeMember, Meeting, Resolution
from core.db import db
from core.jalali import Period, today
from plugins.council import reports
from plugins.council.bodies import body_committee
from plugins.council.models import Body
from plugins.council.reports import trainings
from plugins.council.views import meetings

from .conftest import text_of
from .test_trainings import ABAN_5_1404, MEHR_10_1404, make_training  # noqa: F401  (the fixture)

YEAR_1404 = Period.year(1404)


def _meeting(body="provincial", type="general", day=MEHR_10_1404, status="held", **fields):
    meeting = Meeting(committee_id=body_committee(body).id, type=type, date=day, status=status, **fields)
    db.session.add(meeting)
    db.session.commit()
    return meeting


def test_an_editor_opening_the_section_makes_both_bodies_committees(department, viewer, app, login, staff_client):
    assert db.session.scalar(select(Body.id)) is None
    login(viewer, test_client=app.test_client()).get("/council/committees/")
    assert db.session.scalar(select(Body.id)) is None  # a viewer changes nothing
    text = text_of(staff_client.get("/council/committees/"))
    assert {b.key for b in db.session.scalars(select(Body))} == {"provincial", "county"}
    assert "شورای هماهنگی روابط عمومی‌های استان" in text and "شورای هماهنگی روابط عمومی فرمانداری‌ها" in text
    staff_client.get("/council/committees/")
    assert db.session.query(Committee).filter_by(kind="council").count() == 2


def test_the_kit_pages_hold_the_councils_meetings_and_board_committees(staff_client, make_member, department):
    member = make_member(first_name="نرگس", last_name="فلاحتی")
    committee = body_committee("provincial")
    response = staff_client.post(f"/council/committees/{committee.id}/meetings/new", data={
        "type": "council_trip", "title": "سفر به شهرستان مهریز", "date": "۱۴۰۴/۰۷/۱۰", "status": "held",
        "invited": [member.seat.id], "present": [member.seat.id]})
    assert response.status_code == 303
    trip = db.session.scalar(select(Meeting).where(Meeting.title == "سفر به شهرستان مهریز"))
    assert trip.type == "council_trip" and [a.present for a in trip.attendance] == [True]
    page = text_of(staff_client.get(f"/council/committees/{committee.id}/meetings/{trip.id}"))
    assert "سفر به شهرستان" in page and "نرگس فلاحتی" in page
    assert "شوراها و کمیته‌ها" in text_of(staff_client.get("/council/committees/"))  # the section's tab

    response = staff_client.post("/council/committees/new", data={"name": "کمیته آموزش",
                                                                  "department_id": department.id, "active": "y"})
    assert response.status_code == 403  # creating a committee is the head's
    board = Committee(name="کمیته آموزش", kind="council", department_id=department.id)
    db.session.add(board)
    db.session.commit()
    response = staff_client.post(f"/council/committees/{board.id}/members/new", data={
        "person_id": member.person_id, "role": "chair", "term_start": "1404/01/15"})
    assert response.status_code == 303
    assert "نرگس فلاحتی" in text_of(staff_client.get(f"/council/committees/{board.id}/members/"))


def test_calendar_deadlines_and_search(app, staff, department):
    meeting = _meeting(type="board", title="جلسه هیات رئیسه آبان", day=ABAN_5_1404, place="دفتر دبیرخانه")
    db.session.add(Resolution(committee_id=meeting.committee_id, meeting_id=meeting.id, number=1,
                              text="تهیه گزارش عملکرد", due_date=datetime.date(2025, 11, 20)))
    db.session.commit()
    with app.test_request_context():
        entries = meetings.calendar_entries(datetime.date(2025, 10, 1), datetime.date(2025, 11, 30), staff)
        assert {e["kind"] for e in entries} == {"meeting", "deadline"}
        assert any(e["title"] == "جلسه هیات رئیسه آبان" for e in entries)
        deadlines = meetings.deadlines(datetime.date(2025, 12, 1))
        assert len(deadlines) == 1 and deadlines[0]["department_id"] == department.id
        assert meetings.deadlines(datetime.date(2025, 11, 1)) == []


def test_search_finds_the_councils_meetings(staff_client):
    _meeting(type="critique", title="نشست نقدانه بازتاب اخبار استان")
    text = text_of(staff_client.get("/search", query_string={"q": "نقدانه"}))
    assert "جلسات شوراها و کمیته‌ها" in text and "نشست نقدانه بازتاب اخبار استان" in text


def test_report_items_name_each_body_and_count_training(app, make_member, make_training):
    make_training(present=4, hours="2.5")  # 10 person-hours
    make_training(present=2, hours="3", day=ABAN_5_1404)  # 6
    for day in (MEHR_10_1404, ABAN_5_1404):
        _meeting(type="board", day=day)
    _meeting(body="county", type="council_trip", day=ABAN_5_1404)
    make_training(present=1, hours="2", body="county", day=ABAN_5_1404)
    with app.test_request_context():
        items = reports.report_items(YEAR_1404)
    texts = {item["key"]: item["text"] for item in items}
    provincial, county = body_committee("provincial"), body_committee("county")
    assert texts[f"committee.{provincial.id}"].startswith("برگزاری ۴ جلسه شورای هماهنگی روابط عمومی‌های استان")
    assert "فرمانداری‌ها" in texts[f"committee.{county.id}"]
    assert texts[f"trainings.{provincial.id}"] == (
        "برگزاری ۲ دوره آموزشی شورای هماهنگی روابط عمومی‌های استان با ۱۶ نفر‌ساعت آموزش.")
    assert texts[f"trainings.{county.id}"] == ("برگزاری ۱ دوره آموزشی شورای هماهنگی روابط عمومی فرمانداری‌ها "
                                               "با ۲ نفر‌ساعت آموزش.")
    training_item = next(i for i in items if i["key"] == f"trainings.{provincial.id}")
    assert "previous" not in training_item  # no «برای اولین بار»: training predates the records
    with app.test_request_context():
        assert reports.report_items(Period.year(1402)) == []


def test_the_previous_training_is_found(app, make_training):
    make_training(day=datetime.date(2022, 10, 2))  # 1401
    make_training()
    with app.test_request_context():
        item = next(i for i in reports.report_items(YEAR_1404) if i["key"].startswith("trainings."))
    assert item["previous"] == datetime.date(2022, 10, 2)


def test_the_trainings_are_read_in_one_statement(app, make_training, count_queries):
    make_training(day=datetime.date(2022, 10, 2))  # 1401
    make_training(present=2)
    make_training(day=ABAN_5_1404, body="county")
    with app.test_request_context(), count_queries() as statements:
        figures = trainings._training_figures(YEAR_1404)
    assert len(statements) == 1
    provincial, county = body_committee("provincial").id, body_committee("county").id
    assert figures[provincial][1:] == [1, Decimal("5.0"), 0, datetime.date(2022, 10, 2)]
    assert figures[county][1:] == [1, Decimal("7.5"), 0, None]


def test_board_committees_with_members_are_reported(app, department, make_member):
    member, other = make_member(), make_member(first_name="علی")
    for name, people in (("کمیته آموزش", [member]), ("کمیته رسانه و فضای مجازی", [member, other])):
        board = Committee(name=name, kind="council", department_id=department.id)
        db.session.add(board)
        db.session.flush()
        db.session.add_all(CommitteeMember(committee_id=board.id, person_id=m.person_id,
                                           term_start=datetime.date(2025, 4, 1)) for m in people)
    db.session.commit()
    with app.test_request_context():
        item = next(i for i in reports.report_items(YEAR_1404) if i["key"] == "board_committees")
        assert item["text"] == "فعالیت ۲ کمیته شورا (کمیته آموزش، کمیته رسانه و فضای مجازی) با ۲ عضو."
        assert not [i for i in reports.report_items(Period.year(1402)) if i["key"] == "board_committees"]


def test_report_and_dashboard_take_a_fixed_number_of_queries(app, staff, make_training, count_queries):
    def run():
        with app.test_request_context():
            reports.metrics(YEAR_1404, staff)  # the user's departments, looked up once per request
            with count_queries() as statements:
                reports.report_items(YEAR_1404)
                reports.metrics(YEAR_1404, staff)
                reports.charts(YEAR_1404, staff)
        return statements

    make_training()
    few = run()
    for day in (ABAN_5_1404, datetime.date(2025, 12, 1)):
        make_training(day=day, body="county")
    assert len(run()) == len(few)


def test_dashboard_figures_and_chart(app, staff, make_training, head_client):
    meeting = make_training(present=4, hours="2.5")
    head_client.post(f"/council/trainings/{meeting.id}/certificates/issue")
    with app.test_request_context():
        figures = {m["key"]: m for m in reports.metrics(Period.year_to_date(), staff)}
        year = {m["key"]: m for m in reports.metrics(YEAR_1404, staff)}
        charts = {c["key"]: c for c in reports.charts(YEAR_1404, staff)}
    assert year["trainings.person_hours"]["value"] == 10
    assert figures["trainings.certificates"]["value"] == 4  # issued today
    assert year["trainings.certificates"]["value"] == 0
    assert any(key.endswith("meetings_held") and m["value"] == 1 for key, m in year.items())
    sessions = charts["trainings"]["series"][0]["counts"]
    assert (1404, 7, 1) in sessions


def test_the_dashboard_page_shows_the_councils_part(head_client, make_training):
    make_training(present=2, hours="3", day=today() - datetime.timedelta(days=1))
    text = text_of(head_client.get("/dashboard/", query_string={"full": "1"}))
    assert "نفر‌ساعت آموزش" in text
