"""In-app notifications (core.notifications): notify(), the count in the navigation, the list with
mark-as-read, and the daily deadline check through ravabet_deadlines (idempotent)."""
import datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from core.committees.models import Committee, Meeting, Resolution
from core.db import db
from core.jalali import today
from core.notifications import Notification, notify
from core.notifications.deadlines import check_deadlines
from core.testing import persian_text


@pytest.fixture
def department(make_department):
    return make_department("واحد شوراها")


@pytest.fixture
def staff(make_user, department):
    return make_user("staff", departments=[department])


def _count(**where):
    return db.session.scalar(select(func.count(Notification.id)).filter_by(**where))


def test_notify_users_a_department_and_ids(app, make_user, department, staff):
    head = make_user("head", heads=[department])
    outsider = make_user("staff")
    retired = make_user("staff", departments=[department], active=False)
    assert notify(department, "approval", "درخواست طراحی بنر منتظر تأیید است", "/x") == 2
    assert notify([outsider, staff.id], "assignment", "کاری به شما سپرده شد") == 2
    db.session.commit()
    assert _count(user_id=head.id) == 1 and _count(user_id=staff.id) == 2 and _count(user_id=retired.id) == 0
    # with a key, a second call adds nothing
    assert notify(staff, "notice", "یک بار", key="once") == 1
    assert notify(staff, "notice", "یک بار", key="once") == 0
    with pytest.raises(TypeError):
        notify("staff", "notice", "متن")


def test_count_in_the_navigation_with_one_query(app, staff, login, count_queries):
    client = login(staff)
    assert 'class="nav-count"' not in client.get("/").get_data(as_text=True)
    notify(staff, "assignment", "پرونده ۱۲ به شما سپرده شد", "/directory/people/")
    notify(staff, "approval", "یک درخواست منتظر تأیید شماست")
    db.session.commit()
    with count_queries() as statements:
        html = client.get("/").get_data(as_text=True)
    assert '<span class="nav-count" aria-hidden="true">۲</span>' in html
    assert 'aria-label="اعلان‌ها، ۲ خوانده‌نشده"' in html
    assert sum("FROM notifications" in s for s in statements) == 1


