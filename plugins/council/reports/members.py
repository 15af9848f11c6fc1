"""Members and cards in the activity report and on the dashboard: the member cards issued in the
period per council (with «پس از N سال» when the previous issue is that old), the PR units'
profiles of each council when members joined in the period, the members, the cards and the mean
profile completeness. A fixed number of queries, whatever the rows."""
from flask_babel import gettext as _
from sqlalchemy import case, func, or_, select

from core.db import db
from core.jalali import to_jalali_input
from core.reports import previous_occurrence
from core.stats import count_in, in_days, monthly_counts
from core.text import fa_number, to_ascii_digits

from ..bodies import body_titles
from ..models import Card, Member, Unit
from ..models.members import BODIES, completeness, member_points


def _body_members(body):
    return select(Member.id).join(Unit, Unit.id == Member.unit_id).where(Unit.body == body)


def _cards_by_body(period):
    """``{body: cards issued in the period}``, one query."""
    return dict(db.session.execute(
        select(Unit.body, func.count(Card.id)).select_from(Card).join(Member, Member.id == Card.member_id)
        .join(Unit, Unit.id == Member.unit_id).where(in_days(Card.issued_on, period.start, period.end))
        .group_by(Unit.body)).all())


def _profiles_by_body(period):
    """``{body: (units, complete profiles, current members, members who joined in the period)}``,
    two queries."""
    points = member_points()
    profiles = db.session.execute(
        select(Unit.body, func.count(Unit.id), func.sum(case((completeness(points) >= 100, 1), else_=0)),
               func.sum(func.coalesce(points.c.members, 0)))
        .outerjoin(points, points.c.unit_id == Unit.id).group_by(Unit.body))
    joined = dict(db.session.execute(
        select(Unit.body, func.count(Member.id)).join(Member.unit)
        .where(in_days(Member.start_date, period.start, period.end)).group_by(Unit.body)).all())
    return {body: (units, complete or 0, members or 0, joined.get(body, 0))
            for body, units, complete, members in profiles}


def report_items(period):
    titles = body_titles()
    items = []
    for body, count in sorted(_cards_by_body(period).items(), key=lambda pair: BODIES.index(pair[0])):
        items.append({
            "key": f"cards.{body}",
            "text": _("%(count)s member cards issued to the members of %(body)s.", count=fa_number(count),
                      body=titles[body]),
            "previous": previous_occurrence(Card.issued_on, period.start, Card.member_id.in_(_body_members(body))),
        })
    for body, (units, complete, members, joined) in sorted(_profiles_by_body(period).items(),
                                                             key=lambda pair: BODIES.index(pair[0])):
        if joined:
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


def _members_at(day):
    """Members on ``day``: started by then (or undated) and not ended before it."""
    return db.session.scalar(select(func.count(Member.id)).where(
        or_(Member.start_date.is_(None), Member.start_date <= day),
        or_(Member.end_date.is_(None), Member.end_date > day))) or 0


def _mean_completeness():
    points = member_points()
    per_unit = select(completeness(points).label("percent")).outerjoin(points, points.c.unit_id == Unit.id) \
        .where(Unit.deleted_at.is_(None)).subquery()
    return round(db.session.scalar(select(func.avg(per_unit.c.percent))) or 0)


def metrics(period, user):
    return [
        {"key": "members", "title": _("Council members"), "value": _members_at(period.end),
         "endpoint": "council.members", "permission": "council.view"},
        {"key": "cards", "title": _("Member cards issued"), "value": count_in(period, Card.issued_on),
         "endpoint": "council.cards", "url_args": _period_args(period), "permission": "council.view"},
        {"key": "profiles", "title": _("Mean profile completeness of the PR units"), "value": _mean_completeness(),
         "unit": _("percent"), "endpoint": "council.units", "url_args": {"sort": "completeness"},
         "permission": "council.view"},
    ]


def charts(period, user):
    titles = body_titles()
    return [{
        "key": "cards",
        "title": _("Member cards issued per month"),
        "series": [{"title": titles[body], "counts": monthly_counts(Card.issued_on, period,
                                                                      Card.member_id.in_(_body_members(body)))}
                   for body in BODIES],
        "permission": "council.view",
    }]
