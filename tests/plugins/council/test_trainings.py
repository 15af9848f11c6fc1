"""Training sessions: the list of a Jalali period with person-hours, a new session with its
details, the details of a kit meeting, person-hours per member, unit and month, the search."""
import csv
import datetime
import io
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.committees.models import Attendance, Meeting
from core.db import db
from core.search.query import SearchQuery
from plugins.council.bodies import body_committee
from plugins.council.models.trainings import Training

from .conftest import text_of

MEHR_10_1404 = datetime.date(2025, 10, 2)
ABAN_5_1404 = datetime.date(2025, 10, 27)
YEAR_1404 = {"kind": "year", "y": "1404"}


@pytest.fixture
def make_training(make_member):
    """A training session of a body with its details; ``present`` members (made when a number)
    are ticked present and ``absent`` ones invited only."""
    def factory(present=3, absent=0, hours="2.5", day=MEHR_10_1404, body="provincial", status="held",
                topic="کارگاه نگارش خبر", instructor="دکتر حمید شکری", details=True):
        members = present if isinstance(present, list) else [
            make_member(first_name=f"عضو{i}", last_name="حاضر") for i in range(present)]
        missing = [make_member(first_name=f"عضو{i}", last_name="غایب") for i in range(absent)]
        committee = body_committee(body)
        meeting = Meeting(committee_id=committee.id, type="training", title=topic, date=day, status=status,
                          place="سالن جلسات استانداری")
        meeting.attendance = ([Attendance(member_id=m.seat.id, invited=True, present=True) for m in members]
                              + [Attendance(member_id=m.seat.id, invited=True, present=False) for m in missing])
        db.session.add(meeting)
        db.session.flush()
        if details:
            db.session.add(Training(meeting_id=meeting.id, topic=topic, instructor=instructor,
                                    instructor_level="national", hours=Decimal(hours)))
        db.session.commit()
        meeting.members = members
        return meeting
    return factory


def test_the_list_shows_person_hours_of_the_period(staff_client, make_training):
    make_training(present=4, absent=2, hours="2.5")
    make_training(present=2, hours="3", day=ABAN_5_1404, topic="آموزش عکاسی خبری")
    make_training(present=5, hours="8", day=datetime.date(2024, 10, 2), topic="دوره سال پیش")  # 1403

    response = staff_client.get("/council/trainings/", query_string=YEAR_1404)
    text = text_of(response)
    assert response.status_code == 200
    assert "کارگاه نگارش خبر" in text and "آموزش عکاسی خبری" in text
    assert "دوره سال پیش" not in text
    # 4 × 2.5 + 2 × 3 = 16 person-hours, 6 present, 2 sessions
    assert "۱۶" in text and "دکتر حمید شکری" in text
    assert "۱۰" in text  # the first session's person-hours
    tiles = text[text.index("دوره‌های آموزشی برگزارشده") - 40:]
    assert "۲" in tiles