def test_list_shows_own_notifications_and_marks_one_read(app, staff, make_user, login):
    other = make_user("staff")
    notify(other, "notice", "پیام دیگری")
    notify(staff, "deadline", "مهلت مصوبه ۳ گذشته است", "/committees/")
    db.session.commit()
    mine = db.session.scalar(select(Notification).where(Notification.user_id == staff.id))
    theirs = db.session.scalar(select(Notification).where(Notification.user_id == other.id))
    client = login(staff)
    html = client.get("/notifications/").get_data(as_text=True)
    text = persian_text(html)
    assert "مهلت مصوبه ۳ گذشته است" in text and "پیام دیگری" not in text and "مهلت" in text
    assert client.post(f"/notifications/{theirs.id}/read").status_code == 404
    response = client.post(f"/notifications/{mine.id}/read", data={"show": "unread"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/notifications/?show=unread")
    assert db.session.get(Notification, mine.id).read_at is not None
    assert "همهٔ اعلان‌ها را خوانده‌اید" in persian_text(client.get("/notifications/?show=unread").get_data(as_text=True))


def test_mark_read_with_htmx_updates_the_list_and_the_count(app, staff, login):
    notify(staff, "notice", "اول")
    notify(staff, "notice", "دوم")
    db.session.commit()
    first = db.session.scalar(select(Notification).where(Notification.text == "اول"))
    client = login(staff)
    html = client.post(f"/notifications/{first.id}/read", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in html and "دوم" in html
    assert 'id="nav-notifications"' in html and 'hx-swap-oob="true"' in html and ">۱</span>" in html


def test_mark_all_read(app, staff, login):
    for n in range(3):
        notify(staff, "notice", f"پیام {n}")
    db.session.commit()
    client = login(staff)
    response = client.post("/notifications/read-all", follow_redirects=True)
    assert "همهٔ اعلان‌ها خوانده‌شده علامت خوردند" in persian_text(response.get_data(as_text=True))
    assert _count(user_id=staff.id, read_at=None) == 0


def test_opening_marks_read_and_goes_only_to_local_pages(app, staff, login):
    notify(staff, "notice", "برو", "/committees/")
    notify(staff, "notice", "نرو", "https://evil.example/")
    db.session.commit()
    go, stay = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    client = login(staff)
    assert client.get(f"/notifications/{go.id}/open").headers["Location"] == "/committees/"
    assert db.session.get(Notification, go.id).read_at is not None
    assert client.get(f"/notifications/{stay.id}/open").headers["Location"].endswith("/notifications/")


def _resolutions(department):
    committee = Committee(name="کمیته رسانه", department_id=department.id)
    db.session.add(committee)
    db.session.flush()
    meeting = Meeting(committee_id=committee.id, type="general", date=today() - datetime.timedelta(days=30))
    db.session.add(meeting)
    db.session.flush()
    day = today()
    rows = {
        "overdue": Resolution(committee_id=committee.id, meeting_id=meeting.id, number=1, text="تهیه گزارش فصلی",
                              due_date=day - datetime.timedelta(days=2)),
        "near": Resolution(committee_id=committee.id, meeting_id=meeting.id, number=2, text="برگزاری نشست خبری",
                           due_date=day + datetime.timedelta(days=2)),
        "far": Resolution(committee_id=committee.id, meeting_id=meeting.id, number=3, text="تدوین برنامه سال",
                          due_date=day + datetime.timedelta(days=30)),
        "done": Resolution(committee_id=committee.id, meeting_id=meeting.id, number=4, text="انجام‌شده",
                           due_date=day - datetime.timedelta(days=5), status="done"),
    }
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


def test_ravabet_deadlines_of_the_kit_notify_the_department_once(app, department, staff, make_user):
    head = make_user("head", heads=[department])
    make_user("staff")  # another department: not notified
    rows = _resolutions(department)
    assert check_deadlines() == 4  # overdue and near, for the staff member and the head
    texts = db.session.scalars(select(Notification.text).where(Notification.user_id == staff.id)).all()
    assert any(t.startswith("مهلت از") and "تهیه گزارش فصلی" in t and "کمیته رسانه" in t for t in texts)
    assert any(t.startswith("مهلت تا") and "برگزاری نشست خبری" in t for t in texts)
    assert not any("تدوین برنامه" in t or "انجام‌شده" in t for t in texts)
    assert check_deadlines() == 0  # idempotent
    url = db.session.scalar(select(Notification.url).where(Notification.user_id == head.id).limit(1))
    assert url.startswith(f"/committees/{rows['overdue'].committee_id}/meetings/") and url.endswith("#resolutions")
    # the near one passes its date: one more notification each, then nothing again
    assert check_deadlines(today() + datetime.timedelta(days=3)) == 2
    assert check_deadlines(today() + datetime.timedelta(days=3)) == 0


def test_cli_deadlines_command(app, department, staff):
    _resolutions(department)
    result = CliRunner().invoke(app.cli, ["notifications", "deadlines"], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.strip() == "2 notifications added"
    result = CliRunner().invoke(app.cli, ["notifications", "deadlines"])
    assert result.output.strip() == "0 notifications added"
    result = CliRunner().invoke(app.cli, ["notifications", "deadlines", "--date", "1403/12/31"])
    assert result.exit_code != 0 and "--date" in result.output


def test_notifications_page_needs_login(client):
    assert client.get("/notifications/").status_code in (302, 303)


def test_the_first_request_of_the_day_runs_the_check_once(app, department, staff, login, monkeypatch):
    _resolutions(department)
    client = login(staff)
    assert _count(user_id=staff.id) == 0  # off in tests by default
    monkeypatch.setitem(app.config, "NOTIFY_DEADLINES_ON_REQUEST", True)
    monkeypatch.delitem(app.extensions, "ravabet_deadlines_checked", raising=False)
    html = client.get("/notifications/").get_data(as_text=True)
    assert _count(user_id=staff.id) == 2 and "تهیه گزارش فصلی" in html
    db.session.execute(Notification.__table__.delete())
    db.session.commit()
    client.get("/notifications/")
    assert _count(user_id=staff.id) == 0  # once a day: the second request does not check again
