"""The calendar's pages (/calendar/ and /calendar/agenda) and the hook that feeds them,
``ravabet_calendar_entries``: the committee kit's meetings and resolution due dates, a plugin's
entries (gone while its module is off), holidays and occasions, htmx navigation, permissions."""
import datetime
import textwrap

import jdatetime
import pytest

from core.jalali import MONTH_NAMES, jalali_today, today
from core.testing import persian_text
from core.text import to_fa_digits
from tests.core.committee_data import add_meeting, add_resolution, make_committee


def J(jy, jm, jd):
    return jdatetime.date(jy, jm, jd).togregorian()


@pytest.fixture
def department(make_department):
    return make_department(name="واحد خبر و اطلاع‌رسانی")


@pytest.fixture
def staff(make_user, department):
    return make_user("staff", departments=[department])


def test_the_month_shows_a_meeting_of_the_kit_on_its_day_with_a_link(client, login, staff, department):
    committee = make_committee(department)
    meeting = add_meeting(committee, day=J(1404, 8, 12), status="planned", title="هماهنگی پوشش خبری")
    meeting.start_time = datetime.time(10, 30)
    add_resolution(meeting, text="تهیه گزارش تصویری", due=J(1404, 8, 20), number=3)
    add_resolution(meeting, text="کار انجام‌شده", due=J(1404, 8, 21), number=4, status="done")
    login(staff)
    html = client.get("/calendar/?y=۱۴۰۴&m=۸").get_data(as_text=True)
    assert "آبان ۱۴۰۴" in html
    cell = html.split('aria-label="دوشنبه ۱۲ آبان ۱۴۰۴"')[1].split("</td>")[0]
    url = f"/committees/{committee.id}/meetings/{meeting.id}"
    assert f'href="{url}"' in cell and "۱۰:۳۰" in cell and "هماهنگی پوشش خبری" in cell
    due_cell = html.split('aria-label="سه‌شنبه ۲۰ آبان ۱۴۰۴"')[1].split("</td>")[0]
    assert f'href="{url}#resolutions"' in due_cell
    assert "مهلت مصوبه ۳ کارگروه رسانه‌ای اقتصاد مقاومتی" in due_cell
    assert "مصوبه ۴" not in html  # carried out: no deadline left
    assert "cal-meeting" in cell and "cal-deadline" in due_cell


def test_cancelled_meetings_and_other_departments_stay_off(client, login, staff, department, make_department):
    mine = make_committee(department)
    add_meeting(mine, day=J(1404, 8, 5), status="cancelled", title="جلسه لغوشده")
    other = make_committee(make_department(name="واحد فضاسازی"), name="کمیته دیگر")
    add_meeting(other, day=J(1404, 8, 6), title="جلسه واحد دیگر")
    login(staff)
    html = client.get("/calendar/?y=1404&m=8").get_data(as_text=True)
    assert "جلسه لغوشده" not in html and "جلسه واحد دیگر" not in html


def test_holidays_fridays_occasions_and_today_are_marked(client, login, staff):
    login(staff)
    html = client.get("/calendar/?y=1404&m=1").get_data(as_text=True)
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    # 1 Farvardin 1404 is a Friday: six empty cells before it, Saturday first.
    assert first_row.count('class="cal-pad"') == 6
    nowruz = html.split('aria-label="جمعه ۱ فروردین ۱۴۰۴"')[0].rsplit("<td", 1)[1]
    assert "is-holiday" in nowruz
    assert "جشن نوروز" in html and "روز ارتش جمهوری اسلامی ایران" in html
    headings = html.split("<thead>")[1].split("</thead>")[0]
    assert headings.index("شنبه") < headings.index("جمعه")
    now = jalali_today()
    html = client.get("/calendar/").get_data(as_text=True)
    assert f"{MONTH_NAMES[now.month - 1]} {to_fa_digits(now.year)}" in html
    assert 'aria-current="date"' in html and today().isoformat() in html


