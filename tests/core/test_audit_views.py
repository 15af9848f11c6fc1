"""The audit log page: admin only, filters by action, user, table, Jalali dates and text."""
import datetime
import re

from flask_login import login_user, logout_user
from sqlalchemy import select, update

from core.db import db
from core.jalali import TIMEZONE, parse_jalali_date
from core.models import AuditLog, Organization, Person
from core.testing import persian_text


def _at(jalali_day, hour=10):
    day = parse_jalali_date(jalali_day)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TIMEZONE)


def _set_time(entity, entity_id, when):
    db.session.execute(update(AuditLog).where(AuditLog.entity == entity, AuditLog.entity_id == str(entity_id))
                       .values(at=when))
    db.session.commit()


def _listed_ids(html):
    return {int(number) for number in re.findall(r'id="audit-([0-9]+)"', html)}


def _ids(**where):
    return set(db.session.scalars(select(AuditLog.id).filter_by(**where)))


def test_only_admins_see_the_audit_log(client, login, make_user, make_department):
    department = make_department()
    for role in ("staff", "head", "viewer"):
        user = make_user(role, departments=[department])
        assert login(user, test_client=client).get("/admin/audit/").status_code == 403
        client.post("/logout")
    assert login(make_user("admin")).get("/admin/audit/").status_code == 200


def test_filters_by_action_and_user(client, login, make_user):
    admin = make_user("admin")
    clerk = make_user("staff", full_name="مینا کارمند")
    login_user(clerk)
    person = Person(first_name="سارا", last_name="امینی")
    db.session.add(person)
    db.session.commit()
    person.soft_delete(clerk)
    db.session.commit()
    logout_user()
    login(admin)

    html = client.get("/admin/audit/?action=delete").get_data(as_text=True)
    assert _listed_ids(html) == _ids(action="delete") and len(_ids(action="delete")) == 1
    assert "انتقال به سطل بازیافت" in html and "سارا امینی" in html

    html = client.get(f"/admin/audit/?user={clerk.id}").get_data(as_text=True)
    assert _listed_ids(html) == _ids(user_id=clerk.id) == _ids(entity="people")
    html = client.get("/admin/audit/?user=system").get_data(as_text=True)
    assert _listed_ids(html) == _ids(user_id=None)
    assert _ids(user_id=None) and not _ids(user_id=None) & _ids(entity="people")


def test_filters_by_jalali_dates_and_text(client, login, make_user):
    admin = make_user("admin")
    old = Organization(name="فرمانداری اردکان", type="county")
    new = Organization(name="فرمانداری میبد", type="county")
    db.session.add_all([old, new])
    db.session.commit()
    _set_time("organizations", old.id, _at("1403/08/25"))
    _set_time("organizations", new.id, _at("1403/09/02", hour=23))
    login(admin)

    html = client.get("/admin/audit/?since=۱۴۰۳/۰۸/۲۰&until=1403/08/30").get_data(as_text=True)
    assert _listed_ids(html) == _ids(entity="organizations", entity_id=str(old.id))
    # the end date includes the whole day, Tehran time
    html = client.get("/admin/audit/?since=1403/09/02&until=1403/09/02").get_data(as_text=True)
    assert _listed_ids(html) == _ids(entity="organizations", entity_id=str(new.id))
    html = client.get("/admin/audit/?q=ميبد").get_data(as_text=True)  # Arabic yeh in the query
    assert _listed_ids(html) == _ids(entity="organizations", entity_id=str(new.id))
    html = client.get("/admin/audit/?entity=organizations").get_data(as_text=True)
    assert _listed_ids(html) == _ids(entity="organizations")


def test_a_bad_date_gets_a_persian_message_and_the_list_stays(client, login, make_user):
    admin = make_user("admin")
    login(admin)
    response = client.get("/admin/audit/?since=1402/12/30")
    assert response.status_code == 200
    text = persian_text(response.get_data(as_text=True))
    assert "۱۴۰۲/۱۲/۳۰ وجود ندارد" in text
    assert _listed_ids(response.get_data(as_text=True)) == set(db.session.scalars(select(AuditLog.id)))


def test_htmx_gets_only_the_results(client, login, make_user):
    login(make_user("admin"))
    html = client.get("/admin/audit/?action=create", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in html and 'id="audit-' in html and "audit-filters" not in html


def test_detail_shows_before_and_after_in_persian(client, login, make_user):
    admin = make_user("admin")
    org = Organization(name="اداره ارشاد", type="agency")
    db.session.add(org)
    db.session.commit()
    login_user(admin)
    person = Person(first_name="حسن", last_name="کریمی", mobile="09121234567", organization_id=org.id)
    db.session.add(person)
    db.session.commit()
    person.mobile = "09137654321"
    person.soft_delete(admin)
    db.session.commit()
    logout_user()
    entry = db.session.scalar(select(AuditLog).where(AuditLog.entity == "people", AuditLog.action == "delete"))
    create = db.session.scalar(select(AuditLog).where(AuditLog.entity == "people", AuditLog.action == "create"))
    login(admin)

    text = persian_text(client.get(f"/admin/audit/{entry.id}").get_data(as_text=True))
    assert "شخص" in text and "حسن کریمی" in text
    assert "تلفن همراه ۰۹۱۲۱۲۳۴۵۶۷ ۰۹۱۳۷۶۵۴۳۲۱" in text  # field, before, after
    assert "mobile" not in text and "deleted_at" not in text
    assert "زمان انتقال به سطل بازیافت — " in text and "+00:00" not in text  # a Jalali time, not ISO
    text = persian_text(client.get(f"/admin/audit/{create.id}").get_data(as_text=True))
    assert f"اداره ارشاد (#{org.id})".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in text
    assert client.get("/admin/audit/999999").status_code == 404
