"""Official holidays and occasions of a Jalali year (core.calendar.sources) and an admin's
corrections on /calendar/holidays (core.calendar.days)."""
import jdatetime
import pytest
from sqlalchemy import func, select

from core.calendar.days import calendar_data, forget
from core.calendar.models import CalendarCorrection, CalendarSetting
from core.calendar.sources import data_occasions, hijri_to_gregorian, library_holidays
from core.db import db
from core.models import AuditLog
from core.testing import persian_text


def J(jy, jm, jd):
    return jdatetime.date(jy, jm, jd).togregorian()


def jalali_days(occasions):
    return sorted({_j(o.date) for o in occasions})


def _j(day):
    j = jdatetime.date.fromgregorian(date=day)
    return j.month, j.day


# The official lists (شورای فرهنگ عمومی), as (month, day); Eid al-Fitr 1403 was observed on
# 22 Farvardin (the moon was not seen on the 21st), 30 Esfand 1403 was the day the year turned.
OFFICIAL_1403 = [
    (1, 1), (1, 2), (1, 3), (1, 4), (1, 12), (1, 13), (1, 22), (1, 23), (2, 15), (3, 14), (3, 15), (3, 28),
    (4, 5), (4, 25), (4, 26), (6, 4), (6, 12), (6, 14), (6, 22), (6, 31), (9, 15), (10, 25), (11, 9),
    (11, 22), (11, 26), (12, 29), (12, 30),
]
OFFICIAL_1404 = [
    (1, 1), (1, 2), (1, 3), (1, 4), (1, 11), (1, 12), (1, 13), (2, 4), (3, 14), (3, 15), (3, 16), (3, 24),
    (4, 14), (4, 15), (5, 23), (5, 31), (6, 2), (6, 10), (6, 19), (9, 3), (10, 13), (10, 27), (11, 15),
    (11, 22), (12, 10), (12, 11), (12, 12), (12, 13), (12, 14), (12, 15), (12, 16), (12, 20), (12, 29),
]


def test_the_official_holidays_of_1403_and_1404():
    assert jalali_days(library_holidays(1403)) == OFFICIAL_1403
    assert jalali_days(library_holidays(1404)) == OFFICIAL_1404


def test_named_holidays_fall_on_their_known_days():
    def day_of(jy, name):
        return [_j(o.date) for o in library_holidays(jy) if o.title == name]

    assert day_of(1403, "تاسوعای حسینی") == [(4, 25)] and day_of(1403, "عاشورای حسینی") == [(4, 26)]
    assert day_of(1403, "عید سعید فطر") == [(1, 22)]
    assert day_of(1403, "پیروزی انقلاب اسلامی") == [(11, 22)]
    assert day_of(1403, "قیام ۱۵ خرداد") == [(3, 15)]  # Persian digits in the library's name
    assert day_of(1404, "عید سعید فطر") == [(1, 11)]
    assert day_of(1404, "عاشورای حسینی") == [(4, 15)]
    assert day_of(1404, "ولادت امام علی علیه السلام و روز پدر") == [(10, 13)]
    assert day_of(1404, "رحلت رسول اکرم؛ شهادت امام حسن مجتبی علیه السلام") == [(5, 31)]


def test_nowruz_holidays_have_a_key_each():
    keys = [o.key for o in library_holidays(1404) if o.title == "عیدنوروز"]
    assert keys == ["holiday:عیدنوروز", "holiday:عیدنوروز#2", "holiday:عیدنوروز#3"]


def test_later_lunar_holidays_are_marked_estimated():
    assert not any(o.estimated for o in library_holidays(1403))
    later = library_holidays(1410)
    assert any(o.estimated for o in later) and all(not o.estimated for o in later if o.title == "روز طبیعت")
    assert all("تخمینی" not in o.title for o in later)


def occasion_day(jy, key):
    return [_j(o.date) for o in data_occasions(jy) if o.key == f"occasion:{key}"]