def test_a_long_occasion_is_written_once_a_week(client, login, staff):
    login(staff)
    html = client.get("/calendar/?y=1403&m=11").get_data(as_text=True)
    # دهه فجر, 12–22 Bahman 1403: titled on its first day and where a week row starts (Saturday 13 and 20).
    assert html.count("دهه فجر انقلاب اسلامی<span") == 3
    assert html.count("cal-occasion cal-continued") == 8


def test_the_agenda_lists_the_same_entries_by_day(client, login, staff, department):
    committee = make_committee(department)
    meeting = add_meeting(committee, day=J(1404, 2, 27), status="planned", title="جلسه روز روابط عمومی")
    login(staff)
    html = client.get("/calendar/agenda?y=1404&m=2").get_data(as_text=True)
    day = html.split('id="day-' + J(1404, 2, 27).isoformat() + '"')[1].split("cal-agenda-day")[0]
    text = persian_text(day)
    assert "شنبه ۲۷ اردیبهشت ۱۴۰۴" in text
    assert "روز ارتباطات و روابط عمومی" in text and "جلسه روز روابط عمومی" in text and "تمام روز" in text
    assert f'href="/committees/{committee.id}/meetings/{meeting.id}"' in day
    assert "فهرست رویدادها" in html


def test_htmx_navigation_returns_only_the_view(client, login, staff):
    login(staff)
    response = client.get("/calendar/?y=1404&m=12", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html and "<nav class=\"mainnav\"" not in html
    assert 'class="cal-grid"' in html and "اسفند ۱۴۰۴" in html
    assert 'hx-get="/calendar/?y=1405&amp;m=1"' in html and 'hx-get="/calendar/?y=1404&amp;m=11"' in html
    assert 'hx-target="#calendar-view"' in html
    full = client.get("/calendar/?y=1404&m=12").get_data(as_text=True)
    assert "<html" in full and 'id="calendar-view"' in full and 'href="/calendar/?y=1405&amp;m=1"' in full


def test_bad_month_arguments_get_a_persian_message(client, login, staff):
    login(staff)
    html = client.get("/calendar/?y=1404&m=13").get_data(as_text=True)
    assert "ماه باید بین ۱ و ۱۲ باشد" in html and "به جای آن، این ماه نشان داده شده است" in html
    assert "سال باید بین" in client.get("/calendar/agenda?y=abc&m=1").get_data(as_text=True)


@pytest.mark.parametrize("role", ["head", "staff", "viewer", "admin"])
def test_every_role_sees_the_calendar(client, login, make_user, role):
    login(make_user(role))
    assert client.get("/calendar/").status_code == 200
    assert client.get("/calendar/agenda").status_code == 200
    html = client.get("/").get_data(as_text=True)
    assert 'href="/calendar/"' in html
    assert ('href="/calendar/holidays"' in html) == (role == "admin")


def test_anonymous_users_go_to_the_login_page(client):
    response = client.get("/calendar/")
    assert response.status_code in (302, 303) and "/login" in response.headers["Location"]


def test_queries_do_not_grow_with_entries(client, login, staff, department, count_queries):
    committee = make_committee(department)
    login(staff)

    def add_meetings(days):
        for day in days:
            meeting = add_meeting(committee, day=J(1404, 8, day), status="planned")
            add_resolution(meeting, due=J(1404, 8, day + 1))

    def page_queries():
        with count_queries() as statements:
            assert client.get("/calendar/?y=1404&m=8").status_code == 200
        return len(statements)

    add_meetings([1])
    before = page_queries()
    add_meetings(range(2, 25))
    assert page_queries() == before


# --- a plugin's entries through the hook --------------------------------------------------------

PLUGIN = textwrap.dedent('''
    import datetime
    from flask import Blueprint
    from core.permissions import Permission, permission_required
    from core.plugins import hookimpl

    bp = Blueprint("calplug", __name__)

    @bp.route("/bookings/<int:item_id>")
    @permission_required("calplug.view")
    def booking(item_id):
        return "رزرو"

    @hookimpl
    def ravabet_plugin_info():
        return {"key": "calplug", "title": "افزونه تقویم", "icon": "*", "version": "1"}

    @hookimpl
    def ravabet_blueprints():
        return bp

    @hookimpl
    def ravabet_permissions():
        return [Permission("calplug.view", "دیدن", ("staff",))]

    @hookimpl
    def ravabet_calendar_entries(start, end, user):
        tehran = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
        return [
            {"title": "رزرو بیلبورد میدان امام", "date": datetime.date(2025, 10, 23),
             "end_date": datetime.date(2025, 10, 25), "kind": "booking",
             "endpoint": "calplug.booking", "url_args": {"item_id": 7}, "permission": "calplug.view"},
            {"title": "نشست خبری استاندار", "start": datetime.datetime(2025, 10, 27, 6, 0, tzinfo=datetime.timezone.utc),
             "end": datetime.datetime(2025, 10, 27, 14, 0, tzinfo=tehran), "kind": "press_conference",
             "url": "/calplug/bookings/8", "detail": "سالن اجتماعات"},
            {"title": "جشن روز ملی", "date": datetime.date(2025, 10, 28), "kind": "festival",
             "kind_title": "جشنواره"},
            {"title": "بدون تاریخ", "kind": "meeting"},
            {"title": "نقطه پایان نادرست", "date": datetime.date(2025, 10, 28), "endpoint": "calplug.nothing"},
        ]
''')


@pytest.fixture(scope="module")
def calendar_app(make_app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("calendar_plugins")
    (folder / "calplug").mkdir()
    (folder / "calplug" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    return make_app(PLUGIN_PATHS=[str(folder)], PLUGINS_ONLY=["calplug"])


@pytest.fixture
def plugin_client(calendar_app, staff, department, login, enable_module):
    enable_module("calplug", department)
    plugin_client = calendar_app.test_client()
    login(staff, test_client=plugin_client)
    return plugin_client


def test_ravabet_calendar_entries_from_an_enabled_module(plugin_client):
    html = plugin_client.get("/calendar/?y=1404&m=8").get_data(as_text=True)  # Aban 1404
    grid = html.split('class="cal-month-list"')[0]
    # Written on Thursday 1 Aban and again on Saturday 3 Aban, where a week row starts.
    assert grid.count('href="/calplug/bookings/7"') == 2 and grid.count("cal-booking cal-continued") == 1
    assert "رزرو بیلبورد میدان امام" in html
    assert "۰۹:۳۰" in html  # 06:00 UTC is 09:30 in Tehran
    assert "جشن روز ملی" in html and "cal-other" in html
    assert "بدون تاریخ" not in html and "نقطه پایان نادرست" not in html  # malformed: left out, page fine
    agenda = persian_text(plugin_client.get("/calendar/agenda?y=1404&m=8").get_data(as_text=True))
    assert "۰۹:۳۰–۱۴:۰۰ نشست خبری استاندار نشست خبری سالن اجتماعات" in agenda
    assert "رزرو بیلبورد میدان امام رزرو تا ۳ آبان ۱۴۰۴" in agenda
    assert "جشن روز ملی جشنواره" in agenda


def test_entries_need_their_permission(calendar_app, make_user, login, enable_module, department):
    enable_module("calplug", department)
    viewer_client = calendar_app.test_client()
    login(make_user("viewer"), test_client=viewer_client)
    html = viewer_client.get("/calendar/?y=1404&m=8").get_data(as_text=True)
    assert "رزرو بیلبورد میدان امام" not in html and "نشست خبری استاندار" in html


def test_a_disabled_module_leaves_the_calendar(plugin_client, enable_module):
    assert "نشست خبری استاندار" in plugin_client.get("/calendar/?y=1404&m=8").get_data(as_text=True)
    enable_module("calplug", enabled=False)
    html = plugin_client.get("/calendar/?y=1404&m=8").get_data(as_text=True)
    assert "نشست خبری استاندار" not in html and "رزرو بیلبورد میدان امام" not in html
    assert "هفته کتاب و کتابخوانی" in html  # the core's occasions stay
    enable_module("calplug")
    assert "نشست خبری استاندار" in plugin_client.get("/calendar/agenda?y=1404&m=8").get_data(as_text=True)
