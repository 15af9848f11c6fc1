"""The trash: lists soft-deleted rows, restores them, purges them (admins only), and hides the
rows of modules that are off or belong to another department."""
from flask_login import login_user, logout_user
from sqlalchemy import select

from core.db import db
from core.models import AuditLog, Organization, Person
from core.testing import persian_text
from core.trash import module_key, trashable_models, visible_tables


def _trashed_organization(user, name="ستاد خبری استان"):
    login_user(user)
    org = Organization(name=name, type="agency")
    db.session.add(org)
    db.session.commit()
    org.soft_delete(user)
    db.session.commit()
    logout_user()
    return org.id


def _find(model, item_id):
    return db.session.scalar(select(model).where(model.id == item_id).execution_options(include_deleted=True))


def test_every_soft_delete_model_is_trashable(app):
    models = trashable_models()
    assert models["organizations"] is Organization and models["people"] is Person
    assert "users" not in models and "audit_log" not in models


def test_trash_lists_what_was_deleted_by_whom(client, login, make_user, make_department):
    deleter = make_user("staff", full_name="نرگس حذف‌کننده")
    org_id = _trashed_organization(deleter)
    db.session.add(Organization(name="سازمان زنده", type="ngo"))
    db.session.commit()
    login(make_user("head", heads=[make_department()]))

    html = client.get("/trash/").get_data(as_text=True)
    text = persian_text(html)
    assert "ستاد خبری استان" in text and "نرگس حذف‌کننده" in text and "سازمان" in text
    assert "سازمان زنده" not in text
    assert f'id="trash-organizations-{org_id}"' in html
    assert "/purge" not in html  # heads restore; only admins purge
    assert client.get("/trash/?type=people").get_data(as_text=True).count('<tr id="trash-') == 0


def test_staff_cannot_open_the_trash(client, login, make_user):
    assert login(make_user("staff")).get("/trash/").status_code == 403


def test_restore_brings_the_row_back(client, login, make_user, make_department):
    head = make_user("head", heads=[make_department()])
    org_id = _trashed_organization(head)
    login(head)
    response = client.post(f"/trash/organizations/{org_id}/restore")
    assert response.status_code == 303
    assert db.session.scalar(select(Organization).where(Organization.id == org_id)) is not None
    restore = db.session.scalars(select(AuditLog).where(AuditLog.entity == "organizations")
                                 .order_by(AuditLog.id.desc())).first()
    assert (restore.action, restore.user_id, restore.entity_id) == ("restore", head.id, str(org_id))
    # a row that is not in the trash cannot be restored again
    assert client.post(f"/trash/organizations/{org_id}/restore").status_code == 404
    assert client.post("/trash/no_such_table/1/restore").status_code == 404


def test_admin_purges_and_head_cannot(client, login, make_user, make_department):
    admin = make_user("admin")
    head = make_user("head", heads=[make_department()])
    org_id = _trashed_organization(admin)

    login(head)
    assert client.post(f"/trash/organizations/{org_id}/purge").status_code == 403
    assert _find(Organization, org_id) is not None
    client.post("/logout")

    login(admin)
    assert f"/trash/organizations/{org_id}/purge" in client.get("/trash/").get_data(as_text=True)
    response = client.post(f"/trash/organizations/{org_id}/purge", headers={"HX-Request": "true"})
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/trash/"
    assert _find(Organization, org_id) is None
    purge = db.session.scalar(select(AuditLog).where(AuditLog.entity == "organizations",
                                                     AuditLog.action == "purge"))
    assert purge.user_id == admin.id and purge.changes["before"]["name"] == "ستاد خبری استان"


def test_purging_a_live_row_is_refused(client, login, make_user):
    org = Organization(name="سازمان فعال", type="ngo")
    db.session.add(org)
    db.session.commit()
    login(make_user("admin"))
    assert client.post(f"/trash/organizations/{org.id}/purge").status_code == 404
    assert _find(Organization, org.id) is not None


def test_the_trash_paginates(client, login, make_user, app):
    admin = make_user("admin")
    for number in range(app.config["PAGE_SIZE"] + 2):
        _trashed_organization(admin, name=f"سازمان {number}")
    login(admin)
    first = client.get("/trash/").get_data(as_text=True)
    second = client.get("/trash/?page=2").get_data(as_text=True)
    assert first.count('<tr id="trash-') == app.config["PAGE_SIZE"]
    assert second.count('<tr id="trash-') == 2


def test_module_key_takes_the_longest_prefix():
    keys = {"council", "council_county", "news"}
    assert module_key("council_members", keys) == "council"
    assert module_key("council_county_visits", keys) == "council_county"
    assert module_key("news_items", keys) == "news"
    assert module_key("organizations", keys) is None
    assert module_key("newsletter", keys) is None


def test_rows_of_disabled_or_foreign_modules_are_hidden():
    tables = ["organizations", "people", "news_items", "welfare_requests", "council_members"]
    keys = {"news", "welfare", "council"}
    enabled = {"news", "council"}
    assert visible_tables(tables, keys, enabled, lambda key: True) == [
        "organizations", "people", "news_items", "council_members"]
    # a head of the news department: the core's rows and news only
    assert visible_tables(tables, keys, enabled, lambda key: key == "news") == [
        "organizations", "people", "news_items"]
