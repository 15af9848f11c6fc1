"""The performance evaluation in the activity report and on the dashboard: each round held in the
period with its winners per category, and the county council's monthly evaluation of the county
governorates' news portals (counties, months, the best county). A fixed number of queries."""
from sqlalchemy import bindparam, case, distinct, func, literal_column, or_, select, true

from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.jalali import to_jalali_input
from core.models import Organization
from core.reports import previous_occurrence
from core.stats import figure_values, in_any, in_period, per_period, period_params
from core.text import fa_number, to_ascii_digits, to_fa_digits

from ..models import Unit
from ..models.evaluation import EvaluationCategory, EvaluationEntry, EvaluationRound, PortalScore, portal_total, rankings

MONTH_KEY = PortalScore.year * 100 + PortalScore.month


def _month_keys(period):
    months = period.months()
    return months[0][0] * 100 + months[0][1], months[-1][0] * 100 + months[-1][1]


def _in_months(period):
    first, last = _month_keys(period)
    return MONTH_KEY.between(first, last)


def _round_item(evaluation_round, categories, ranked):
    by_category = ranked.get(evaluation_round.id, {})
    units = sum(len(items) for items in by_category.values())
    if not units:
        return None
    titles = {category.id: category.title for category in categories}
    positions = {category.id: category.position for category in categories}
    winners, details = [], []
    for category_id, items in sorted(by_category.items(), key=lambda pair: positions[pair[0]]):
        names = [to_fa_digits(item.name) for item in items if item.winner]
        winners.append(_("%(category)s: %(names)s", category=titles[category_id], names="، ".join(names)))
        details += [_("%(category)s, %(rank)s: %(unit)s (%(total)s of 100)", category=titles[category_id],
                      rank=fa_number(item.rank), unit=to_fa_digits(item.name), total=fa_number(item.total))
                    for item in items if item.winner]
    text = _("Performance evaluation of the PR units, «%(round)s»: %(units)s units evaluated in %(categories)s "
             "categories; the winners: %(winners)s.", round=to_fa_digits(evaluation_round.title), units=fa_number(units),
             categories=fa_number(len(by_category)), winners="؛ ".join(winners))
    return {"key": f"evaluation.round.{evaluation_round.id}", "text": text, "details": details,
            "occurred": evaluation_round.held_on}


# The built-once statements' months: ``{"first": …, "last": …}`` of ``_month_keys``.
IN_MONTHS = MONTH_KEY.between(bindparam("first"), bindparam("last"))


def _scores(*columns):
    """The portal scores of units whose unit and organization are not in the trash (the statement's
    soft-delete criteria apply to both joins): every figure counts the same scores."""
    return (select(*columns).select_from(PortalScore).join(Unit, Unit.id == PortalScore.unit_id)
            .join(Organization, Organization.id == Unit.organization_id))


@built_once
def _portals():
    """The counties and months scored and the scores in the months, with the best county's name
    and average score (none without scores): one row of two one-row subqueries."""
    counts = (_scores(func.count(distinct(PortalScore.unit_id)).label("counties"),
                      func.count(distinct(MONTH_KEY)).label("months"), func.count().label("scores"))
              .where(IN_MONTHS).subquery())
    best = (_scores(Organization.name, func.avg(portal_total()).label("average"))
            .where(IN_MONTHS).group_by(PortalScore.unit_id, Organization.name)
            .order_by(func.avg(portal_total()).desc(), Organization.name).limit(1).subquery())
    return select(counts, best.c.name, best.c.average).outerjoin(best, true())


@built_once
def _rounds():
    return select(EvaluationRound).where(in_period(EvaluationRound.held_on)).order_by(EvaluationRound.held_on)


@built_once
def _categories():
    """The categories of the rounds ``rounds`` (their ids, given at execution)."""
    return select(EvaluationCategory).where(EvaluationCategory.round_id.in_(bindparam("rounds", expanding=True)))


def _portal_item(period):
    months = dict(zip(("first", "last"), _month_keys(period)))
    counties, months_scored, scores, *best = built_rows(_portals(), months).one()
    if not scores:
        return None
    name, average = best
    text = _("The county governorates' PR council evaluated the news portals of %(counties)s counties over "
             "%(months)s months; the best was %(county)s, with an average of %(average)s out of 100.",
             counties=fa_number(counties), months=fa_number(months_scored), county=to_fa_digits(name),
             average=fa_number(round(float(average), 1)))
    return {"key": "evaluation.portals", "text": text}


def report_items(period):
    rounds = db.session.scalars(_rounds(), period_params(period)).all()
    items = []
    if rounds:
        categories = db.session.scalars(_categories(), {"rounds": [r.id for r in rounds]}).all()
        ranked = rankings([r.id for r in rounds])
        previous = previous_occurrence(EvaluationRound.held_on, rounds[0].held_on)
        for evaluation_round in rounds:
            item = _round_item(evaluation_round, categories, ranked)
            if item is not None:
                items.append({**item, "previous": previous})
    portal = _portal_item(period)
    return items + ([portal] if portal else [])


def metrics(period, user, periods=None):
    periods = periods or [period]
    units = db.session.execute(select(*per_period(periods, EvaluationRound.held_on)).select_from(EvaluationEntry)
                               .join(EvaluationRound, EvaluationRound.id == EvaluationEntry.round_id)
                               .where(in_any(periods, EvaluationRound.held_on))).one()
    in_months = [_in_months(p) for p in periods]
    portals = db.session.execute(
        _scores().where(or_(*in_months))
        .add_columns(*(func.count(case((months, literal_column("1")))) for months in in_months))).one()
    dates = {"start": to_ascii_digits(to_jalali_input(period.start)),
             "end": to_ascii_digits(to_jalali_input(period.end))}
    return [
        {"key": "evaluation.units", "title": _("PR units evaluated"), **figure_values(units),
         "endpoint": "council.evaluations", "url_args": dates, "permission": "council.view"},
        {"key": "evaluation.portals", "title": _("County news portal evaluations"), **figure_values(portals),
         "endpoint": "council.portal", "url_args": {"year": period.months()[-1][0]}, "permission": "council.view"},
    ]


def charts(period, user):
    first, last = _month_keys(period)
    averages = dict(db.session.execute(
        _scores(MONTH_KEY, func.avg(portal_total())).where(MONTH_KEY.between(first, last)).group_by(MONTH_KEY)).all())
    if not averages:
        return []
    counts = [(jy, jm, round(float(averages.get(jy * 100 + jm, 0)))) for jy, jm, _start, _end in period.months()]
    return [{"key": "evaluation.portals", "title": _("Average news portal score of the counties per month"),
             "counts": counts, "unit": _("out of 100"), "permission": "council.view"}]
