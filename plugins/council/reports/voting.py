"""Voting on the dashboard: the live turnout of each election whose vote is open, while the chosen
period includes today (turnout is a figure of now, not of a past period). The election's figures
in the activity report (registered, approved, turnout, supervisors) are the elections part's
item (reports/elections.py), which reads the turnout from the tally, so voting adds no item.

One query, however many members voted."""
from sqlalchemy import select

from core.db import db
from core.extensions import request_gettext as _
from core.jalali import today
from core.stats import figure_values

from ..models import Election
from ..tally import Turnout, turnout_columns

PERMISSION = "council.view"


def report_items(period):
    return []


def metrics(period, user, periods=None):
    now = today()
    if not period.start <= now <= period.end:
        return []
    # An earlier period of the comparisons has no such figure (None), unless it too holds today.
    running = [p.start <= now <= p.end for p in periods or [period]]
    open_elections = db.session.execute(
        select(Election.id, Election.title, *turnout_columns(Election.id))
        .where(Election.voting_opened_at.is_not(None), Election.voting_closed_at.is_(None))
        .order_by(Election.voting_opened_at)).all()
    return [{"key": f"turnout_{election_id}", "title": _("Turnout so far: %(election)s", election=title),
             **figure_values(Turnout(roll, int(voted)).percent if now_in else None for now_in in running),
             "unit": _("percent"),
             "endpoint": "council.voting", "url_args": {"election_id": election_id}, "permission": PERMISSION}
            for election_id, title, roll, voted in open_elections]


def charts(period, user):
    return []
