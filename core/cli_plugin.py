"""``flask plugin new`` (scaffold a plugin) and ``flask plugin migrate`` (its next revision)."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import migrate as migrate_revision

from core.scaffold import BASE_DIR, ScaffoldError, generate


@click.group("plugin")
def plugin_group():
    """Create plugins and their database migrations."""


@plugin_group.command("new")
@click.argument("key")
@click.option("--title", help="Persian title shown in menus and settings (default: the key).")
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path), default=BASE_DIR / "plugins",
              show_default="plugins", help="Folder to create the plugin package in.")
@click.option("--tests-dest", type=click.Path(file_okay=False, path_type=Path),
              default=BASE_DIR / "tests" / "plugins", show_default="tests/plugins",
              help="Folder to create the plugin's tests in.")
@with_appcontext
def new_plugin(key, title, dest, tests_dest):
    """Create plugin KEY: model, migration, pages, permissions, menu item, metric, report, tests."""
    if key in current_app.extensions["ravabet_plugins"].records:
        raise click.ClickException(f"a plugin {key!r} is already installed (see: flask modules list)")
    try:
        written = generate(key, title or key, dest, tests_dest)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    for path in written:
        click.echo(f"  created {path}")
    inside_plugins = Path(dest).resolve() == (BASE_DIR / "plugins").resolve()
    click.echo(f"\nPlugin {key!r} is ready (docs/plugins.md walks through the rest). Next:")
    if not title:
        click.echo(f"  - give it a Persian title: TITLE in {Path(dest) / key / '__init__.py'}")
    if not inside_plugins:
        click.echo(f"  - add {Path(dest).resolve()} to RAVABET_PLUGIN_PATHS so the app finds it")
    click.echo("  - flask db upgrade   (creates its table), then restart the app")
    click.echo(f"  - assign {key!r} to a department on the admin Modules page; its head turns it on")
    env = "" if inside_plugins else f"RAVABET_PLUGIN_PATHS={Path(dest).resolve()} "
    click.echo(f"  - run its tests: {env}.venv/bin/pytest -p core.testing {Path(tests_dest) / key}")


@plugin_group.command("migrate")
@click.argument("key")
@click.option("-m", "--message", required=True, help="What the revision changes.")
@with_appcontext
def migrate_plugin(key, message):
    """Autogenerate plugin KEY's next revision on its own Alembic branch."""
    record = current_app.extensions["ravabet_plugins"].get(key)
    if record is None:
        raise click.ClickException(f"no loaded plugin {key!r} (see: flask modules list)")
    if not record.migrations_dir:
        raise click.ClickException(f"plugin {key!r} has no migrations folder (ravabet_migrations_dir)")
    # Only this plugin's tables (see migrations/env.py), appended to its own branch.
    migrate_revision(message=message, head=f"{key}@head", x_arg=[f"module={key}"])