def test_hijri_occasions_land_on_the_jalali_days_iran_observes():
    assert occasion_day(1403, "mothers_day") == [(10, 2)]  # 20 Jumada II 1446
    assert occasion_day(1404, "mothers_day") == [(9, 20)]  # 20 Jumada II 1447
    assert occasion_day(1403, "reza_birthday") == [(2, 31)]  # 11 Dhu al-Qadah 1445
    assert occasion_day(1403, "unity_week") == [(6, 26)]  # 12–17 Rabi I 1446: ends on the Prophet's birthday
    assert occasion_day(1403, "ramadan_start") == [(12, 12)]
    assert occasion_day(1403, "muharram_decade") == [(4, 17)]  # Ashura on 26 Tir is its tenth day


def test_iran_month_offset_follows_the_library():
    # Shawwal 1445 began in Iran on the same day as Umm al-Qura (Eid al-Fitr 22 Farvardin 1403);
    # most months start a day later.
    assert hijri_to_gregorian(1445, 10, 1) == J(1403, 1, 22)
    assert hijri_to_gregorian(1446, 10, 1) == J(1404, 1, 11)
    assert hijri_to_gregorian(1600, 1, 1) is None


def test_jalali_occasions_and_their_lengths():
    pr_day = [o for o in data_occasions(1404) if o.key == "occasion:pr_day"][0]
    assert (pr_day.title, _j(pr_day.date), pr_day.holiday) == ("روز ارتباطات و روابط عمومی", (2, 27), False)
    government_week = [o for o in data_occasions(1404) if o.key == "occasion:government_week"][0]
    assert (_j(government_week.date), _j(government_week.end)) == ((6, 2), (6, 8))
    fajr = [o for o in data_occasions(1403) if o.key == "occasion:fajr_decade"][0]
    assert (_j(fajr.date), _j(fajr.end)) == ((11, 12), (11, 22))
    assert occasion_day(1404, "journalists_day") == [(5, 17)]


def test_years_outside_the_libraries_keep_their_jalali_occasions():
    assert library_holidays(1320) == () and occasion_day(1320, "pr_day") == [(2, 27)]
    assert calendar_data().year(1600) == ()


# --- the admin's corrections ------------------------------------------------------------------

@pytest.fixture
def admin_client(client, make_user, login):
    login(make_user("admin"))
    return client


def correct(client, year, key, action):
    return client.post(f"/calendar/holidays/{year}/correct", data={"key": key, "action": action})


def test_the_page_lists_a_year_with_sources(admin_client):
    html = admin_client.get("/calendar/holidays?y=۱۴۰۴").get_data(as_text=True)
    text = persian_text(html)
    assert "تعطیلات و مناسبت‌های سال ۱۴۰۴" in text
    assert "عید سعید فطر" in text and "دوشنبه ۱۱ فروردین ۱۴۰۴" in text
    assert "روز ارتباطات و روابط عمومی" in text and "مناسبت‌های روابط" in text and "فهرست رسمی" in text
    assert "پنجشنبه هم مانند جمعه تعطیل است" in text


def test_a_bad_year_gets_a_persian_message(admin_client):
    html = admin_client.get("/calendar/holidays?y=99").get_data(as_text=True)
    assert "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد" in html


def test_moving_a_lunar_holiday_a_day_later_and_back(admin_client):
    response = correct(admin_client, 1404, "holiday:عید سعید فطر", "later")
    assert response.status_code == 303
    correction = db.session.scalar(select(CalendarCorrection))
    assert (correction.year, correction.action, correction.date) == (1404, "move", J(1404, 1, 12))
    assert db.session.scalar(select(func.count()).select_from(AuditLog)
                             .where(AuditLog.entity == "calendar_corrections")) == 1
    forget()
    eid = [o for o in calendar_data().year(1404) if o.key == "holiday:عید سعید فطر"][0]
    assert eid.date == J(1404, 1, 12) and eid.original_date == J(1404, 1, 11)
    html = admin_client.get("/calendar/holidays?y=1404").get_data(as_text=True)
    assert "جابه‌جا شده از ۱۱ فروردین ۱۴۰۴" in persian_text(html)

    correct(admin_client, 1404, "holiday:عید سعید فطر", "earlier")  # back where the library puts it
    assert db.session.scalar(select(func.count()).select_from(CalendarCorrection)) == 0