def test_the_list_filters_sorts_and_exports(staff_client, make_training):
    make_training(topic="کارگاه نگارش خبر")
    make_training(present=1, topic="مدیریت بحران", body="county", day=ABAN_5_1404)

    text = text_of(staff_client.get("/council/trainings/", query_string={**YEAR_1404, "body": "county"}))
    assert "مدیریت بحران" in text and "کارگاه نگارش خبر" not in text
    text = text_of(staff_client.get("/council/trainings/", query_string={**YEAR_1404, "search": "بحران"}))
    assert "مدیریت بحران" in text and "کارگاه نگارش خبر" not in text
    fragment = staff_client.get("/council/trainings/", query_string={**YEAR_1404, "sort": "hours"},
                                headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    assert "kind=year" in fragment.get_data(as_text=True)  # sort and page links keep the period

    export = staff_client.get("/council/trainings/", query_string={**YEAR_1404, "format": "csv"})
    exported = export.get_data(as_text=True)
    assert export.status_code == 200
    assert "نفر‌ساعت" in exported and "کارگاه نگارش خبر" in exported and "مدیریت بحران" in exported


def test_the_list_runs_a_fixed_number_of_queries(staff_client, make_training, count_queries):
    make_training(present=2)
    staff_client.get("/council/trainings/", query_string=YEAR_1404)
    with count_queries() as few:
        staff_client.get("/council/trainings/", query_string=YEAR_1404)
    for day in (ABAN_5_1404, datetime.date(2025, 11, 5), datetime.date(2025, 12, 1)):
        make_training(present=3, day=day)
    staff_client.get("/council/trainings/", query_string=YEAR_1404)  # the user, expired by the commits, reloads
    with count_queries() as many:
        staff_client.get("/council/trainings/", query_string=YEAR_1404)
    assert len(many) == len(few)


def test_a_bad_period_falls_back_with_a_persian_message(staff_client):
    response = staff_client.get("/council/trainings/", query_string={"kind": "month", "y": "۱۴۰۴", "m": "13"})
    assert response.status_code == 200
    assert "ماه" in text_of(response)


def test_staff_create_a_session_with_its_details(staff_client, make_member):
    seated = make_member()
    response = staff_client.post("/council/trainings/new", data={
        "topic": "کارگاه تولید محتوای کوتاه", "body": "provincial", "status": "held", "date": "۱۴۰۴/۰۷/۱۰",
        "start_time": "۹:۳۰", "place": "سالن شهید رجایی", "instructor": "مهندس علی كريمي",
        "instructor_level": "provincial", "hours": "۳٫۵"})
    assert response.status_code == 303
    meeting = db.session.scalar(select(Meeting).where(Meeting.title == "کارگاه تولید محتوای کوتاه"))
    assert meeting.type == "training" and meeting.date == MEHR_10_1404 and meeting.status == "held"
    assert [(a.member_id, a.invited, a.present) for a in meeting.attendance] == [(seated.seat.id, True, False)]
    training = db.session.get(Training, meeting.id)
    assert training.hours == Decimal("3.5") and training.instructor == "مهندس علی کریمی"
    assert response.headers["Location"].endswith(f"/council/committees/{meeting.committee_id}/meetings/{meeting.id}"
                                                 "/edit#present")


@pytest.mark.parametrize("hours, message", [
    ("0", "بیش از صفر"), ("-2", "عددی مانند"), ("دو", "عددی مانند"), ("2.25", "یک رقم اعشار"), ("", "مدت آموزش"),
    ("500", "حداکثر"),
])
def test_bad_hours_are_refused_and_nothing_is_saved(staff_client, hours, message):
    before = db.session.scalar(select(func.count()).select_from(Meeting))
    response = staff_client.post("/council/trainings/new", data={
        "topic": "کارگاه", "body": "provincial", "status": "planned", "date": "1404/07/10", "instructor": "مدرس",
        "instructor_level": "provincial", "hours": hours})
    assert response.status_code == 422
    assert message in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == before


def test_an_impossible_date_and_a_future_held_session_are_refused(staff_client):
    data = {"topic": "کارگاه", "body": "county", "status": "planned", "date": "۱۴۰۲/۱۲/۳۰", "instructor": "مدرس",
            "instructor_level": "national", "hours": "2"}
    response = staff_client.post("/council/trainings/new", data=data)
    assert response.status_code == 422 and "۱۴۰۲" in text_of(response)
    response = staff_client.post("/council/trainings/new", data={**data, "date": "1499/01/01", "status": "held"})
    assert response.status_code == 422 and "برگزارشده" in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(Training)) == 0


def test_details_are_added_to_a_kit_meeting_and_edited(staff_client, make_training):
    meeting = make_training(details=False, topic="نشست آموزشی آذر")
    page = staff_client.get(f"/council/trainings/{meeting.id}/details")
    assert page.status_code == 200 and 'value="نشست آموزشی آذر"' in page.get_data(as_text=True)  # the subject
    response = staff_client.post(f"/council/trainings/{meeting.id}/details", data={
        "topic": "سواد رسانه‌ای", "instructor": "دکتر مریم افشار", "instructor_level": "national", "hours": "4"})
    assert response.status_code == 303
    assert db.session.get(Training, meeting.id).topic == "سواد رسانه‌ای"
    response = staff_client.post(f"/council/trainings/{meeting.id}/details", data={
        "topic": "سواد رسانه‌ای", "instructor": "دکتر مریم افشار", "instructor_level": "national", "hours": "۰"})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Training, meeting.id).hours == Decimal(4)


def test_details_only_for_training_meetings_of_the_bodies(staff_client, make_member):
    committee = body_committee("provincial")
    general = Meeting(committee_id=committee.id, type="general", date=MEHR_10_1404, status="held")
    db.session.add(general)
    db.session.commit()
    assert staff_client.get(f"/council/trainings/{general.id}/details").status_code == 404
    assert staff_client.get("/council/trainings/999999/details").status_code == 404


