"""Department heads turn their department's modules on and off at runtime; admins assign them."""
from pathlib import Path

import pytest

from core.db import db
from core.models import ModuleState

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"


@pytest.fixture(scope="module")
def modules_app(app, make_app):
    return make_app(PLUGIN_PATHS=[str(FIXTURES)], PLUGINS_ONLY=["healthy", "allhooks"])


@pytest.fixture
def news(make_department):
    return make_department(name="واحد خبر")


def _client(modules_app, login, user):
    client = modules_app.test_client()
    login(user, test_client=client)
    return client


def test_head_turns_own_module_off_and_on(modules_app, login, make_user, enable_module, news):
    enable_module("healthy", news)
    head = make_user("head", heads=[news])
    staff = make_user("staff", departments=[news])
    head_client, staff_client = _client(modules_app, login, head), _client(modules_app, login, staff)
    page = head_client.get("/modules/").get_data(as_text=True)
    assert "افزونه سالم" in page and "همه قلاب‌ها" not in page  # only the department's own modules
    assert staff_client.get("/healthy/").status_code == 200

    response = head_client.post("/modules/healthy/toggle")
    assert response.status_code == 303
    assert db.session.get(ModuleState, "healthy").enabled is False
    assert staff_client.get("/healthy/").status_code == 404  # every process reads the state per request
    assert "خاموش شد" in head_client.get("/modules/").get_data(as_text=True)

    head_client.post("/modules/healthy/toggle", headers={"HX-Request": "true"})
    assert staff_client.get("/healthy/").status_code == 200


def test_head_of_another_department_and_staff_cannot_toggle(modules_app, login, make_user, make_department,
                                                            enable_module, news):
    enable_module("healthy", news)
    other_head = make_user("head", heads=[make_department(name="کمیته رفاه")])
    staff = make_user("staff", departments=[news])
    assert _client(modules_app, login, other_head).post("/modules/healthy/toggle").status_code == 403
    assert _client(modules_app, login, staff).post("/modules/healthy/toggle").status_code == 403
    assert _client(modules_app, login, staff).get("/modules/").status_code == 403
    assert db.session.get(ModuleState, "healthy").enabled is True


def test_admin_assigns_a_module_to_a_department(modules_app, login, make_user, news):
    admin_client = _client(modules_app, login, make_user("admin"))
    page = admin_client.get("/admin/modules/").get_data(as_text=True)
    assert 'id="module-healthy"' in page and 'id="module-allhooks"' in page
    response = admin_client.post("/admin/modules/healthy/assign", data={"department_id": str(news.id)})
    assert response.status_code == 303
    state = db.session.get(ModuleState, "healthy")
    assert state.department_id == news.id and state.enabled is False  # assigned, still off
    head_client = _client(modules_app, login, make_user("head", heads=[news]))
    assert "افزونه سالم" in head_client.get("/modules/").get_data(as_text=True)

