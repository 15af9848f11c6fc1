"""Honors and campaigns in the activity report and on the dashboard.

- Honors: per council, the people honored at its ceremonies of the period by kind («تجلیل از ۱۲
  مدیر برتر و ۵ بازنشستهٔ روابط عمومی در مراسم …»), with «پس از N سال» / «برای اولین بار» from the
  council's previous ceremony; the county governorates' council says so in its sentence.
- Campaigns: those running at some time in the period, with their events of the period by kind,
  their participating units and the people the events reached.

A fixed number of GROUP BY queries, whatever the rows."""
from collections import Counter, defaultdict

from sqlalchemy import bindparam, distinct, func, or_, select

from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.jalali import format_date, to_jalali_input
from core.stats import (PERIOD_END, PERIOD_START, counts_in, figure_values, in_any, in_period, monthly_counts,
                        per_period, period_params)
from core.text import fa_number, to_ascii_digits, to_fa_digits

from ..forms.honors import event_kind_titles, honoree_summary, join_and
from ..models import Unit
from ..models.honors import EVENT_KINDS, Campaign, CampaignEvent, Ceremony, Honoree, campaign_units
from ..models.members import BODIES

PERMISSION = "council.view"


# The built-once statements' ceremonies or campaigns, given at execution: ``{"ids": [...]}``.
IDS = bindparam("ids", expanding=True)


@built_once
def _ceremonies():
    return (select(Ceremony.id, Ceremony.body, Ceremony.title, Ceremony.date).where(in_period(Ceremony.date))
            .order_by(Ceremony.date, Ceremony.id))


@built_once
def _honorees():
    return (select(Honoree.ceremony_id, Honoree.kind, func.count()).where(Honoree.ceremony_id.in_(IDS))
            .group_by(Honoree.ceremony_id, Honoree.kind))


@built_once
def _previous_ceremonies():
    """Per council, its latest ceremony before the period (``previous_occurrences``, built once)."""
    return (select(Ceremony.body, func.max(Ceremony.date)).where(Ceremony.date < PERIOD_START)
            .group_by(Ceremony.body))


@built_once
def _running_campaigns():
    return (select(Campaign.id, Campaign.title, Campaign.hashtag)
            .where(Campaign.start_date <= PERIOD_END,
                   or_(Campaign.end_date.is_(None), Campaign.end_date >= PERIOD_START))
            .order_by(Campaign.start_date, Campaign.id))


@built_once
def _campaign_events():
    return (select(CampaignEvent.campaign_id, CampaignEvent.kind, func.count(),
                   func.coalesce(func.sum(CampaignEvent.reach), 0))
            .where(CampaignEvent.campaign_id.in_(IDS), in_period(CampaignEvent.date))
            .group_by(CampaignEvent.campaign_id, CampaignEvent.kind))


@built_once
def _campaign_units():
    return (select(campaign_units.c.campaign_id, func.count(distinct(campaign_units.c.unit_id)))
            .join(Unit, Unit.id == campaign_units.c.unit_id)
            .where(campaign_units.c.campaign_id.in_(IDS)).group_by(campaign_units.c.campaign_id))


def _honors_items(period):
    ceremonies = built_rows(_ceremonies(), period_params(period)).all()
    if not ceremonies:
        return []
    counts = defaultdict(Counter)  # ceremony id -> {kind: honorees}
    for ceremony_id, kind, count in built_rows(_honorees(), {"ids": [row.id for row in ceremonies]}):
        counts[ceremony_id][kind] = count
    items = []
    previous = dict(built_rows(_previous_ceremonies(), period_params(period)).all())
    for body in BODIES:
        held = [row for row in ceremonies if row.body == body and counts[row.id]]
        if not held:
            continue
        total = sum((counts[row.id] for row in held), Counter())
        place = (_("at the ceremony «%(title)s»", title=held[0].title) if len(held) == 1
                 else _("at %(count)s ceremonies", count=fa_number(len(held))))
        if body == "county":
            text = _("The council of the county governorates' PR units honored %(honorees)s of public relations "
                     "%(place)s.", honorees=honoree_summary(total), place=place)
        else:
            text = _("%(honorees)s of public relations honored %(place)s.", honorees=honoree_summary(total),
                     place=place)
        items.append({
            "key": "honors" if body == "provincial" else "honors_county", "text": text,
            "details": [f"{format_date(row.date)}: {to_fa_digits(row.title)} ({honoree_summary(counts[row.id])})"
                        for row in held],
            "previous": previous.get(body),
            "occurred": held[0].date,
        })
    return items


def _campaigns_item(period):
    params = period_params(period)
    running = built_rows(_running_campaigns(), params).all()
    if not running:
        return []
    params["ids"] = [row.id for row in running]
    events = defaultdict(Counter)  # campaign id -> {kind: events}
    reach = Counter()
    for campaign_id, kind, count, people in built_rows(_campaign_events(), params):
        events[campaign_id][kind] = count
        reach[campaign_id] += people
    units = dict(built_rows(_campaign_units(), params).all())
    titles = event_kind_titles()

    def describe(row):
        name = row.hashtag or row.title
        count = sum(events[row.id].values())
        parts = []
        if count:
            split = "، ".join(f"{fa_number(events[row.id][kind])} {titles[kind]}" for kind in EVENT_KINDS
                              if events[row.id][kind])
            parts.append(_("%(count)s events (%(split)s)", count=fa_number(count), split=split))
        if units.get(row.id):
            parts.append(_("%(count)s participating PR units", count=fa_number(units[row.id])))
        if reach[row.id]:
            parts.append(_("%(count)s people reached", count=fa_number(reach[row.id])))
        return _("the campaign %(name)s with %(figures)s", name=name, figures=join_and(parts)) if parts else \
            _("the campaign %(name)s", name=name)

    total = sum(sum(counter.values()) for counter in events.values())
    if len(running) == 1:
        text = _("Ran %(campaign)s.", campaign=describe(running[0]))
        details = []
    else:
        text = _("Ran %(count)s campaigns with %(events)s events.", count=fa_number(len(running)),
                 events=fa_number(total))
        details = [describe(row) for row in running]
    return [{"key": "campaigns", "text": text, "details": details}]


def report_items(period):
    return _honors_items(period) + _campaigns_item(period)


def _dates(period):
    return {"start": to_ascii_digits(to_jalali_input(period.start)),
            "end": to_ascii_digits(to_jalali_input(period.end))}


def metrics(period, user, periods=None):
    periods = periods or [period]
    dates = _dates(period)
    honored = db.session.execute(select(*per_period(periods, Ceremony.date)).select_from(Honoree)
                                 .join(Honoree.ceremony).where(in_any(periods, Ceremony.date))).one()
    return [
        {"key": "ceremonies", "title": _("Honor ceremonies held"), **figure_values(counts_in(periods, Ceremony.date)),
         "endpoint": "council.honors", "url_args": dates, "permission": PERMISSION},
        {"key": "honorees", "title": _("People honored"), **figure_values(honored),
         "endpoint": "council.honorees", "url_args": dates, "permission": PERMISSION},
        {"key": "campaign_events", "title": _("Campaign events held"),
         **figure_values(counts_in(periods, CampaignEvent.date, CampaignEvent.campaign.has())),
         "endpoint": "council.campaigns", "url_args": dates, "permission": PERMISSION},
    ]


def charts(period, user):
    return [{"key": "campaign_events", "title": _("Campaign events per month"),
             "counts": monthly_counts(CampaignEvent.date, period, CampaignEvent.campaign.has()),
             "permission": PERMISSION}]
