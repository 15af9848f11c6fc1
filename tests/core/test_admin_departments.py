"""Admin departments page: member counts, create and edit with head and members, modules, delete."""
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.db import db
from core.models import Department, ModuleState, department_members
from core.testing import persian_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"


@pytest.fixture(scope="module")
def modules_app(app, make_app):
    return make_app(PLUGIN_PATHS=[str(FIXTURES)], PLUGINS_ONLY=["healthy"])


@pytest.fixture
def admin_client(login, make_user):
    return login(make_user("admin"))


def test_create_department_with_head_and_members(admin_client, make_user):
    head = make_user("head", full_name="حسین فلاح‌زاده")
    staff1, staff2 = make_user("staff"), make_user("staff")
    page = admin_client.get("/admin/departments/new").get_data(as_text=True)
    assert "حسین فلاح‌زاده (رئیس واحد)" in page and 'type="checkbox"' in page

    response = admin_client.post("/admin/departments/new", data={
        "name": "دبيرخانه شوراي اطلاع‌رساني", "head_id": str(head.id),
        "members": [str(staff1.id), str(staff2.id)]})
    assert response.status_code == 303
    department = db.session.scalar(select(Department))
    assert department.name == "دبیرخانه شورای اطلاع‌رسانی"  # Arabic ي stored as Persian ی
    assert department.head == head
    assert {u.id for u in department.members} == {staff1.id, staff2.id}
    assert department.id in head.department_ids()  # the head acts in the department without membership

    row = persian_text(admin_client.get("/admin/departments/").get_data(as_text=True))
    assert "دبیرخانه شورای اطلاع‌رسانی حسین فلاح‌زاده ۲ ۰" in row  # name, head, members, modules


def test_edit_department_changes_name_head_and_members(admin_client, make_user, make_department):
    department = make_department(name="واحد خبر")
    old_head, new_head = make_user("head", heads=[department]), make_user("head")
    stays, leaves, joins = make_user("staff"), make_user("staff"), make_user("staff")
    department.members.extend([stays, leaves])
    db.session.commit()

    page = admin_client.get(f"/admin/departments/{department.id}/").get_data(as_text=True)
    assert re.search(f'<option selected value="{old_head.id}">', page)
    checked = set(re.findall(r'<input checked id="members-\d+" name="members" type="checkbox" value="(\d+)">', page))
    assert checked == {str(stays.id), str(leaves.id)}

    response = admin_client.post(f"/admin/departments/{department.id}/", data={
        "name": "واحد خبر و اطلاع‌رسانی", "head_id": str(new_head.id),
        "members": [str(stays.id), str(joins.id)]})
    assert response.status_code == 303
    assert department.name == "واحد خبر و اطلاع‌رسانی" and department.head == new_head
    assert {u.id for u in department.members} == {stays.id, joins.id}

    admin_client.post(f"/admin/departments/{department.id}/", data={"name": "واحد خبر", "head_id": "0"})
    assert department.head is None and department.members == []


def test_department_name_must_be_unique(admin_client, make_department):
    make_department(name="کمیته رفاه")
    other = make_department(name="واحد خبر")
    response = admin_client.post("/admin/departments/new", data={"name": "كميته رفاه", "head_id": "0"},
                                 headers={"HX-Request": "true"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "واحدی با این نام از قبل وجود دارد" in html and "<html" not in html
    response = admin_client.post(f"/admin/departments/{other.id}/", data={"name": "کمیته رفاه", "head_id": "0"})
    assert response.status_code == 422
    assert other.name == "واحد خبر"
    assert db.session.scalar(select(func.count()).select_from(Department)) == 2
    # keeping its own name is no clash
    assert admin_client.post(f"/admin/departments/{other.id}/", data={"name": "واحد خبر", "head_id": "0"}
                             ).status_code == 303


def test_department_page_lists_its_modules_and_delete_waits_for_them(
        modules_app, login, make_user, make_department, enable_module):
    client = login(make_user("admin"), test_client=modules_app.test_client())
    department = make_department(name="واحد خبر")
    member = make_user("staff", departments=[department])
    enable_module("healthy", department)

    page = persian_text(client.get(f"/admin/departments/{department.id}/").get_data(as_text=True))
    assert "افزونه سالم روشن" in page
    response = client.post(f"/admin/departments/{department.id}/delete", follow_redirects=True)
    assert "هنوز ماژول‌هایی به واحد خبر تخصیص داده شده است" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Department)) == 1

    client.post("/admin/modules/healthy/assign", data={"department_id": ""})
    assert client.post(f"/admin/departments/{department.id}/delete").status_code == 303
    db.session.expire_all()  # the other app's requests ran in their own session
    assert db.session.scalar(select(func.count()).select_from(Department)) == 0
    assert member.departments == []
    assert db.session.scalar(select(func.count()).select_from(department_members)) == 0
    assert db.session.get(ModuleState, "healthy").enabled  # the module itself is untouched


@pytest.mark.parametrize("role", ["staff", "head", "viewer"])
def test_other_roles_get_403_on_every_department_page_and_action(login, make_user, make_department, role):
    department = make_department(name="واحد خبر")
    client = login(make_user(role, departments=[department], heads=[department] if role == "head" else []))
    base = f"/admin/departments/{department.id}"
    for url in ("/admin/departments/", "/admin/departments/new", base + "/"):
        assert client.get(url).status_code == 403, url
    for url in ("/admin/departments/new", base + "/", base + "/delete"):
        assert client.post(url, data={"name": "تازه", "head_id": "0"}).status_code == 403, url
    assert db.session.scalars(select(Department.name)).all() == ["واحد خبر"]
