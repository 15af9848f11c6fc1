"""The audit hook (core.audit): one row per create, update, delete, restore and purge, with the
acting user and the values before and after, many-to-many collections included."""
import json

from flask_login import login_user, logout_user
from sqlalchemy import select

from core.db import db
from core.models import AuditLog, Department, Organization, Person, User


def _rows(entity, entity_id=None):
    statement = select(AuditLog).where(AuditLog.entity == entity).order_by(AuditLog.id)
    if entity_id is not None:
        statement = statement.where(AuditLog.entity_id == str(entity_id))
    return db.session.scalars(statement).all()


def test_person_lifecycle_is_audited_with_the_acting_user(app, make_user):
    actor = make_user("staff")
    login_user(actor)
    person = Person(first_name="زهرا", last_name="احمدی", mobile="09121234567")
    db.session.add(person)
    db.session.commit()

    person.mobile = "09130000000"
    person.position = "کارشناس خبر"
    db.session.commit()
    person.soft_delete(actor)
    db.session.commit()
    hidden = db.session.scalar(select(Person).where(Person.id == person.id).execution_options(include_deleted=True))
    hidden.restore()
    db.session.commit()

    rows = _rows("people", person.id)
    assert [row.action for row in rows] == ["create", "update", "delete", "restore"]
    assert {row.user_id for row in rows} == {actor.id}
    create, update, delete, restore = rows
    assert create.summary == "زهرا احمدی"
    assert create.changes["after"]["first_name"] == "زهرا" and create.changes["after"]["mobile"] == "09121234567"
    assert "search_text" not in create.changes["after"] and "created_at" not in create.changes["after"]
    assert update.changes == {"before": {"mobile": "09121234567", "position": ""},
                              "after": {"mobile": "09130000000", "position": "کارشناس خبر"}}
    assert delete.changes["before"] == {"deleted_at": None} and delete.changes["after"]["deleted_at"]
    assert restore.changes["after"] == {"deleted_at": None} and restore.changes["before"]["deleted_at"]


def test_changes_without_a_logged_in_user_have_no_actor(app):
    logout_user()
    db.session.add(Organization(name="دانشگاه یزد", type="university"))
    db.session.commit()
    assert _rows("organizations")[-1].user_id is None


def test_purge_keeps_the_last_values(app, make_user):
    login_user(make_user("admin"))
    org = Organization(name="خبرگزاری ایرنا", type="press", city="یزد")
    db.session.add(org)
    db.session.commit()
    org_id = org.id
    db.session.delete(org)
    db.session.commit()
    purge = _rows("organizations", org_id)[-1]
    assert purge.action == "purge"
    assert purge.changes["before"]["name"] == "خبرگزاری ایرنا" and "after" not in purge.changes


def test_password_hash_never_reaches_the_audit_log(app, make_user):
    user = make_user("staff", username="reza")
    user.password_hash = "argon2-secret-hash-value"
    user.full_name = "رضا رضایی"
    db.session.commit()
    rows = _rows("users", user.id)
    assert [row.action for row in rows] == ["create", "update"]
    dumped = json.dumps([row.changes for row in rows], ensure_ascii=False)
    assert "password_hash" not in dumped and "argon2" not in dumped
    assert rows[1].changes["after"] == {"full_name": "رضا رضایی"}


def test_department_members_change_is_logged_on_the_department(app, make_user, make_department):
    department = make_department(name="خبر و اطلاع‌رسانی")
    first = make_user("staff", full_name="علی کاظمی")
    second = make_user("staff", full_name="مریم نیکو", departments=[department])
    db.session.expire_all()
    department = db.session.get(Department, department.id)

    department.members.append(db.session.get(User, first.id))
    db.session.commit()
    update = _rows("departments", department.id)[-1]
    assert update.action == "update"
    assert update.changes == {"before": {"members": ["مریم نیکو"]},
                              "after": {"members": ["علی کاظمی", "مریم نیکو"]}}
    # logged once, on the side that changed: the users' rows record nothing new
    assert [row.action for row in _rows("users", first.id)] == ["create"]

    department.members.remove(db.session.get(User, second.id))
    db.session.commit()
    assert _rows("departments", department.id)[-1].changes == {
        "before": {"members": ["علی کاظمی", "مریم نیکو"]}, "after": {"members": ["علی کاظمی"]}}


def test_user_departments_change_is_logged_on_the_user(app, make_user, make_department):
    news = make_department(name="خبر")
    welfare = make_department(name="رفاه")
    user = make_user("staff", departments=[news])
    assert _rows("users", user.id)[0].changes["after"]["departments"] == ["خبر"]

    user.departments = [welfare]
    user.role = "head"
    db.session.commit()
    update = _rows("users", user.id)[-1]
    assert update.changes == {"before": {"departments": ["خبر"], "role": "staff"},
                              "after": {"departments": ["رفاه"], "role": "head"}}
