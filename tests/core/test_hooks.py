"""Each hook of core/plugins/hookspecs.py exercised through the fixture plugin ``allhooks``."""
import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from core.db import db
from core.jalali import Period
from core.models import Organization

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"


@pytest.fixture(scope="module")
def hooks_app(app, make_app):
    return make_app(PLUGIN_PATHS=[str(FIXTURES)], PLUGINS_ONLY=["allhooks"])


@pytest.fixture
def staff_client(hooks_app, make_user, make_department, login, enable_module):
    department = make_department()
    enable_module("allhooks", department)
    client = hooks_app.test_client()
    login(make_user("staff", departments=[department]), test_client=client)
    return client


def test_ravabet_plugin_info(hooks_app):
    record = hooks_app.extensions["ravabet_plugins"].records["allhooks"]
    assert (record.title, record.icon, record.version, record.description) == (
        "همه قلاب‌ها", "★", "3.1", "افزونه آزمایشی")


def test_ravabet_blueprints_and_ravabet_template_helpers(staff_client, hooks_app):
    assert staff_client.get("/allhooks/").get_data(as_text=True) == "سلام!"
    assert hooks_app.jinja_env.globals["allhooks_answer"] == 42


def test_ravabet_migrations_dir(hooks_app):
    from core.setup import _plugin_version_locations

    class FakeConfig:
        def set_main_option(self, name, value):
            self.value = value

    with hooks_app.app_context():
        config = _plugin_version_locations(FakeConfig())
    assert str(FIXTURES / "allhooks" / "migrations" / "versions") in config.value.split(":")


def test_ravabet_permissions(hooks_app, staff_client, make_user, login):
    permission = hooks_app.extensions["ravabet_permissions"].permissions["allhooks.view"]
    assert permission.module == "allhooks" and permission.roles == ("staff", "viewer")
    head_client = hooks_app.test_client()
    login(make_user("head"), test_client=head_client)
    assert head_client.get("/allhooks/").status_code == 403  # heads do not get it by default


def test_ravabet_cli_commands(hooks_app):
    result = hooks_app.test_cli_runner().invoke(args=["allhooks"])
    assert result.exit_code == 0 and "allhooks says hello" in result.output


def test_ravabet_demo_data(hooks_app):
    from core.demo import seed

    with hooks_app.app_context():
        seed()
        assert db.session.scalar(select(Organization).where(Organization.name == "سازمان نمونه همه قلاب‌ها"))


def test_ravabet_nav_items_and_ravabet_dashboard_metrics(staff_client):
    html = staff_client.get("/?kind=month&y=1403&m=12&full=1").get_data(as_text=True)  # figures inline
    assert 'href="/allhooks/"' in html
    assert "روزهای دوره" in html and "۳۰" in html  # Esfand 1403 has 30 days


def test_ravabet_report_items_only_from_enabled_modules(hooks_app, staff_client, enable_module):
    period = Period.custom(datetime.date(2024, 3, 20), datetime.date(2024, 3, 21))
    with hooks_app.test_request_context():
        items = hooks_app.extensions["ravabet_plugins"].call_flat("ravabet_report_items", period=period)
    assert [(key, item["key"]) for key, item in items] == [("allhooks", "days")]
    enable_module("allhooks", enabled=False)
    with hooks_app.test_request_context():
        assert hooks_app.extensions["ravabet_plugins"].call_flat("ravabet_report_items", period=period) == []
