"""Visits in the activity report and on the dashboard: the visits to the agencies' PR units, the
county council's surprise and periodic visits with the counties toured (said to be the county
council's), and the follow-up actions of the period's visits. Five queries, whatever the rows."""
from flask_babel import gettext as _
from sqlalchemy import case, distinct, func, select

from core.db import db
from core.jalali import to_jalali_input
from core.reports import previous_occurrence
from core.stats import count_in, in_days, monthly_counts
from core.text import fa_number, to_ascii_digits

from ..models.visits import COUNTY_KINDS, Visit, VisitAction


def _period_args(period):
    return {"start": to_ascii_digits(to_jalali_input(period.start)), "end": to_ascii_digits(to_jalali_input(period.end))}


def _visit_counts(period):
    """``{kind: (visits, distinct units)}`` of the period (one query)."""
    rows = db.session.execute(select(Visit.kind, func.count(), func.count(distinct(Visit.unit_id)))
                              .where(in_days(Visit.date, period.start, period.end)).group_by(Visit.kind))
    return {kind: (visits, units) for kind, visits, units in rows}


def _county_counts(counts):
    visits = sum(counts.get(kind, (0, 0))[0] for kind in COUNTY_KINDS)
    surprise = counts.get("county_surprise", (0, 0))[0]
    return visits, surprise


def _counties_toured(period):
    return db.session.scalar(select(func.count(distinct(Visit.unit_id))).where(
        Visit.kind.in_(COUNTY_KINDS), in_days(Visit.date, period.start, period.end))) or 0


def report_items(period):
    counts = _visit_counts(period)
    items = []
    unit_visits, units = counts.get("unit", (0, 0))
    if unit_visits:
        text = _("Visits to %(units)s PR units of the executive agencies (%(count)s visits).",
                 units=fa_number(units), count=fa_number(unit_visits))
        items.append({"key": "visits.units", "text": text,
                      "previous": previous_occurrence(Visit.date, period.start, Visit.kind == "unit")})
    county_visits, surprise = _county_counts(counts)
    if county_visits:
        text = _("The county governorates' PR council toured %(counties)s counties: %(count)s visits, %(surprise)s "
                 "of them surprise visits.", counties=fa_number(_counties_toured(period)),
                 count=fa_number(county_visits), surprise=fa_number(surprise))
        items.append({"key": "visits.counties", "text": text,
                      "previous": previous_occurrence(Visit.date, period.start, Visit.kind.in_(COUNTY_KINDS))})
    actions, done, overdue = db.session.execute(
        select(func.count(), func.count(case((VisitAction.status == "done", 1))),
               func.count(case((VisitAction.is_overdue, 1))))
        .select_from(VisitAction).join(Visit, Visit.id == VisitAction.visit_id)
        .where(in_days(Visit.date, period.start, period.end))).one()
    if actions:
        text = _("%(count)s follow-up actions set after the visits, %(done)s of them done and %(overdue)s overdue.",
                 count=fa_number(actions), done=fa_number(done), overdue=fa_number(overdue))
        items.append({"key": "visits.actions", "text": text})
    return items


def metrics(period, user):
    args = _period_args(period)
    return [
        {"key": "visits.units", "title": _("Visits to PR units"), "value": count_in(period, Visit.date, Visit.kind == "unit"),
         "endpoint": "council.visits", "url_args": {**args, "kind": "unit"}, "permission": "council.view"},
        {"key": "visits.counties", "title": _("County visits"),
         "value": count_in(period, Visit.date, Visit.kind.in_(COUNTY_KINDS)),
         "endpoint": "council.visits", "url_args": {**args, "body": "county"}, "permission": "council.view"},
        {"key": "visits.actions_done", "title": _("Visit actions done"),
         "value": count_in(period, VisitAction.done_on, VisitAction.status == "done"),
         "endpoint": "council.visit_actions", "url_args": {"status": "done"}, "permission": "council.view"},
    ]


def charts(period, user):
    return [{"key": "visits", "title": _("Visits per month"), "permission": "council.view", "series": [
        {"title": _("Visits to PR units"), "counts": monthly_counts(Visit.date, period, Visit.kind == "unit")},
        {"title": _("County visits"), "counts": monthly_counts(Visit.date, period, Visit.kind.in_(COUNTY_KINDS))},
    ]}]
