"""Members and cards in the activity report and on the dashboard: the member cards issued in the
period per council (with «پس از N سال» when the previous issue is that old), the PR units'
profiles of each council when members joined in the period, the members, the cards and the mean
profile completeness. A fixed number of queries, whatever the rows."""
from sqlalchemy import and_, case, func, or_, select

from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.jalali import to_jalali_input
from core.stats import (PERIOD_END, PERIOD_START, counts_in, figure_values, in_period, monthly_counts_by,
                        period_params)
from core.text import fa_number, to_ascii_digits

from ..bodies import body_titles
from ..models import Card, Member, Unit
from ..models.members import BODIES, completeness, member_points


@built_once
def _cards():
    issued_on = Card.issued_on
    return (select(Unit.body, func.count(case((issued_on >= PERIOD_START, Card.id))),
                   func.max(case((issued_on < PERIOD_START, issued_on))))
            .select_from(Card).join(Member, Member.id == Card.member_id).join(Unit, Unit.id == Member.unit_id)
            .where(issued_on <= PERIOD_END).group_by(Unit.body))


def _cards_by_body(period):
    """``{body: (cards issued in the period, the latest issue before it)}`` of the councils that
    issued cards in the period, one query."""
    return {body: (count, previous) for body, count, previous in built_rows(_cards(), period_params(period))
            if count}


@built_once
def _profiles():
    """Per council that members joined in the period: its units, their complete profiles and
    current members, whatever the period, and the members who joined (the profile's checklist is
    a large expression, slower to build than to run)."""
    joined = (select(Unit.body, func.count(Member.id).label("members")).join(Member.unit)
              .where(in_period(Member.start_date)).group_by(Unit.body).subquery())
    points = member_points()
    return (select(Unit.body, func.count(Unit.id), func.sum(case((completeness(points) >= 100, 1), else_=0)),
                   func.sum(func.coalesce(points.c.members, 0)), func.max(joined.c.members))
            .join(joined, joined.c.body == Unit.body)
            .outerjoin(points, points.c.unit_id == Unit.id).group_by(Unit.body))


def _profiles_by_body(period):
    """``{body: (units, complete profiles, current members, members who joined in the period)}`` of
    the councils that members joined in the period (one query)."""
    return {body: (units, complete or 0, members or 0, joined)
            for body, units, complete, members, joined in built_rows(_profiles(), period_params(period))}


def report_items(period):
    titles = body_titles()
    items = []
    for body, (count, previous) in sorted(_cards_by_body(period).items(), key=lambda pair: BODIES.index(pair[0])):
        items.append({
            "key": f"cards.{body}",
            "text": _("%(count)s member cards issued to the members of %(body)s.", count=fa_number(count),
                      body=titles[body]),
            "previous": previous,
        })
    for body, (units, complete, members, joined) in sorted(_profiles_by_body(period).items(),
                                                             key=lambda pair: BODIES.index(pair[0])):
        items.append({
            "key": f"profiles.{body}",
            "text": _("The PR profiles of %(units)s units of %(body)s are recorded, %(complete)s of them "
                      "complete, with %(members)s current members; %(joined)s members joined in the period.",
                      units=fa_number(units), body=titles[body], complete=fa_number(complete),
                      members=fa_number(members), joined=fa_number(joined)),
        })
    return items


def _period_args(period):
    return {"start": to_ascii_digits(to_jalali_input(period.start)), "end": to_ascii_digits(to_jalali_input(period.end))}


def _members_at(days):
    """Members on each of ``days``: started by then (or undated) and not ended before it (one query)."""
    return list(db.session.execute(select().select_from(Member).add_columns(*(
        func.count(case((and_(or_(Member.start_date.is_(None), Member.start_date <= day),
                              or_(Member.end_date.is_(None), Member.end_date > day)), Member.id)))
        for day in days))).one())


def _mean_completeness():
    points = member_points()
    per_unit = select(completeness(points).label("percent")).outerjoin(points, points.c.unit_id == Unit.id) \
        .where(Unit.deleted_at.is_(None)).subquery()
    return round(db.session.scalar(select(func.avg(per_unit.c.percent))) or 0)


def metrics(period, user, periods=None):
    periods = periods or [period]
    return [
        {"key": "members", "title": _("Council members"), **figure_values(_members_at([p.end for p in periods])),
         "endpoint": "council.members", "permission": "council.view"},
        {"key": "cards", "title": _("Member cards issued"), **figure_values(counts_in(periods, Card.issued_on)),
         "endpoint": "council.cards", "url_args": _period_args(period), "permission": "council.view"},
        # The profiles as they are now, whatever the period.
        {"key": "profiles", "title": _("Mean profile completeness of the PR units"),
         **figure_values([_mean_completeness()] * len(periods)),
         "unit": _("percent"), "endpoint": "council.units", "url_args": {"sort": "completeness"},
         "permission": "council.view"},
    ]


def charts(period, user):
    titles = body_titles()
    card_body = select(Unit.body).join(Member, Member.unit_id == Unit.id).where(Member.id == Card.member_id)
    by_body = monthly_counts_by(card_body.scalar_subquery(), Card.issued_on, period, keys=BODIES)
    return [{
        "key": "cards",
        "title": _("Member cards issued per month"),
        "series": [{"title": titles[body], "counts": by_body[body]} for body in BODIES],
        "permission": "council.view",
    }]
