"""The board elections in the activity report and on the dashboard.

An election held in the period (its voting day in the period, the vote closed) gives one item:
registered, approved, the turnout (tally.results) and the size of the supervisory board, the
elected as its details. An election whose registration ran in the period but whose vote did not
gives the number registered so far. The queries: two for the elections, one count per kind, and
the tally of each election held (a body holds at most one a term, so at most a few)."""
from sqlalchemy import bindparam, func, select

from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.stats import PERIOD_START, counts_in, figure_values, in_period, period_params
from core.text import fa_number, persian_ordinal

from .. import tally
from ..models import Candidate, Election, Supervisor
from ..views.elections import status_counts


# The ids of the elections held in the period, given at execution.
HELD = bindparam("held", expanding=True)


@built_once
def _supervisors():
    """The supervisors per election of the elections held in the period (``held``)."""
    return (select(Supervisor.election_id, func.count()).where(Supervisor.election_id.in_(HELD))
            .group_by(Supervisor.election_id))


def _held_item(election, counts, supervisors, previous):
    results = tally.results(election, names_only=True)
    figures = {"ordinal": persian_ordinal(election.term, adjective=True),
               "registered": fa_number(sum(counts.values())), "approved": fa_number(counts.get("approved", 0)),
               "turnout": fa_number(round(results.turnout)), "supervisors": fa_number(supervisors)}
    if election.body == "county":
        text = _("Board election of the %(ordinal)s term of the county governorates' PR coordination council held, "
                 "with %(registered)s candidates registered, %(approved)s approved, a turnout of %(turnout)s "
                 "percent and a %(supervisors)s-member supervisory board.", **figures)
    else:
        text = _("Board election of the %(ordinal)s term held, with %(registered)s candidates registered, "
                 "%(approved)s approved, a turnout of %(turnout)s percent and a %(supervisors)s-member "
                 "supervisory board.", **figures)
    details = []
    for outcome, title in (("elected", _("Elected")), ("alternate", _("Alternate"))):
        names = [str(row.candidate) for row in results.rows if row.outcome == outcome]
        if names:
            details.append(f"{title}: {'، '.join(names)}")
    return {"key": f"election.{election.body}", "text": text, "details": details,
            "previous": previous.get(election.body)}


@built_once
def _held():
    return (select(Election).where(in_period(Election.voting_date), Election.voting_closed_at.is_not(None))
            .order_by(Election.voting_date))


@built_once
def _registering():
    """The elections with candidates registered in the period, but for those held in it (``held``):
    the columns their items show, read past the ORM's execute."""
    return (select(Election.body, Election.term, func.count(Candidate.id)).join(Candidate, Candidate.election_id == Election.id)
            .where(in_period(Candidate.registered_at), Election.id.not_in(HELD))
            .group_by(Election.id).order_by(Election.registration_start))


@built_once
def _previous_held():
    """Per body, its latest election held before the period (``previous_occurrences``, built once)."""
    return (select(Election.body, func.max(Election.voting_date))
            .where(Election.voting_date < PERIOD_START, Election.voting_closed_at.is_not(None))
            .group_by(Election.body))


def report_items(period):
    params = period_params(period)
    held = db.session.scalars(_held(), params).all()
    ids = [election.id for election in held]
    registering = built_rows(_registering(), {**params, "held": ids}).all()
    items = []
    if held:
        counts, supervisors = status_counts(ids), dict(built_rows(_supervisors(), {"held": ids}).all())
        previous = dict(built_rows(_previous_held(), params).all())
        items += [_held_item(election, counts[election.id], supervisors.get(election.id, 0), previous)
                  for election in held]
    for body, term, registered in registering:
        figures = {"ordinal": persian_ordinal(term, adjective=True), "count": fa_number(registered)}
        text = (_("%(count)s candidates registered for the board election of the %(ordinal)s term of the county "
                  "governorates' PR coordination council.", **figures) if body == "county" else
                _("%(count)s candidates registered for the board election of the %(ordinal)s term.", **figures))
        items.append({"key": f"election.{body}.registration", "text": text})
    return items


def metrics(period, user, periods=None):
    periods = periods or [period]
    return [
        {"key": "election_candidates", "title": _("Candidates registered in board elections"),
         **figure_values(counts_in(periods, Candidate.registered_at)), "endpoint": "council.elections",
         "permission": "council.view"},
        {"key": "elections_held", "title": _("Board elections held"),
         **figure_values(counts_in(periods, Election.voting_date, Election.voting_closed_at.is_not(None))),
         "endpoint": "council.elections", "permission": "council.view"},
    ]


def charts(period, user):
    return []  # one election a term: a monthly trend would show a single bar
