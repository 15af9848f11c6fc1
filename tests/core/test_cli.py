"""The core's CLI commands: create-user, modules, seed-demo, db upgrade."""
from pathlib import Path

from sqlalchemy import func, select, text

from core.auth.passwords import verify_password
from core.db import db
from core.models import Department, ModuleState, Organization, Person, User

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"


def test_create_user_with_password_from_environment(app, monkeypatch):
    monkeypatch.setenv("RAVABET_PASSWORD", "a long password 1")
    result = app.test_cli_runner().invoke(args=["create-user", "boss", "--role", "admin"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.username == "boss"))
    assert user.role == "admin" and verify_password(user.password_hash, "a long password 1")
    again = app.test_cli_runner().invoke(args=["create-user", "boss", "--role", "admin"])
    assert again.exit_code != 0 and "already exists" in again.output


def test_create_user_prompts_for_password(app, monkeypatch):
    monkeypatch.delenv("RAVABET_PASSWORD", raising=False)
    result = app.test_cli_runner().invoke(args=["create-user", "typed"], input="typed secret 99\ntyped secret 99\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.role).where(User.username == "typed")) == "staff"


def test_modules_list_enable_disable(app, make_app, make_department):
    cli_app = make_app(PLUGIN_PATHS=[str(FIXTURES)], PLUGINS_ONLY=["healthy", "broken_import"])
    runner = cli_app.test_cli_runner()
    make_department(name="واحد خبر")
    with cli_app.app_context():  # the CLI uses the active app, and the test already runs inside one
        _check_module_commands(runner)


def _check_module_commands(runner):
    assert runner.invoke(args=["modules", "assign", "healthy", "واحد خبر"]).exit_code == 0
    assert runner.invoke(args=["modules", "enable", "healthy"]).exit_code == 0
    listing = runner.invoke(args=["modules", "list"]).output
    assert "healthy\tenabled\tواحد خبر" in listing and "broken_import\tfailed" in listing
    assert runner.invoke(args=["modules", "disable", "healthy"]).exit_code == 0
    assert db.session.get(ModuleState, "healthy").enabled is False
    unknown = runner.invoke(args=["modules", "enable", "nosuch"])
    assert unknown.exit_code != 0 and "no loaded module" in unknown.output


def test_seed_demo_refuses_real_data_unless_forced(app, make_user, monkeypatch):
    monkeypatch.setenv("RAVABET_PASSWORD", "demo password 12")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "failed plugins" not in first.output  # every plugin's demo data fits the database
    assert db.session.scalar(select(func.count()).select_from(Department)) == 5
    assert db.session.scalar(select(func.count()).select_from(Person)) > 100
    admin = db.session.scalar(select(User).where(User.username == "admin"))
    assert verify_password(admin.password_hash, "demo password 12")
    organizations = db.session.scalar(select(func.count()).select_from(Organization))
    refused = runner.invoke(args=["seed-demo"])
    assert refused.exit_code != 0 and "refusing" in refused.output
    skipped = runner.invoke(args=["seed-demo", "--if-empty"])
    assert skipped.exit_code == 0 and "not added" in skipped.output
    assert db.session.scalar(select(func.count()).select_from(Organization)) == organizations  # nothing added


def test_db_upgrade_defaults_to_every_head():
    from flask_migrate.cli import db as db_group

    upgrade = db_group.commands["upgrade"]
    assert next(p for p in upgrade.params if p.name == "revision").default == "heads"


def test_db_analyze_gives_the_planner_statistics(app):
    db.session.add_all([Person(first_name="علی", last_name=f"رضایی {n}") for n in range(30)])
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["db", "analyze"])
    assert result.exit_code == 0 and "statistics refreshed" in result.output
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'people'")).scalar() > 0
    else:
        assert db.session.execute(text(
            "SELECT count(*) FROM pg_stats WHERE tablename = 'people' AND schemaname = current_schema()")).scalar() > 0
