"""Discovery and isolation of plugins, with the deliberately broken plugins in tests/fixtures."""
import importlib.metadata
from pathlib import Path

import pytest

from core.plugins import manager

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"
FIXTURE_KEYS = ["broken_import", "misspelt", "unmarked", "boot_fail", "runtime_fail", "healthy"]


@pytest.fixture(scope="module")
def fixture_app(app, make_app):
    return make_app(PLUGIN_PATHS=[str(FIXTURES)], PLUGINS_ONLY=FIXTURE_KEYS)


@pytest.fixture
def admin_client(fixture_app, make_user, login):
    client = fixture_app.test_client()
    login(make_user("admin"), test_client=client)
    return client


def test_each_broken_plugin_is_failed_with_its_reason(fixture_app):
    records = fixture_app.extensions["ravabet_plugins"].records
    assert "ModuleNotFoundError" in records["broken_import"].error
    assert "ravabet_nav_itmes" in records["misspelt"].error
    assert "ravabet_nav_items is not a Ravabet hook" in records["unmarked"].error
    assert "permissions exploded" in records["boot_fail"].error
    assert records["runtime_fail"].loaded and records["healthy"].loaded
    # failed plugins are unregistered: none of their hooks can run
    names = {name for name, _plugin in fixture_app.extensions["ravabet_plugins"].pm.list_name_plugin()}
    assert not names & {"broken_import", "misspelt", "unmarked", "boot_fail"}
    assert "boot_fail" not in fixture_app.blueprints


def test_admin_modules_page_lists_failures_and_app_keeps_working(admin_client):
    page = admin_client.get("/admin/modules/").get_data(as_text=True)
    for key in ("broken_import", "misspelt", "unmarked", "boot_fail"):
        assert f'id="module-{key}" class="failed"' in page
    assert "this_module_does_not_exist" in page
    assert admin_client.get("/").status_code == 200


def test_a_raising_request_hook_is_skipped_and_logged(fixture_app, admin_client, enable_module, caplog):
    enable_module("runtime_fail")
    enable_module("healthy")
    response = admin_client.get("/?full=1")  # the home page with every module's figures inline
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "افزونه سالم" in html and "شمار سالم" in html  # the healthy plugin's nav item and metric
    logged = caplog.text
    assert "hook ravabet_dashboard_metrics of plugin runtime_fail failed" in logged
    assert "hook ravabet_nav_items of plugin runtime_fail failed" in logged
    # the last failure is kept for the admin modules page
    assert "nav exploded" in fixture_app.extensions["ravabet_plugins"].runtime_errors["runtime_fail"]
    assert admin_client.get("/runtime_fail/").status_code == 200


def test_disabled_module_answers_404_and_leaves_navigation(admin_client, enable_module):
    enable_module("healthy")
    assert admin_client.get("/healthy/").get_data(as_text=True) == "سالم"
    enable_module("healthy", enabled=False)
    assert admin_client.get("/healthy/").status_code == 404
    assert "افزونه سالم" not in admin_client.get("/").get_data(as_text=True)
    enable_module("healthy")
    assert admin_client.get("/healthy/").status_code == 200


def test_entry_point_plugins_are_discovered(app, make_app, monkeypatch, make_user, login, enable_module):
    entry = importlib.metadata.EntryPoint(
        name="epdemo", value="tests.fixtures.ep_plugin", group=manager.ENTRY_POINT_GROUP)
    monkeypatch.setattr(manager.importlib.metadata, "entry_points",
                        lambda group: [entry] if group == manager.ENTRY_POINT_GROUP else [])
    ep_app = make_app(PLUGINS_ONLY=["epdemo"])
    record = ep_app.extensions["ravabet_plugins"].records["epdemo"]
    assert record.loaded and record.source.startswith("entry point") and record.version == "2.0"
    client = ep_app.test_client()
    login(make_user("admin"), test_client=client)
    assert client.get("/epdemo/").status_code == 404  # installed but off until enabled
    enable_module("epdemo")
    assert client.get("/epdemo/").get_data(as_text=True) == "از نقطهٔ ورود"


def test_reserved_and_duplicate_keys_are_refused(app):
    registry = manager.PluginRegistry()
    record = registry._load("admin", "test", lambda: __import__("tests.fixtures.ep_plugin", fromlist=["x"]))
    assert not record.loaded and "reserved" in record.error
