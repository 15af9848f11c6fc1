"""``flask sms refresh-status``: read the delivery reports of recent messages (run it from cron)."""
from datetime import timedelta

import click

from core.db import utcnow
from core.sms import bp
from core.sms.backends import GatewayError
from core.sms.service import refresh_statuses


@bp.cli.command("refresh-status")
@click.option("--days", default=3, show_default=True, help="Messages of the batches written in these last days.")
def refresh_status_command(days):
    """Ask the SMS gateway what became of the messages it accepted."""
    try:
        changed = refresh_statuses(since=utcnow() - timedelta(days=days))
    except GatewayError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{changed} messages changed status")
