"""``flask plugin new`` makes a working plugin: its own tests pass unchanged (its Persian catalog
complete among them), its migration leaves ``flask db check`` clean, bad or taken keys are refused."""
import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.scaffold import core_head

KEY = "scaffoldcheck"
TITLE = "کمیسیون آزمایشی"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def scaffolded(app, tmp_path_factory):
    """The plugin generated through the real command into a temporary folder."""
    root = tmp_path_factory.mktemp("scaffold")
    result = app.test_cli_runner().invoke(args=[
        "plugin", "new", KEY, "--title", TITLE,
        "--dest", str(root / "plugin_path"), "--tests-dest", str(root / "plugin_tests")])
    assert result.exit_code == 0, result.output
    return root


def _run(command, root, **env):
    """Run a command in a fresh process on its own SQLite database, never the suite's database."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(RAVABET_PLUGIN_PATHS=str(root / "plugin_path"),
                       RAVABET_INSTANCE_DIR=str(root / "instance"), FLASK_APP="app", **env)
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, timeout=300)


def test_the_generated_plugin_has_every_part(scaffolded):
    plugin = scaffolded / "plugin_path" / KEY
    for part in ("__init__.py", "models.py", "forms.py", "views.py", "babel.cfg",
                 f"templates/{KEY}/list.html", f"templates/{KEY}/form.html",
                 "translations/fa/LC_MESSAGES/messages.po", "translations/fa/LC_MESSAGES/messages.mo"):
        assert (plugin / part).is_file(), part
    (revision,) = (plugin / "migrations" / "versions").glob(f"*_{KEY}_initial.py")
    text = revision.read_text(encoding="utf-8")
    assert f"branch_labels = ('{KEY}',)" in text and "down_revision = None" in text
    assert f"depends_on = {core_head()}" in text  # the core's newest revision
    assert isinstance(ast.literal_eval(core_head()), str), "the core's migrations must end in one head"
    assert f'TITLE = "{TITLE}"' in (plugin / "__init__.py").read_text(encoding="utf-8")
    assert (scaffolded / "plugin_tests" / KEY / f"test_{KEY}.py").is_file()


def test_the_generated_tests_pass_unchanged(scaffolded):
    result = _run([str(BIN / "pytest"), "-p", "core.testing", "-p", "no:cacheprovider", "-q",
                   str(scaffolded / "plugin_tests")], scaffolded)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_the_migration_upgrades_cleanly_and_the_module_is_listed(scaffolded):
    database = f"sqlite:///{scaffolded / 'check.db'}"
    flask = [str(BIN / "flask"), "--app", "app"]
    upgrade = _run([*flask, "db", "upgrade"], scaffolded, DATABASE_URL=database)
    assert upgrade.returncode == 0, upgrade.stderr
    assert f"{KEY}: initial tables" in upgrade.stderr
    check = _run([*flask, "db", "check"], scaffolded, DATABASE_URL=database)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected" in check.stdout
    listing = _run([*flask, "modules", "list"], scaffolded, DATABASE_URL=database)
    assert f"{KEY}\tdisabled\t-\t{TITLE}" in listing.stdout, listing.stdout + listing.stderr


@pytest.mark.parametrize(("key", "message"), [
    ("admin", "'admin' is reserved by the core"),
    ("Media-Commission", "is not a valid plugin key"),
    ("sample", "a plugin 'sample' is already installed"),
])
def test_a_reserved_invalid_or_installed_key_is_refused(app, tmp_path, key, message):
    result = app.test_cli_runner().invoke(args=[
        "plugin", "new", key, "--dest", str(tmp_path / "p"), "--tests-dest", str(tmp_path / "t")])
    assert result.exit_code != 0 and message in result.output
    assert not (tmp_path / "p").exists()


def test_an_existing_folder_is_never_overwritten(app, scaffolded):
    models = scaffolded / "plugin_path" / KEY / "models.py"
    before = models.read_text(encoding="utf-8")
    result = app.test_cli_runner().invoke(args=[
        "plugin", "new", KEY, "--dest", str(scaffolded / "plugin_path"),
        "--tests-dest", str(scaffolded / "other_tests")])
    assert result.exit_code != 0 and "already exists; refusing to overwrite it" in result.output
    assert models.read_text(encoding="utf-8") == before and not (scaffolded / "other_tests").exists()