def test_person_hours_per_member_unit_and_month(staff_client, make_member, make_unit, make_training):
    unit = make_unit(name="اداره کل بهزیستی استان یزد")
    sara = make_member(unit=unit, first_name="سارا", last_name="نجفی")
    reza = make_member(unit=unit, first_name="رضا", last_name="نجفی")
    make_training(present=[sara, reza], hours="2")
    make_training(present=[sara], hours="3", day=ABAN_5_1404)

    text = text_of(staff_client.get("/council/trainings/person-hours", query_string=YEAR_1404))
    assert "سارا نجفی" in text and "۵" in text and "رضا نجفی" in text
    assert text.index("سارا نجفی") < text.index("رضا نجفی")  # most person-hours first
    text = text_of(staff_client.get("/council/trainings/person-hours", query_string={**YEAR_1404, "by": "unit"}))
    assert "اداره کل بهزیستی استان یزد" in text and "۷" in text
    text = text_of(staff_client.get("/council/trainings/person-hours", query_string={**YEAR_1404, "by": "month"}))
    assert "مهر ۱۴۰۴" in text and "آبان ۱۴۰۴" in text and "اسفند ۱۴۰۴" in text
    export = staff_client.get("/council/trainings/person-hours",
                              query_string={**YEAR_1404, "by": "unit", "format": "csv"})
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["روابط عمومی", "شورا", "اعضای آموزش‌دیده", "نفر‌ساعت"]
    assert rows[1][0] == "اداره کل بهزیستی استان یزد" and rows[1][2:] == ["2", "7.0"]
    assert staff_client.get("/council/trainings/person-hours", query_string={"by": "x"}).status_code == 404


def test_person_hours_ignore_absent_members_and_unheld_sessions(staff_client, make_training):
    make_training(present=2, absent=3, hours="2")
    make_training(present=4, hours="10", status="cancelled", day=ABAN_5_1404)
    text = text_of(staff_client.get("/council/trainings/person-hours", query_string={**YEAR_1404, "by": "month"}))
    assert "در مجموع ۴ نفر‌ساعت" in text


def test_search_finds_sessions_by_topic_and_instructor(staff_client, make_training):
    make_training(topic="کارگاه عکاسي خبري", instructor="استاد كاظمي")  # typed with Arabic ي and ك
    for query in ("عکاسی", "کاظمی"):
        text = text_of(staff_client.get("/search", query_string={"q": query}))
        assert "دوره‌های آموزشی ۱ کارگاه عکاسي خبري" in text, query


def test_the_search_follows_a_sessions_changes_through_its_text_index(staff_client, make_training):
    """The sessions' text index (council0007, keyed by their meeting) follows a changed topic and a
    purged session; a search box whose words it lacks runs no statement of the sessions."""
    training = db.session.get(Training, make_training(topic="کارگاه عکاسی خبری").id)
    training.topic = "کارگاه خبرنویسی"
    db.session.commit()
    assert "دوره‌های آموزشی ۱ کارگاه خبرنویسی" in text_of(staff_client.get("/search", query_string={"q": "خبرنویسی"}))
    assert "دوره‌های آموزشی" not in text_of(staff_client.get("/search", query_string={"q": "عکاسی"}))
    if db.engine.dialect.name == "sqlite":
        condition = SearchQuery.parse("خبرنویسی").match(Training.search_text)
        assert "council_trainings_search" in str(condition.compile(db.engine))
    db.session.delete(training)
    db.session.commit()
    assert "دوره‌های آموزشی" not in text_of(staff_client.get("/search", query_string={"q": "خبرنویسی"}))


def test_permissions(app, client, login, make_user, make_department, viewer, make_training):
    meeting = make_training()
    login(viewer)
    assert client.get("/council/trainings/").status_code == 200
    assert client.get("/council/trainings/person-hours").status_code == 200
    assert client.get("/council/trainings/new").status_code == 403
    assert client.post(f"/council/trainings/{meeting.id}/details", data={}).status_code == 403
    other = make_user("staff", departments=[make_department("واحد خبر")])
    outsider = login(other, test_client=app.test_client())
    assert outsider.get("/council/trainings/").status_code == 403
    assert outsider.get("/council/trainings/new").status_code == 403
    anonymous = app.test_client()
    assert anonymous.get("/council/trainings/").status_code in (302, 303)
