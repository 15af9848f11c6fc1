"""Core CLI commands: users, modules, demo data, and ``db upgrade`` defaulting to all heads."""
import os

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import cli as migrate_cli
from flask_migrate import upgrade as migrate_upgrade
from sqlalchemy import select

from core import modules as module_service
from core.cli_plugin import plugin_group
from core.db import db, refresh_statistics
from core.models import Department, User
from core.permissions import ROLE_TITLES
from core.photos.counts import photos_group


def init_app(app):
    app.cli.add_command(create_user)
    app.cli.add_command(modules_group)
    app.cli.add_command(seed_demo)
    app.cli.add_command(plugin_group)
    app.cli.add_command(photos_group)
    registry = app.extensions["ravabet_plugins"]
    for _key, commands in registry.boot_collect("ravabet_cli_commands"):
        for command in commands:
            app.cli.add_command(command)


# Plugins live on separate Alembic branches, so "upgrade" means every head unless told otherwise.
@click.command("upgrade")
@click.option("-d", "--directory", default=None, help="Migration script directory")
@click.option("--sql", is_flag=True, help="Don't emit SQL to database - dump to standard output instead")
@click.option("--tag", default=None, help='Arbitrary "tag" name')
@click.option("-x", "--x-arg", multiple=True, help="Additional arguments consumed by custom env.py scripts")
@click.argument("revision", default="heads")
@with_appcontext
def upgrade_all_heads(directory, sql, tag, x_arg, revision):
    """Upgrade to a later version (default: every head, the core's and each plugin's)."""
    migrate_upgrade(directory, revision, sql, tag, x_arg)
    if not sql:
        refresh_statistics()


@click.command("analyze")
@with_appcontext
def analyze():
    """Refresh the query planner's statistics (daily, and after large imports)."""
    refresh_statistics()
    click.echo("statistics refreshed")


migrate_cli.db.add_command(upgrade_all_heads)
migrate_cli.db.add_command(analyze)


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(list(ROLE_TITLES)), default="staff", show_default=True)
@click.option("--full-name", default=None, help="Full name (defaults to the username).")
@click.option("--department", "department_name", default=None, help="Department name to join.")
@with_appcontext
def create_user(username, role, full_name, department_name):
    """Create a user; the password comes from RAVABET_PASSWORD or a prompt."""
    from core.auth.passwords import hash_password

    if db.session.scalar(select(User).where(User.username == username)):
        raise click.ClickException(f"user {username!r} already exists")
    password = os.environ.get("RAVABET_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        raise click.ClickException("the password must be at least 10 characters long")
    user = User(username=username, full_name=full_name or username, role=role,
                password_hash=hash_password(password))
    if department_name:
        department = db.session.scalar(select(Department).where(Department.name == department_name))
        if department is None:
            raise click.ClickException(f"no department named {department_name!r}")
        user.departments.append(department)
    db.session.add(user)
    db.session.commit()
    click.echo(f"created {role} {username}")


@click.group("modules")
def modules_group():
    """List modules and turn them on or off."""


@modules_group.command("list")
@with_appcontext
def modules_list():
    for record, state in module_service.module_rows():
        status = "failed" if not record.loaded else ("enabled" if state and state.enabled else "disabled")
        department = state.department.name if state and state.department else "-"
        click.echo(f"{record.key}\t{status}\t{department}\t{record.title}\t{record.source}")


def _set(key, enabled):
    registry = current_app.extensions["ravabet_plugins"]
    if registry.get(key) is None:
        raise click.ClickException(f"no loaded module {key!r} (see: flask modules list)")
    module_service.set_enabled(key, enabled)
    db.session.commit()
    click.echo(f"{key} {'enabled' if enabled else 'disabled'}")


@modules_group.command("enable")
@click.argument("key")
@with_appcontext
def modules_enable(key):
    _set(key, True)


@modules_group.command("disable")
@click.argument("key")
@with_appcontext
def modules_disable(key):
    _set(key, False)


@modules_group.command("assign")
@click.argument("key")
@click.argument("department_name")
@with_appcontext
def modules_assign(key, department_name):
    """Assign module KEY to the department named DEPARTMENT_NAME."""
    department = db.session.scalar(select(Department).where(Department.name == department_name))
    if department is None:
        raise click.ClickException(f"no department named {department_name!r}")
    module_service.assign(key, department.id)
    db.session.commit()
    click.echo(f"{key} assigned to {department.name}")


@click.command("seed-demo")
@click.option("--force", is_flag=True, help="Add demo data even if the database holds real data.")
@click.option("--if-empty", is_flag=True, help="Do nothing (successfully) when data already exists.")
@click.option("--years", default=1, show_default=True, help="Years of history to create.")
@with_appcontext
def seed_demo(force, if_empty, years):
    """Create demo departments, users of every role and Persian demo data from every plugin."""
    from core.demo import has_data, seed

    if has_data() and not force:
        if if_empty:
            click.echo("the database already holds data; demo data not added")
            return
        raise click.ClickException(
            "the database already holds data; refusing to add demo data (use --force)")
    summary = seed(years=years)
    refresh_statistics()
    click.echo(summary)