def test_removing_and_restoring(admin_client):
    correct(admin_client, 1404, "occasion:pr_day", "remove")
    forget()
    assert all(o.key != "occasion:pr_day" for o in calendar_data().between(J(1404, 2, 1), J(1404, 2, 31)))
    html = admin_client.get("/calendar/holidays?y=1404").get_data(as_text=True)
    assert "برداشته شده" in persian_text(html)
    assert correct(admin_client, 1404, "occasion:pr_day", "later").status_code == 303  # refused while removed
    assert db.session.scalar(select(CalendarCorrection.action)) == "remove"
    correct(admin_client, 1404, "occasion:pr_day", "restore")
    assert db.session.scalar(select(func.count()).select_from(CalendarCorrection)) == 0


def test_a_move_cannot_leave_the_year(admin_client):
    response = correct(admin_client, 1404, "holiday:جشن نوروز", "earlier")
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(CalendarCorrection)) == 0
    html = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "را نمی‌توان به بیرون از سال ۱۴۰۴ برد" in html


def test_an_unknown_key_or_year(admin_client):
    response = correct(admin_client, 1404, "holiday:نیست", "later")
    assert "این روز دیگر در تقویم سال ۱۴۰۴ نیست" in admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert correct(admin_client, 99999, "holiday:جشن نوروز", "later").status_code == 404


def test_declaring_a_holiday_then_removing_it(admin_client):
    response = admin_client.post("/calendar/holidays/add", data={
        "date": "۱۴۰۴/۰۹/۱۸", "title": "تعطیلی ادارات به دلیل آلودگی هوا", "holiday": "y"})
    assert response.status_code == 303 and response.headers["Location"].endswith("y=1404")
    added = db.session.scalar(select(CalendarCorrection))
    assert (added.year, added.action, added.date, added.holiday) == (1404, "add", J(1404, 9, 18), True)
    forget()
    assert J(1404, 9, 18) in calendar_data().holidays(1404)
    correct(admin_client, 1404, f"admin:{added.id}", "later")
    assert db.session.get(CalendarCorrection, added.id).date == J(1404, 9, 19)
    correct(admin_client, 1404, f"admin:{added.id}", "remove")
    assert db.session.scalar(select(func.count()).select_from(CalendarCorrection)) == 0


def test_a_declared_day_with_a_bad_date_keeps_the_form(admin_client):
    response = admin_client.post("/calendar/holidays/add", data={"date": "۱۴۰۲/۱۲/۳۰", "title": "برف"},
                                 headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in html
    assert "اسفند ۱۴۰۲ ۲۹ روز دارد" in html and 'value="برف"' in html
    assert db.session.scalar(select(func.count()).select_from(CalendarCorrection)) == 0
    response = admin_client.post("/calendar/holidays/add", data={"date": "", "title": ""})
    assert response.status_code == 422 and "عنوان را بنویسید" in response.get_data(as_text=True)


def test_the_working_week_setting(admin_client):
    assert calendar_data().thursday_off is True  # the default
    admin_client.post("/calendar/holidays/workweek?y=1404", data={})
    assert db.session.get(CalendarSetting, "thursday_off").value is False
    admin_client.post("/calendar/holidays/workweek", data={"thursday_off": "y"})
    assert db.session.get(CalendarSetting, "thursday_off").value is True


@pytest.mark.parametrize("role", ["head", "staff", "viewer"])
def test_only_admins_correct_the_calendar(client, make_user, login, role):
    login(make_user(role))
    assert client.get("/calendar/holidays").status_code == 403
    assert correct(client, 1404, "occasion:pr_day", "remove").status_code == 403
    assert client.post("/calendar/holidays/add", data={"date": "1404/09/18", "title": "x"}).status_code == 403
    assert client.post("/calendar/holidays/workweek", data={}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(CalendarCorrection)) == 0
