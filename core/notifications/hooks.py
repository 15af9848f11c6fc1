"""The notifications' CLI (a core part's ``ravabet_cli_commands``): the daily deadline check."""
import click
from flask.cli import with_appcontext

from core.jalali import JalaliDateError, parse_jalali_date
from core.plugins.hookspecs import hookimpl


@click.group("notifications")
def notifications_group():
    """In-app notifications."""


@notifications_group.command("deadlines")
@click.option("--date", "jalali_date", default=None, help="Check as of this Jalali date (default: today).")
@with_appcontext
def deadlines_command(jalali_date):
    """Notify users of deadlines near or passed (run daily; running again adds nothing)."""
    from core.notifications.deadlines import check_deadlines

    try:
        day = parse_jalali_date(jalali_date) if jalali_date else None
    except JalaliDateError as error:
        raise click.BadParameter(str(error), param_hint="--date") from None
    click.echo(f"{check_deadlines(day)} notifications added")


@hookimpl
def ravabet_cli_commands():
    return [notifications_group]
