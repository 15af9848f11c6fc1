"""Visits in the activity report and on the dashboard: the visits to the agencies' PR units, the
county council's surprise and periodic visits with the counties toured (said to be the county
council's), and the follow-up actions of the period's visits. The report's items take three
queries, whatever the rows."""
from sqlalchemy import case, distinct, func, literal_column, select

from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.jalali import to_jalali_input
from core.stats import (PERIOD_END, PERIOD_START, TODAY, counts_in, figure_values, in_any, in_period, monthly_counts_by,
                        per_period, period_params)
from core.text import fa_number, to_ascii_digits

from ..models.visits import COUNTY_KINDS, Visit, VisitAction


def _period_args(period):
    return {"start": to_ascii_digits(to_jalali_input(period.start)), "end": to_ascii_digits(to_jalali_input(period.end))}


@built_once
def _visits():
    in_period = Visit.date >= PERIOD_START
    return (select(Visit.kind, func.count(case((in_period, Visit.id))),
                   func.count(distinct(case((in_period, Visit.unit_id)))),
                   func.max(case((Visit.date < PERIOD_START, Visit.date))))
            .where(Visit.date <= PERIOD_END).group_by(Visit.kind))


def _visit_counts(period):
    """``{kind: (visits, distinct units)}`` of the period and ``{kind: the latest visit before
    it}`` (one query)."""
    rows = built_rows(_visits(), period_params(period))
    counts, previous = {}, {}
    for kind, visits, units, latest in rows:
        if visits:
            counts[kind] = (visits, units)
        if latest is not None:
            previous[kind] = latest
    return counts, previous


def _county_counts(counts):
    visits = sum(counts.get(kind, (0, 0))[0] for kind in COUNTY_KINDS)
    surprise = counts.get("county_surprise", (0, 0))[0]
    return visits, surprise


@built_once
def _counties():
    return select(func.count(distinct(Visit.unit_id))).where(Visit.kind.in_(COUNTY_KINDS), in_period(Visit.date))


@built_once
def _actions():
    """The follow-up actions of the period's visits: all, done and overdue."""
    return (select(func.count(), func.count(case((VisitAction.status == "done", 1))),
                   func.count(case((VisitAction.overdue_on(TODAY), 1))))
            .select_from(VisitAction).join(Visit, Visit.id == VisitAction.visit_id).where(in_period(Visit.date)))


def _counties_toured(period):
    return built_rows(_counties(), period_params(period)).scalar() or 0


def report_items(period):
    counts, previous = _visit_counts(period)
    items = []
    unit_visits, units = counts.get("unit", (0, 0))
    if unit_visits:
        text = _("Visits to %(units)s PR units of the executive agencies (%(count)s visits).",
                 units=fa_number(units), count=fa_number(unit_visits))
        items.append({"key": "visits.units", "text": text, "previous": previous.get("unit")})
    county_visits, surprise = _county_counts(counts)
    if county_visits:
        text = _("The county governorates' PR council toured %(counties)s counties: %(count)s visits, %(surprise)s "
                 "of them surprise visits.", counties=fa_number(_counties_toured(period)),
                 count=fa_number(county_visits), surprise=fa_number(surprise))
        items.append({"key": "visits.counties", "text": text,
                      "previous": max((previous[kind] for kind in COUNTY_KINDS if kind in previous), default=None)})
    actions, done, overdue = built_rows(_actions(), period_params(period)).one()
    if actions:
        text = _("%(count)s follow-up actions set after the visits, %(done)s of them done and %(overdue)s overdue.",
                 count=fa_number(actions), done=fa_number(done), overdue=fa_number(overdue))
        items.append({"key": "visits.actions", "text": text})
    return items


def metrics(period, user, periods=None):
    periods = periods or [period]
    args = _period_args(period)
    units, counties = (per_period(periods, Visit.date, kind) for kind in (Visit.kind == "unit",
                                                                          Visit.kind.in_(COUNTY_KINDS)))
    visits = db.session.execute(select().select_from(Visit).add_columns(*units, *counties)
                                .where(in_any(periods, Visit.date))).one()
    return [
        {"key": "visits.units", "title": _("Visits to PR units"), **figure_values(visits[:len(periods)]),
         "endpoint": "council.visits", "url_args": {**args, "kind": "unit"}, "permission": "council.view"},
        {"key": "visits.counties", "title": _("County visits"), **figure_values(visits[len(periods):]),
         "endpoint": "council.visits", "url_args": {**args, "body": "county"}, "permission": "council.view"},
        {"key": "visits.actions_done", "title": _("Visit actions done"),
         **figure_values(counts_in(periods, VisitAction.done_on, VisitAction.status == "done")),
         "endpoint": "council.visit_actions", "url_args": {"status": "done"}, "permission": "council.view"},
    ]


def charts(period, user):
    body = case((Visit.kind == "unit", literal_column("'unit'")),
                (Visit.kind.in_(COUNTY_KINDS), literal_column("'county'")))
    by_body = monthly_counts_by(body, Visit.date, period, keys=("unit", "county"))
    return [{"key": "visits", "title": _("Visits per month"), "permission": "council.view", "series": [
        {"title": _("Visits to PR units"), "counts": by_body["unit"]},
        {"title": _("County visits"), "counts": by_body["county"]},
    ]}]
