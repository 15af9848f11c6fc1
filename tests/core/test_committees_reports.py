"""The kit's figures: meetings held by type, resolutions adopted, carried out and overdue, in the
activity report (ravabet_report_items, grouped by the committee's department) and on the dashboard
(ravabet_dashboard_metrics), counted in SQL with a number of queries that does not grow with rows."""
import pytest

from core.committees import stats
from core.db import db
from core.jalali import Period, today
from tests.core.committee_data import DAY, add_meeting, add_member, add_resolution, make_committee, make_person


@pytest.fixture
def period():
    return Period.custom(today() - 90 * DAY, today())


@pytest.fixture
def departments(make_department):
    return make_department(name="واحد خبر و اطلاع‌رسانی"), make_department(name="دبیرخانه شورای هماهنگی")


@pytest.fixture
def activity(departments):
    """Two committees of the news department and one of the council's, with meetings inside and
    outside the period, resolutions of every status, and a plugin's committee that is not counted."""
    news, council = departments
    media = make_committee(news, name="کارگروه رسانه‌ای اقتصاد مقاومتی")
    security = make_committee(news, name="کمیسیون رسانه‌ای شورای تامین استان")
    region = make_committee(council, name="دبیرخانه مدیران کل روابط عمومی منطقه ۵ کشور")
    owned = make_committee(council, name="هیات رئیسه شورا", kind="council")
    for day, kind in ((10, "general"), (20, "general"), (30, "training"), (40, "general"), (50, "training")):
        meeting = add_meeting(media, day=today() - day * DAY, type=kind)
    add_meeting(media, day=today() - 200 * DAY)  # before the period
    add_meeting(media, day=today() + 5 * DAY, status="planned")
    add_meeting(media, day=today() - 15 * DAY, status="cancelled")
    add_resolution(meeting, due=today() - DAY, status="done", number=1)
    add_resolution(meeting, due=today() - DAY, status="open", number=2)  # overdue
    add_resolution(meeting, due=today() - DAY, status="in_progress", number=3)  # overdue
    add_resolution(meeting, due=today() + DAY, status="open", number=4)
    add_meeting(security, day=today() - 5 * DAY, type="critique")
    held = add_meeting(region, day=today() - 60 * DAY, type="visit")
    add_resolution(held, due=today() - 30 * DAY, status="done")
    add_resolution(held, due=today() - 30 * DAY, status="done", number=2)
    add_meeting(owned, day=today() - 5 * DAY)
    return media, security, region


def test_report_items_per_committee_with_its_department(app, period, activity, departments):
    media, security, region = activity
    items = {item["key"]: item for item in stats.report_items(period)}
    assert set(items) == {f"committee.{c.id}" for c in activity}
    assert items[f"committee.{media.id}"]["department_id"] == departments[0].id
    assert items[f"committee.{region.id}"]["department_id"] == departments[1].id
    assert items[f"committee.{media.id}"]["text"] == (
        "برگزاری ۵ جلسه کارگروه رسانه‌ای اقتصاد مقاومتی (۳ جلسه عمومی، ۲ نشست آموزشی). "
        "تصویب ۴ مصوبه که ۱ مورد آن اجرا شده و ۲ مورد از مهلت انجام گذشته است.")
    assert items[f"committee.{security.id}"]["text"] == "برگزاری ۱ جلسه کمیسیون رسانه‌ای شورای تامین استان."
    assert items[f"committee.{region.id}"]["text"] == (
        "برگزاری ۱ جلسه دبیرخانه مدیران کل روابط عمومی منطقه ۵ کشور. تصویب ۲ مصوبه که همه آن‌ها اجرا شده است.")


def test_ravabet_report_items_of_the_kit_come_through_the_hook(app, period, activity):
    with app.test_request_context():
        items = app.extensions["ravabet_plugins"].call_flat("ravabet_report_items", period=period)
    ours = [item for name, item in items if name == "core:core.committees.hooks"]
    assert len(ours) == 3 and all("department_id" in item for item in ours)


def test_the_kinds_share_the_report_queries_of_a_request(app, period, activity, count_queries):
    """The kit's hook and a plugin's (kind "council") read the period's figures of the same two
    queries; another request counts afresh."""
    for _request in range(2):
        with app.test_request_context(), count_queries() as statements:
            plain = stats.report_items(period)
            owned = stats.report_items(period, kind="council")
        assert len(statements) == 2
        assert len(plain) == 3
        assert [item["text"] for item in owned] == ["برگزاری ۱ جلسه هیات رئیسه شورا."]


def test_a_period_without_activity_has_no_items(app, activity):
    assert stats.report_items(Period.custom(today() - 900 * DAY, today() - 800 * DAY)) == []


