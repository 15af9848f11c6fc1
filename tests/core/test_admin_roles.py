"""Admin role permissions: the matrix stores only departures from the defaults, effective at once."""
from pathlib import Path

import pytest
from flask import g
from sqlalchemy import func, select

from core.db import db
from core.models import RolePermission
from core.permissions import permission_table
from core.testing import persian_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"
ROLES = ("head", "staff", "viewer")


@pytest.fixture(scope="module")
def plugin_app(app, make_app):
    return make_app(PLUGIN_PATHS=[str(FIXTURES)], PLUGINS_ONLY=["healthy"])


@pytest.fixture
def admin_client(login, make_user):
    return login(make_user("admin"))


def _matrix(grant=(), revoke=()):
    """The form as the page sends it: every box shown, the defaults ticked, then the changes."""
    keys = [f"{role}:{p.code}" for p in permission_table().permissions.values() for role in ROLES]
    ticked = {f"{role}:{p.code}" for p in permission_table().permissions.values() for role in p.roles
              if role in ROLES}
    return {"shown": keys, "grant": sorted((ticked | set(grant)) - set(revoke))}


def _can(app, user, code):
    with app.test_request_context():
        g.pop("role_grants", None)  # this context shares the test's g: read the rows afresh
        return user.can(code)


def _rows():
    return db.session.scalars(select(RolePermission).order_by(RolePermission.role)).all()


def test_revoking_and_regranting_a_default_permission(app, admin_client, make_user):
    staff, head = make_user("staff"), make_user("head")
    assert _can(app, staff, "directory.view")

    response = admin_client.post("/admin/roles/", data=_matrix(revoke=["staff:directory.view"]))
    assert response.status_code == 303
    assert [(r.role, r.permission, r.granted) for r in _rows()] == [("staff", "directory.view", False)]
    assert not _can(app, staff, "directory.view")
    assert _can(app, head, "directory.view")
    page = admin_client.get("/admin/roles/").get_data(as_text=True)
    assert 'value="staff:directory.view" checked' not in page and "تغییر یافته" in page

    admin_client.post("/admin/roles/", data=_matrix())
    assert _rows() == []
    assert _can(app, staff, "directory.view")


def test_granting_beyond_the_defaults(app, admin_client, make_user, login):
    viewer = make_user("viewer")
    viewer_client = login(viewer, test_client=app.test_client())
    assert viewer_client.get("/admin/users/").status_code == 403
    assert not _can(app, viewer, "directory.edit")
    admin_client.post("/admin/roles/", data=_matrix(grant=["viewer:directory.edit"]))
    assert [(r.role, r.permission, r.granted) for r in _rows()] == [("viewer", "directory.edit", True)]
    assert _can(app, viewer, "directory.edit")
    # a second change keeps the first row and the viewer may open the page it was just granted
    admin_client.post("/admin/roles/", data=_matrix(grant=["viewer:directory.edit", "viewer:users.manage"]))
    assert {(r.permission, r.granted) for r in _rows()} == {("directory.edit", True), ("users.manage", True)}
    assert viewer_client.get("/admin/users/").status_code == 200


def test_a_post_without_the_matrix_changes_nothing(admin_client):
    db.session.add(RolePermission(role="staff", permission="directory.edit", granted=False))
    db.session.commit()
    assert admin_client.post("/admin/roles/", data={}).status_code == 303
    assert [(r.role, r.permission, r.granted) for r in _rows()] == [("staff", "directory.edit", False)]


def test_matrix_groups_core_first_then_plugins_with_admin_fixed(plugin_app, login, make_user):
    client = login(make_user("admin"), test_client=plugin_app.test_client())
    html = client.get("/admin/roles/").get_data(as_text=True)
    text = persian_text(html)
    assert text.index("بخش‌های عمومی سامانه") < text.index("افزونه سالم")
    assert 'value="staff:healthy.view" checked' in html
    assert "همیشه" in text
    assert "رئیس واحد و کارشناس، دسترسی‌های هر ماژول را فقط در واحدی دارند" in text
    assert 'name="grant" value="admin:' not in html  # the admin column is not editable


@pytest.mark.parametrize("role", ["staff", "head", "viewer"])
def test_other_roles_get_403_on_the_matrix(login, make_user, make_department, role):
    department = make_department()
    client = login(make_user(role, departments=[department], heads=[department] if role == "head" else []))
    assert client.get("/admin/roles/").status_code == 403
    assert client.post("/admin/roles/", data=_matrix(grant=[f"{role}:users.manage"])).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(RolePermission)) == 0
