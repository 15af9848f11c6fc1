"""A plugin mounts the committee kit's pages for its own committees (``mount_committee_pages``),
adds meeting types (``ravabet_meeting_types``) and fields to its meetings (a MeetingForm subclass
whose values land in ``Meeting.extra``): the fixture plugin tests/fixtures/plugins/kitplugin."""
from pathlib import Path

import pytest
from sqlalchemy import select

from core.committees.models import Committee, Meeting
from core.committees.types import types_for
from core.db import db
from core.jalali import to_jalali_input, today
from core.testing import persian_text
from tests.core.committee_data import DAY, add_member, make_committee, make_person

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"


@pytest.fixture(scope="module")
def kit_app(app, make_app):
    return make_app(PLUGIN_PATHS=[str(FIXTURES)], PLUGINS_ONLY=["kitplugin", "badtypes"])


@pytest.fixture
def department(make_department):
    return make_department(name="دبیرخانه شورای هماهنگی روابط عمومی‌ها")


@pytest.fixture
def council_staff(kit_app, department, make_user, login, enable_module):
    enable_module("kitplugin", department)
    client = kit_app.test_client()
    login(make_user("staff", departments=[department]), test_client=client)
    return client


def test_ravabet_meeting_types_are_offered_to_the_plugins_committees(kit_app):
    with kit_app.app_context():
        own = {t.key for t in types_for("kitplugin")}
        plain = {t.key for t in types_for(None)}
    assert {"general", "training", "critique", "visit", "board", "county_trip", "press_tour"} <= own
    assert "press_tour" in plain and "county_trip" not in plain  # "kinds": "all" reaches plain committees


def test_a_meeting_type_with_a_taken_key_fails_its_plugin(kit_app):
    record = kit_app.extensions["ravabet_plugins"].records["badtypes"]
    assert not record.loaded and "'general'" in record.error
    assert kit_app.extensions["ravabet_plugins"].get("kitplugin") is not None


def test_the_plugin_creates_its_committee_and_records_a_meeting_with_extra_fields(council_staff, department):
    response = council_staff.post("/kitplugin/committees/new", data={
        "name": "کمیته آموزش شورا", "department_id": department.id, "active": "y"})
    assert response.status_code == 303
    committee = db.session.scalar(select(Committee))
    assert committee.kind == "kitplugin"
    member = add_member(committee, make_person())
    form = council_staff.get(f"/kitplugin/committees/{committee.id}/meetings/new").get_data(as_text=True)
    assert "سفر شهرستانی" in form and "مدرس" in form and "ساعت آموزش" in form
    response = council_staff.post(f"/kitplugin/committees/{committee.id}/meetings/new", data={
        "type": "county_trip", "date": to_jalali_input(today() - DAY), "status": "held",
        "instructor": "دكتر زهرا يزداني", "hours": "۶", "invited": [member.id], "present": [member.id]})
    assert response.status_code == 303
    meeting = db.session.scalar(select(Meeting))
    assert meeting.extra == {"instructor": "دکتر زهرا یزدانی", "hours": 6}
    page = persian_text(council_staff.get(f"/kitplugin/committees/{committee.id}/meetings/{meeting.id}")
                        .get_data(as_text=True))
    assert "سفر شهرستانی" in page and "مدرس دکتر زهرا یزدانی" in page and "ساعت آموزش ۶" in page
    edit = council_staff.get(f"/kitplugin/committees/{committee.id}/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert 'value="دکتر زهرا یزدانی"' in edit and 'value="۶"' in edit
    assert "کمیته آموزش شورا" in council_staff.get("/kitplugin/committees/").get_data(as_text=True)


def test_a_bad_extra_value_is_a_form_error(council_staff, department):
    committee = make_committee(department, name="کمیته آموزش شورا", kind="kitplugin")
    response = council_staff.post(f"/kitplugin/committees/{committee.id}/meetings/new", data={
        "type": "general", "date": to_jalali_input(today()), "status": "planned", "hours": "شش"})
    assert response.status_code == 422 and "عدد صحیح" in response.get_data(as_text=True)


def test_the_plugins_committees_stay_apart_from_plain_ones(kit_app, council_staff, department, enable_module):
    plain = make_committee(department, name="کارگروه رسانه‌ای اقتصاد مقاومتی")
    owned = make_committee(department, name="کمیته آموزش شورا", kind="kitplugin")
    assert council_staff.get(f"/kitplugin/committees/{plain.id}/").status_code == 404
    assert council_staff.get(f"/committees/{owned.id}/").status_code == 404
    listing = council_staff.get("/kitplugin/committees/").get_data(as_text=True)
    assert "کمیته آموزش شورا" in listing and "کارگروه رسانه‌ای" not in listing
    enable_module("kitplugin", enabled=False)
    assert council_staff.get(f"/kitplugin/committees/{owned.id}/").status_code == 404


def test_staff_of_another_department_are_refused_on_the_plugins_pages(kit_app, department, make_department,
                                                                      make_user, login, enable_module):
    enable_module("kitplugin", department)
    committee = make_committee(department, name="کمیته آموزش شورا", kind="kitplugin")
    outsider = kit_app.test_client()
    login(make_user("staff", departments=[make_department(name="واحد دیگر")]), test_client=outsider)
    assert outsider.get(f"/kitplugin/committees/{committee.id}/").status_code == 403
    assert outsider.get("/kitplugin/committees/").status_code == 403
