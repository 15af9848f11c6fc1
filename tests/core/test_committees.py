"""The committee kit's pages: a plain committee an admin creates works at once; members with
terms and letters; meetings with agenda and attendance; resolutions; overdue resolutions flagged
and carried over to the next agenda; department-bound permissions."""
import re

import pytest
from sqlalchemy import func, select

from core.committees.models import AgendaItem, Attendance, Committee, CommitteeMember, Meeting, Resolution
from core.db import db
from core.jalali import to_jalali_input, today
from core.models import AuditLog
from core.testing import persian_text
from tests.core.committee_data import (
    DAY,
    add_meeting,
    add_member,
    add_resolution,
    make_committee,
    make_organization,
    make_person,
)


def jalali(day):
    return to_jalali_input(day)


def checkboxes(html, name):
    """``{value: checked}`` of the checkboxes named ``name`` in a page."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' in tag:
            found[int(re.search(r'value="([^"]*)"', tag).group(1))] = " checked" in tag
    return found


@pytest.fixture
def department(make_department):
    return make_department(name="واحد خبر و اطلاع‌رسانی")


@pytest.fixture
def other_department(make_department):
    return make_department(name="کمیته رفاه کارکنان")


@pytest.fixture
def committee(department):
    return make_committee(department)


@pytest.fixture
def staff(make_user, login, department):
    return login(make_user("staff", departments=[department]))


@pytest.fixture
def people():
    organization = make_organization()
    return [make_person(first, last, organization) for first, last in
            (("نفیسه", "عسکری"), ("مهدی", "حاتمی"), ("مریم", "ابراهیمی"), ("مرتضی", "سلطانی"))]


def test_an_admin_creates_a_plain_committee_and_its_pages_work_at_once(make_user, login, department, people,
                                                                     client):
    admin = login(make_user("admin"))
    response = admin.post("/committees/new", data={
        "name": "كميسيون رسانه‌ای شورای تامين استان", "department_id": department.id,
        "description": "هماهنگی اطلاع‌رسانی", "active": "y"})
    assert response.status_code == 303
    committee = db.session.scalar(select(Committee))
    assert committee.name == "کمیسیون رسانه‌ای شورای تامین استان"  # Arabic ي/ك stored as Persian
    assert committee.kind is None and committee.department_id == department.id
    assert db.session.scalar(select(AuditLog).where(AuditLog.entity == "committees")).action == "create"

    client.post("/logout")
    head = login(make_user("head", heads=[department]))
    base = f"/committees/{committee.id}"
    for path in ("/", "/members/", "/meetings/", "/resolutions/", "/members/new", "/meetings/new"):
        assert head.get(base + path).status_code == 200, path
    response = head.post(base + "/members/new", data={
        "person_id": people[0].id, "role": "chair", "term_start": "۱۴۰۳/۰۱/۰۱", "term_end": "",
        "letter_number": "۱۲۳۴/ص", "letter_date": "1402/12/20"})
    assert response.status_code == 303
    member = db.session.scalar(select(CommitteeMember))
    assert (member.role, member.letter_number, to_jalali_input(member.term_start)) == ("chair", "۱۲۳۴/ص",
                                                                                       "۱۴۰۳/۰۱/۰۱")
    response = head.post(base + "/meetings/new", data={
        "type": "general", "title": "جلسه نخست", "date": jalali(today() - DAY), "start_time": "۱۰:۳۰",
        "place": "سالن جلسات استانداری", "status": "held", "agenda": "معرفی اعضا\nتعیین دبیر",
        "invited": [member.id], "present": [member.id], "guests": "نماینده صدا و سیما", "minutes": "آغاز شد."})
    assert response.status_code == 303, persian_text(response.get_data(as_text=True))[:500]
    meeting = db.session.scalar(select(Meeting))
    assert meeting.start_time.strftime("%H:%M") == "10:30"
    assert [item.text for item in meeting.agenda_items] == ["معرفی اعضا", "تعیین دبیر"]
    response = head.post(f"{base}/meetings/{meeting.id}/resolutions/new", data={
        "text": "ارسال گزارش به استاندار", "responsible_person_id": people[0].id, "responsible_organization_id": "",
        "due_date": jalali(today() + 10 * DAY), "status": "open", "evidence": ""})
    assert response.status_code == 303
    assert db.session.scalar(select(Resolution)).number == 1
    html = persian_text(head.get(f"{base}/").get_data(as_text=True))
    assert "کمیسیون رسانه‌ای شورای تامین استان" in html and "نفیسه عسکری" in html


def test_the_committee_list_shows_counts_and_only_plain_committees(staff, committee, department, people):
    make_committee(department, name="کمیته شورای هماهنگی", kind="council")
    member = add_member(committee, people[0])
    add_member(committee, people[1], end=today() - 30 * DAY)  # a past member
    meeting = add_meeting(committee, present=[member], invited=[member])
    add_resolution(meeting, due=today() - 3 * DAY)
    add_resolution(meeting, due=today() - 3 * DAY, status="done", number=2)
    html = staff.get("/committees/").get_data(as_text=True)
    assert "کارگروه رسانه‌ای اقتصاد مقاومتی" in html and "کمیته شورای هماهنگی" not in html
    row = persian_text(html.split('id="committees-table"')[1])
    assert "۱ معوق" in row  # one overdue of the two
    fragment = staff.get("/committees/", query_string={"q": "شورا"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True)
    assert "کمیته‌ای با این جستجو یافت نشد" in fragment.get_data(as_text=True)


def test_members_current_and_past(staff, committee, people):
    add_member(committee, people[0], role="chair")
    add_member(committee, people[1], end=today() - DAY)
    current = persian_text(staff.get(f"/committees/{committee.id}/members/").get_data(as_text=True))
    past = persian_text(staff.get(f"/committees/{committee.id}/members/?show=past").get_data(as_text=True))
    assert "نفیسه عسکری" in current and "مهدی حاتمی" not in current and "رئیس" in current
    assert "مهدی حاتمی" in past and "نفیسه عسکری" not in past
    assert "اعضای فعلی (۱)" in current and "اعضای پیشین (۱)" in current


def test_a_member_term_must_not_end_before_it_starts_nor_overlap(staff, committee, people):
    add_member(committee, people[0])
    url = f"/committees/{committee.id}/members/new"
    response = staff.post(url, data={"person_id": people[1].id, "role": "member", "term_start": "۱۴۰۳/۰۵/۰۱",
                                     "term_end": "۱۴۰۳/۰۱/۰۱"})
    assert response.status_code == 422 and "پایان دوره نمی‌تواند پیش از آغاز" in response.get_data(as_text=True)
    response = staff.post(url, data={"person_id": people[0].id, "role": "member", "term_start": "",
                                     "term_end": ""})
    assert response.status_code == 422 and "در این دوره عضو کمیته است" in response.get_data(as_text=True)
    response = staff.post(url, data={"person_id": people[1].id, "role": "member", "term_start": "۱۴۰۲/۱۲/۳۰"})
    assert response.status_code == 422 and "۲۹ روز" in response.get_data(as_text=True)  # 1402 Esfand has 29 days
    assert db.session.scalar(select(func.count(CommitteeMember.id))) == 1


def test_attendance_counts(staff, committee, people):
    members = [add_member(committee, person) for person in people]
    meeting = add_meeting(committee, invited=members[:3], present=members[:2] + [members[3]],
                          guests="نماینده صدا و سیما\nمدیر خانه مطبوعات\n")
    assert meeting.guest_names == ["نماینده صدا و سیما", "مدیر خانه مطبوعات"]
    html = persian_text(staff.get(f"/committees/{committee.id}/meetings/{meeting.id}").get_data(as_text=True))
    assert "۳ نفر از ۳ عضو دعوت‌شده حاضر بودند" in html  # two invited plus one who came uninvited
    assert "مریم ابراهیمی" in html.split("غایبان")[1]  # invited, not present
    assert "مهمانان (۲ نفر)" in html
    listing = persian_text(staff.get(f"/committees/{committee.id}/meetings/").get_data(as_text=True))
    assert "۳ از ۳" in listing


def test_saving_attendance_from_the_form(staff, committee, people):
    members = [add_member(committee, person) for person in people[:3]]
    meeting = add_meeting(committee, invited=members)
    response = staff.post(f"/committees/{committee.id}/meetings/{meeting.id}/edit", data={
        "type": "general", "date": jalali(meeting.date), "status": "held",
        "invited": [m.id for m in members], "present": [members[0].id, members[2].id]})
    assert response.status_code == 303
    rows = {row.member_id: (row.invited, row.present) for row in db.session.scalars(select(Attendance))}
    assert rows == {members[0].id: (True, True), members[1].id: (True, False), members[2].id: (True, True)}


def test_a_meeting_in_the_future_cannot_be_held(staff, committee):
    response = staff.post(f"/committees/{committee.id}/meetings/new", data={
        "type": "general", "date": jalali(today() + 5 * DAY), "status": "held"})
    assert response.status_code == 422
    assert "تاریخ آن نرسیده" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Meeting.id))) == 0


def test_an_overdue_resolution_is_flagged_everywhere(staff, committee):
    meeting = add_meeting(committee, day=today() - 40 * DAY)
    overdue = add_resolution(meeting, text="تهیه فهرست سخنگویان دستگاه‌ها", due=today() - DAY)
    add_resolution(meeting, text="انتشار اطلاعیه مشترک", due=today() - DAY, status="done", number=2)
    add_resolution(meeting, text="ارسال گزارش پیشرفت", due=today(), number=3)  # due today: not late yet
    assert overdue.is_overdue
    assert db.session.scalars(select(Resolution.text).where(Resolution.is_overdue)).all() == [overdue.text]
    pages = {
        "overview": f"/committees/{committee.id}/",
        "meeting": f"/committees/{committee.id}/meetings/{meeting.id}",
        "list": f"/committees/{committee.id}/resolutions/",
        "all": "/committees/resolutions/",
    }
    for name, url in pages.items():
        html = staff.get(url).get_data(as_text=True)
        assert html.count('class="badge overdue"') == 1, name
    filtered = persian_text(staff.get(pages["all"], query_string={"status": "overdue"}).get_data(as_text=True))
    assert "تهیه فهرست سخنگویان" in filtered and "انتشار اطلاعیه مشترک" not in filtered


def test_overdue_resolutions_are_offered_and_carried_over_to_the_next_agenda(staff, committee, people):
    member = add_member(committee, people[0], role="secretary")
    earlier = add_meeting(committee, day=today() - 60 * DAY)
    overdue = add_resolution(earlier, text="تهیه فهرست سخنگویان دستگاه‌ها", due=today() - 5 * DAY, number=4)
    add_resolution(earlier, text="انتشار اطلاعیه مشترک", due=today() + 5 * DAY, number=5)  # not due yet
    url = f"/committees/{committee.id}/meetings/new"
    html = staff.get(url).get_data(as_text=True)
    form = persian_text(html)
    assert "مصوبات معوق برای پیگیری" in form and "تهیه فهرست سخنگویان" in form
    assert "انتشار اطلاعیه مشترک" not in form
    assert checkboxes(html, "carry_over") == {overdue.id: True}
    assert checkboxes(html, "invited") == {member.id: True}

    response = staff.post(url, data={"type": "general", "date": jalali(today() + 7 * DAY), "status": "planned",
                                     "agenda": "گزارش دبیر", "carry_over": [overdue.id], "invited": [member.id]})
    assert response.status_code == 303
    meeting = db.session.scalar(select(Meeting).where(Meeting.id != earlier.id))
    items = db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                               .order_by(AgendaItem.position)).all()
    assert [(item.position, item.resolution_id) for item in items] == [(1, overdue.id), (2, None)]
    assert items[0].text.startswith("پیگیری مصوبه ۴ جلسه") and "تهیه فهرست سخنگویان" in items[0].text

    # Editing keeps the link; unticking removes the item and nothing else.
    edit = f"/committees/{committee.id}/meetings/{meeting.id}/edit"
    assert checkboxes(staff.get(edit).get_data(as_text=True), "carry_over") == {overdue.id: True}
    staff.post(edit, data={"type": "general", "date": jalali(meeting.date), "status": "planned",
                           "agenda": "گزارش دبیر\nبرنامه هفته دولت", "invited": [member.id]})
    items = db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                               .order_by(AgendaItem.position)).all()
    assert [(item.text, item.resolution_id) for item in items] == [("گزارش دبیر", None), ("برنامه هفته دولت", None)]


def test_resolution_status_done_records_the_day_and_evidence(staff, committee):
    meeting = add_meeting(committee)
    resolution = add_resolution(meeting, due=today() - DAY)
    response = staff.post(f"/committees/{committee.id}/resolutions/{resolution.id}/edit", data={
        "text": resolution.text, "due_date": jalali(resolution.due_date), "status": "done",
        "evidence": "نامه شماره ۱۲۳ به استانداری", "responsible_person_id": "", "responsible_organization_id": ""})
    assert response.status_code == 303
    db.session.refresh(resolution)
    assert resolution.done_on == today() and not resolution.is_overdue
    assert resolution.evidence == "نامه شماره ۱۲۳ به استانداری"


def test_staff_of_another_department_are_refused(make_user, login, committee, other_department, people, client):
    member = add_member(committee, people[0])
    meeting = add_meeting(committee, present=[member], invited=[member])
    resolution = add_resolution(meeting)
    outsider = login(make_user("staff", departments=[other_department]))
    base = f"/committees/{committee.id}"
    for url in (f"{base}/", f"{base}/members/", f"{base}/meetings/{meeting.id}", f"{base}/meetings/new",
                f"{base}/members/{member.id}/edit", f"{base}/resolutions/{resolution.id}/edit",
                f"{base}/meetings/{meeting.id}/minutes.pdf"):
        assert outsider.get(url).status_code == 403, url
    assert outsider.post(f"{base}/meetings/{meeting.id}/edit", data={"type": "general"}).status_code == 403
    assert outsider.post(f"{base}/resolutions/{resolution.id}/delete").status_code == 403
    assert "کارگروه رسانه‌ای" not in outsider.get("/committees/").get_data(as_text=True)
    assert db.session.get(Resolution, resolution.id).deleted_at is None


def test_viewers_read_everything_and_change_nothing(make_user, login, committee):
    meeting = add_meeting(committee)
    viewer = login(make_user("viewer"))
    base = f"/committees/{committee.id}"
    assert viewer.get(f"{base}/").status_code == 200
    assert viewer.get(f"{base}/meetings/{meeting.id}").status_code == 200
    assert viewer.get(f"{base}/meetings/new").status_code == 403
    assert viewer.post(f"{base}/meetings/{meeting.id}/delete").status_code == 403
    assert "برنامه‌ریزی جلسه" not in viewer.get(f"{base}/").get_data(as_text=True)


def test_only_admins_create_and_delete_committees(staff, make_user, login, committee, department):
    assert staff.get("/committees/new").status_code == 403
    assert staff.post(f"/committees/{committee.id}/delete").status_code == 403
    # Staff may edit their committee's name but not move it to another department.
    form = staff.get(f"/committees/{committee.id}/edit").get_data(as_text=True)
    assert 'name="department_id"' not in form
    response = staff.post(f"/committees/{committee.id}/edit", data={"name": "کارگروه تازه", "active": "y"})
    assert response.status_code == 303 and db.session.get(Committee, committee.id).name == "کارگروه تازه"


def test_deleting_goes_to_the_trash_and_hides_children(make_user, login, committee):
    meeting = add_meeting(committee)
    add_resolution(meeting)
    admin = login(make_user("admin"))
    assert admin.post(f"/committees/{committee.id}/meetings/{meeting.id}/delete").status_code == 303
    assert "تهیه گزارش تصویری" not in admin.get("/committees/resolutions/").get_data(as_text=True)
    assert admin.post(f"/committees/{committee.id}/delete").status_code == 303
    assert admin.get(f"/committees/{committee.id}/").status_code == 404
    assert db.session.scalar(select(Committee).execution_options(include_deleted=True)).is_deleted


def test_a_committee_of_another_kind_is_not_found_here(staff, department):
    owned = make_committee(department, name="هیات رئیسه شورا", kind="council")
    assert staff.get(f"/committees/{owned.id}/").status_code == 404


def test_meeting_lists_filter_by_type_status_and_dates(staff, committee):
    add_meeting(committee, day=today() - 100 * DAY, type="training", title="کارگاه عکاسی خبری")
    add_meeting(committee, day=today() - 10 * DAY, type="general", title="جمع‌بندی عملکرد")
    add_meeting(committee, day=today() + 10 * DAY, status="planned", title="برنامه هفته دولت")
    def titles(**args):
        html = staff.get("/committees/meetings/", query_string=args).get_data(as_text=True)
        return {t for t in ("کارگاه عکاسی خبری", "جمع‌بندی عملکرد", "برنامه هفته دولت") if t in html}
    assert titles(type="training") == {"کارگاه عکاسی خبری"}
    assert titles(status="planned") == {"برنامه هفته دولت"}
    assert titles(start=jalali(today() - 20 * DAY), end=jalali(today())) == {"جمع‌بندی عملکرد"}
    html = staff.get("/committees/meetings/", query_string={"start": "۱۴۰۲/۱۲/۳۰"}).get_data(as_text=True)
    assert "۲۹ روز" in html and len(titles()) == 3  # a bad date is shown and not applied
