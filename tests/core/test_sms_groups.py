"""SMS groups and the opt-out list, and who may do what on the SMS pages: viewers read, staff send,
department heads also manage groups and the opt-out list."""
import pytest
from sqlalchemy import select

from core.db import db
from core.models import Person
from core.sms.models import SmsGroup, SmsGroupMember, SmsOptOut
from core.testing import persian_text


@pytest.fixture
def clients(make_user, make_department, login, app):
    department = make_department()
    users = {"viewer": make_user("viewer"), "staff": make_user("staff", departments=[department]),
             "head": make_user("head", heads=[department])}
    clients = {}
    for role, user in users.items():
        clients[role] = login(user, test_client=app.test_client())
    return clients


@pytest.fixture
def group(app):
    group = SmsGroup(name="خبرنگاران", description="خبرنگاران رسانه‌های استان")
    db.session.add(group)
    db.session.commit()
    return group


@pytest.mark.parametrize("role, method, url, allowed", [
    ("viewer", "get", "/sms/", True),
    ("viewer", "get", "/sms/groups/", True),
    ("viewer", "get", "/sms/opt-outs/", True),
    ("viewer", "get", "/sms/send", False),
    ("staff", "get", "/sms/send", True),
    ("staff", "get", "/sms/groups/new", False),
    ("staff", "post", "/sms/opt-outs/add", False),
    ("head", "get", "/sms/groups/new", True),
])
def test_permissions(clients, role, method, url, allowed):
    status = getattr(clients[role], method)(url).status_code
    assert (status != 403) == allowed, status


def test_navigation_shows_sms_to_viewers_and_the_send_tab_only_to_senders(clients):
    viewer = clients["viewer"].get("/sms/").get_data(as_text=True)
    assert 'href="/sms/"' in viewer and 'href="/sms/send"' not in viewer
    assert 'href="/sms/send"' in clients["staff"].get("/sms/").get_data(as_text=True)


def test_head_makes_a_group_and_adds_people_and_numbers(clients):
    head = clients["head"]
    people = [Person(first_name="مریم", last_name="احمدی", mobile="09121111111"),
              Person(first_name="رضا", last_name="زارع")]
    db.session.add_all(people)
    db.session.commit()
    response = head.post("/sms/groups/new", data={"name": "مديران روابط عمومي", "description": ""})
    group = db.session.scalars(select(SmsGroup)).one()
    assert group.name == "مدیران روابط عمومی"
    assert response.headers["Location"].endswith(f"/sms/groups/{group.id}")

    search = head.post(f"/sms/groups/{group.id}/people", data={"action": "search", "person_query": "احمدی"})
    assert f'name="person_ids" value="{people[0].id}"' in search.get_data(as_text=True)
    response = head.post(f"/sms/groups/{group.id}/people", data={"action": "add",
                                                                "person_ids": [str(p.id) for p in people]},
                         follow_redirects=True)
    text = persian_text(response.get_data(as_text=True))
    assert "۲ نفر به گروه افزوده شدند." in text and "۱ نفر از آن‌ها هنوز شمارهٔ همراهی" in text

    response = head.post(f"/sms/groups/{group.id}/numbers",
                         data={"numbers": "09351234567 دبیر سرویس\nعلی کریمی، ۰۹۳۶۱۲۳۴۵۶۷\n09351234567"},
                         follow_redirects=True)
    assert "۲ شماره به گروه افزوده شد." in persian_text(response.get_data(as_text=True))
    members = db.session.scalars(select(SmsGroupMember).where(SmsGroupMember.mobile.is_not(None))
                                 .order_by(SmsGroupMember.mobile)).all()
    assert [(m.mobile, m.name) for m in members] == [("09351234567", "دبیر سرویس"), ("09361234567", "علی کریمی")]
    page = persian_text(head.get(f"/sms/groups/{group.id}").get_data(as_text=True))
    assert "۴ عضو" in page and "(شمارهٔ افزوده)" in page


def test_numbers_with_a_bad_line_add_nothing_and_keep_the_text(clients, group):
    response = clients["head"].post(f"/sms/groups/{group.id}/numbers", data={"numbers": "09351234567\n۰۲۱۵۵۵"},
                                    headers={"HX-Request": "true", "HX-Target": "numbers-form"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert html.lstrip().startswith('<form method="post"') and 'id="numbers-form"' in html
    assert "این سطرها شمارهٔ همراه معتبری ندارند" in persian_text(html) and "۰۲۱۵۵۵" in html
    assert "09351234567\n۰۲۱۵۵۵</textarea>" in html
    assert db.session.scalars(select(SmsGroupMember)).all() == []


def test_removing_a_member_and_trashing_a_group(clients, group):
    member = SmsGroupMember(group_id=group.id, mobile="09351234567", name="دبیر")
    db.session.add(member)
    db.session.commit()
    head = clients["head"]
    assert head.post(f"/sms/groups/{group.id}/members/{member.id}/remove").status_code == 303
    assert db.session.get(SmsGroupMember, member.id) is None
    assert head.post(f"/sms/groups/{group.id}/members/999999/remove").status_code == 404
    listing = head.post(f"/sms/groups/{group.id}/delete", follow_redirects=True).get_data(as_text=True)
    assert "به سطل بازیافت رفت" in persian_text(listing) and f'href="/sms/groups/{group.id}"' not in listing
    assert db.session.get(SmsGroup, group.id).deleted_at is not None
    assert head.get(f"/sms/groups/{group.id}").status_code == 404


def test_send_page_offers_groups_with_their_member_counts_and_prefills_one(clients, group):
    db.session.add(SmsGroupMember(group_id=group.id, mobile="09351234567"))
    db.session.commit()
    html = clients["staff"].get("/sms/send", query_string={"group": group.id}).get_data(as_text=True)
    assert f'name="group_ids" value="{group.id}" checked' in html
    assert "(۱ عضو)" in persian_text(html)


def test_opt_out_list_adds_refuses_bad_and_repeated_numbers_and_removes(clients):
    head = clients["head"]
    response = head.post("/sms/opt-outs/add", data={"mobile": "+98 913 123 4567", "reason": "درخواست تلفنی"})
    assert response.status_code == 303
    optout = db.session.scalars(select(SmsOptOut)).one()
    assert (optout.mobile, optout.reason) == ("09131234567", "درخواست تلفنی")
    again = head.post("/sms/opt-outs/add", data={"mobile": "۰۹۱۳۱۲۳۴۵۶۷"})
    assert again.status_code == 422
    assert "۰۹۱۳۱۲۳۴۵۶۷ از پیش در فهرست انصراف است." in persian_text(again.get_data(as_text=True))
    bad = head.post("/sms/opt-outs/add", data={"mobile": "12345"}, headers={"HX-Request": "true"})
    assert bad.status_code == 422 and 'id="optout-form"' in bad.get_data(as_text=True)
    assert "12345" in bad.get_data(as_text=True)
    listing = persian_text(clients["viewer"].get("/sms/opt-outs/").get_data(as_text=True))
    assert "۰۹۱۳۱۲۳۴۵۶۷" in listing and "درخواست تلفنی" in listing and "افزودن به فهرست" not in listing
    head.post(f"/sms/opt-outs/{optout.id}/remove")
    assert db.session.scalars(select(SmsOptOut)).all() == []