def test_ravabet_dashboard_metrics_per_department_and_type(app, period, activity, departments, make_user, login):
    news, council = departments
    viewer = make_user("viewer")
    with app.test_request_context():
        metrics = {m["key"]: m for m in stats.dashboard_metrics(period, viewer)}
    assert metrics[f"{news.id}.meetings_held"]["value"] == 6
    assert metrics[f"{news.id}.meetings_held.training"]["value"] == 2
    assert metrics[f"{news.id}.meetings_held.critique"]["value"] == 1
    assert metrics[f"{news.id}.resolutions"]["value"] == 4
    assert metrics[f"{news.id}.resolutions_done"]["value"] == 1
    assert metrics[f"{news.id}.resolutions_overdue"]["value"] == 2
    assert metrics[f"{news.id}.resolutions_overdue"]["lower_is_better"] is True
    assert metrics[f"{council.id}.meetings_held"]["value"] == 1  # the plugin's committee is not counted
    assert f"{council.id}.meetings_held.visit" not in metrics  # one type: no breakdown
    assert "(واحد خبر و اطلاع‌رسانی)" in metrics[f"{news.id}.meetings_held"]["title"]
    assert metrics[f"{news.id}.meetings_held"]["department_id"] == news.id
    # Each tile links to the list it counts, and that list shows exactly that many.
    client = login(viewer)
    tile = metrics[f"{news.id}.resolutions_overdue"]
    with app.test_request_context():
        from flask import url_for

        url = url_for(tile["endpoint"], **tile["url_args"])
    assert client.get(url).get_data(as_text=True).count('class="badge overdue"') == 2


def test_with_periods_each_figure_has_its_value_in_every_period(app, period, activity, make_user, count_queries):
    """The dashboard's one call for several periods gives what one call per period gives: None where
    that call has no such tile (a department without activity, a single meeting type)."""
    viewer = make_user("viewer")
    periods = [period, Period.custom(today() - 35 * DAY, today() - 25 * DAY),
               Period.custom(today() - 65 * DAY, today() - 55 * DAY),
               Period.custom(today() - 1000 * DAY, today() - 900 * DAY)]
    with app.test_request_context():
        one_by_one = [{m["key"]: m["value"] for m in stats.dashboard_metrics(p, viewer)} for p in periods]
        with count_queries() as statements:
            metrics = stats.dashboard_metrics(period, viewer, periods=periods)
    assert len(statements) == 2
    assert [m["key"] for m in metrics] == list(one_by_one[0])
    for metric in metrics:
        assert metric["values"] == [values.get(metric["key"]) for values in one_by_one], metric["key"]
        assert metric["value"] == metric["values"][0]
    earlier = [value for metric in metrics for value in metric["values"][1:]]
    assert None in earlier and any(earlier)  # both cases are covered


def test_staff_see_only_their_departments_figures(app, period, activity, departments, make_user):
    news, council = departments
    staff = make_user("staff", departments=[council])
    with app.test_request_context():
        keys = {m["key"] for m in stats.dashboard_metrics(period, staff)}
    assert keys and all(key.startswith(f"{council.id}.") for key in keys)
    assert "(" not in stats_titles(app, period, staff)  # one department: no department in the titles


def stats_titles(app, period, user):
    with app.test_request_context():
        return " ".join(str(m["title"]) for m in stats.dashboard_metrics(period, user))


def test_figures_take_a_fixed_number_of_queries(app, period, departments, count_queries, make_user):
    news, council = departments
    viewer = make_user("viewer")

    def measure():
        db.session.refresh(viewer)
        with app.test_request_context(), count_queries() as statements:
            stats.report_items(period)
            stats.dashboard_metrics(period, viewer)
        return len(statements)

    committee = make_committee(news)
    add_resolution(add_meeting(committee, day=today() - DAY))
    few = measure()
    for index in range(12):
        other = make_committee(council if index % 2 else news, name=f"کمیته {index}")
        for day in range(1, 6):
            add_resolution(add_meeting(other, day=today() - day * DAY, type="training" if day % 2 else "general"))
    assert measure() == few == 4


@pytest.mark.parametrize("path", ["/committees/", "/committees/meetings/", "/committees/resolutions/",
                                  "/committees/{id}/members/", "/committees/{id}/meetings/",
                                  "/committees/{id}/resolutions/", "/committees/{id}/", "/committees/{id}/meetings/new"])
def test_list_pages_take_a_fixed_number_of_queries(app, client, login, make_user, departments, count_queries,
                                                    path):
    news, _council = departments
    login(make_user("head", heads=[news]))
    committee = make_committee(news)

    def grow(count):
        for index in range(count):
            member = add_member(committee, make_person("عضو", f"شماره {index}"))
            meeting = add_meeting(committee, day=today() - (index + 1) * DAY, invited=[member], present=[member])
            add_resolution(meeting, due=today() - DAY)
            add_meeting(make_committee(news, name=f"کمیته {index}"), day=today() + (index + 1) * DAY,
                        status="planned")

    url = path.format(id=committee.id)
    grow(2)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    grow(15)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), "\n".join(many)


def test_ravabet_dashboard_charts_counts_meetings_held_per_month(app, activity, departments, make_user,
                                                                  count_queries):
    news, council = departments
    trend = Period.custom(today() - 120 * DAY, today())
    viewer, staff = make_user("viewer"), make_user("staff", departments=[council])
    db.session.refresh(viewer)
    with app.test_request_context(), count_queries() as statements:
        charts = stats.dashboard_charts(trend, viewer)
    assert len(statements) == 1
    (chart,) = charts
    assert [(jy, jm) for jy, jm, _count in chart["counts"]] == [(jy, jm) for jy, jm, *_ in trend.months()]
    assert sum(count for *_, count in chart["counts"]) == 7  # held, plain committees only
    with app.test_request_context():
        (own,) = stats.dashboard_charts(trend, staff)
        assert sum(count for *_, count in own["counts"]) == 1
        assert stats.dashboard_charts(Period.custom(today() - 900 * DAY, today() - 800 * DAY), viewer) == []
