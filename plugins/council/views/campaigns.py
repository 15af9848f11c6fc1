"""Campaigns (پویش‌ها) of the PR units, such as #پاسخگو_هستیم: the campaign with its dates and
participating units, and its events (a Q&A session, a radio programme, a post) each by a unit with
the people it reached; counts per unit and per kind on the campaign's page. A unit that holds an
event joins the campaign's participants."""
from collections import defaultdict

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from core.db import db
from core.exporting import Column, export_list
from core.jalali import parse_jalali_date, today
from core.listing import ListQuery
from core.models import Organization
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.text import to_ascii_digits

from ..blueprint import bp
from ..forms.honors import CampaignForm, EventForm, event_kind_titles
from ..models import Unit
from ..models.honors import EVENT_KINDS, Campaign, CampaignEvent
from .honors import by_year, filter_args

STATUSES = ("active", "upcoming", "finished")


def status_titles():
    return {"active": _("Under way"), "upcoming": _("Not started"), "finished": _("Finished")}


def _status(statement, value):
    day = today()
    if value == "active":
        return statement.where(Campaign.start_date <= day,
                               or_(Campaign.end_date.is_(None), Campaign.end_date >= day))
    if value == "upcoming":
        return statement.where(Campaign.start_date > day)
    if value == "finished":
        return statement.where(Campaign.end_date < day)
    return statement


CAMPAIGNS = ListQuery(
    select(Campaign),
    search_column=Campaign.search_text,
    filters={
        "status": _status,
        "year": by_year(Campaign.start_date),
        # Campaigns running at some time between the dates.
        "start": lambda statement, value: statement.where(
            or_(Campaign.end_date.is_(None), Campaign.end_date >= parse_jalali_date(value))),
        "end": lambda statement, value: statement.where(Campaign.start_date <= parse_jalali_date(value)),
    },
    sorts={"start": Campaign.start_date, "title": Campaign.title},
    default_sort="-start",
)


def campaign_figures(campaign_ids):
    """``{campaign id: {"events", "reach", "units"}}`` in two GROUP BY queries."""
    figures = defaultdict(lambda: {"events": 0, "reach": 0, "units": 0})
    if not campaign_ids:
        return figures
    for campaign_id, events, reach in db.session.execute(
            select(CampaignEvent.campaign_id, func.count(), func.coalesce(func.sum(CampaignEvent.reach), 0))
            .where(CampaignEvent.campaign_id.in_(campaign_ids)).group_by(CampaignEvent.campaign_id)):
        figures[campaign_id].update(events=events, reach=reach)
    units = Campaign.units.property.secondary
    for campaign_id, count in db.session.execute(
            select(units.c.campaign_id, func.count(distinct(units.c.unit_id))).join(Unit, Unit.id == units.c.unit_id)
            .where(units.c.campaign_id.in_(campaign_ids)).group_by(units.c.campaign_id)):
        figures[campaign_id]["units"] = count
    return figures


def _campaign_figure(key):
    return lambda row: row[1][key]


CAMPAIGN_COLUMNS = [
    Column(_l("Title"), lambda row: row[0].title, width=40),
    Column(_l("Hashtag"), lambda row: row[0].hashtag, width=24),
    Column(_l("Start date"), lambda row: row[0].start_date, kind="date", width=14),
    Column(_l("End date"), lambda row: row[0].end_date, kind="date", width=14),
    Column(_l("Status"), lambda row: str(status_titles()[row[0].status()]), width=12),
    Column(_l("Participating PR units"), _campaign_figure("units"), kind="number", width=12),
    Column(_l("Events"), _campaign_figure("events"), kind="number", width=10),
    Column(_l("Reach or attendance"), _campaign_figure("reach"), kind="number", width=14),
]


def _with_figures(campaigns):
    figures = campaign_figures([campaign.id for campaign in campaigns])
    return [(campaign, figures[campaign.id]) for campaign in campaigns]


@bp.route("/campaigns/")
@permission_required("council.view")
def campaigns():
    filters, args = filter_args()
    export = export_list(CAMPAIGNS, CAMPAIGN_COLUMNS, title=_("Campaigns"), filename=_("campaigns"),
                         prepare=_with_figures, args=args)
    if export is not None:
        return export
    page = CAMPAIGNS.page(db.session, args)
    return render("council/campaigns/list.html", block="results", page=page, filters=filters,
                  figures=campaign_figures([campaign.id for campaign in page.items]), statuses=status_titles())


def _campaign_or_404(campaign_id):
    return db.one_or_404(select(Campaign).where(Campaign.id == campaign_id))


def _event_or_404(event_id):
    return db.one_or_404(select(CampaignEvent).join(CampaignEvent.campaign).where(CampaignEvent.id == event_id))


def _chosen_units(ids):
    return db.session.scalars(select(Unit).where(Unit.id.in_(ids))).all() if ids else []


@bp.route("/campaigns/new", methods=["GET", "POST"])
@permission_required("council.edit")
def campaign_new():
    form = CampaignForm()
    if form.validate_on_submit():
        campaign = Campaign()
        form.populate_obj(campaign)
        campaign.units = _chosen_units(form.units.data)
        db.session.add(campaign)
        db.session.commit()
        flash(_("The campaign was recorded; add its events."), "success")
        return redirect_to(url_for(".campaign", campaign_id=campaign.id))
    return render_form("council/campaigns/form.html", form, campaign=None)


@bp.route("/campaigns/<int:campaign_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def campaign_edit(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    form = CampaignForm(obj=campaign, campaign=campaign)
    if request.method == "GET":
        form.units.data = [unit.id for unit in campaign.units]
    if form.validate_on_submit():
        form.populate_obj(campaign)
        campaign.units = _chosen_units(form.units.data)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".campaign", campaign_id=campaign.id))
    return render_form("council/campaigns/form.html", form, campaign=campaign)


@bp.route("/campaigns/<int:campaign_id>/delete", methods=["POST"])
@permission_required("council.edit")
def campaign_delete(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    campaign.soft_delete(current_user)
    db.session.commit()
    flash(_("The campaign was moved to the trash."), "success")
    return redirect_to(url_for(".campaigns"))


def _unit_filter(statement, value):
    value = to_ascii_digits(value)
    return statement.where(CampaignEvent.unit_id == int(value)) if value.isdigit() else statement


def _kind_filter(statement, value):
    return statement.where(CampaignEvent.kind == value) if value in EVENT_KINDS else statement


def _events_of(campaign):
    return ListQuery(
        select(CampaignEvent).where(CampaignEvent.campaign_id == campaign.id)
        .options(selectinload(CampaignEvent.unit).selectinload(Unit.organization)),
        search_column=CampaignEvent.search_text,
        filters={"unit": _unit_filter, "kind": _kind_filter},
        sorts={"date": CampaignEvent.date, "reach": CampaignEvent.reach},
        default_sort="date",
    )


EVENT_COLUMNS = [
    Column(_l("Date"), "date", kind="date", width=14, sort="date"),
    Column(_l("Title"), "title", width=40),
    Column(_l("PR unit"), "unit.organization.name", width=34),
    Column(_l("Kind"), lambda event: str(event_kind_titles().get(event.kind, event.kind)), width=18),
    Column(_l("Reach or attendance"), "reach", kind="number", width=14, sort="reach"),
    Column(_l("Link"), "link", width=30),
    Column(_l("Note"), "note", width=30),
]


def unit_counts(campaign):
    """``[(unit id, name, events, reach)]``: the participating units and any unit with an event,
    most events first (two queries)."""
    counts = {unit_id: (events, reach) for unit_id, events, reach in db.session.execute(
        select(CampaignEvent.unit_id, func.count(), func.coalesce(func.sum(CampaignEvent.reach), 0))
        .where(CampaignEvent.campaign_id == campaign.id).group_by(CampaignEvent.unit_id))}
    units = Campaign.units.property.secondary
    names = dict(db.session.execute(
        select(Unit.id, Organization.name).join(Unit.organization)
        .where(or_(Unit.id.in_(select(units.c.unit_id).where(units.c.campaign_id == campaign.id)),
                   Unit.id.in_([unit_id for unit_id in counts if unit_id is not None])))).all())
    rows = [(unit_id, name, *counts.get(unit_id, (0, 0))) for unit_id, name in names.items()]
    if None in counts:
        rows.append((None, _("No unit recorded"), *counts[None]))
    return sorted(rows, key=lambda row: (-row[2], row[1]))


def kind_counts(campaign):
    """``[(kind, events, reach)]`` of the campaign's events, in the kinds' order (one query)."""
    counts = {kind: (events, reach) for kind, events, reach in db.session.execute(
        select(CampaignEvent.kind, func.count(), func.coalesce(func.sum(CampaignEvent.reach), 0))
        .where(CampaignEvent.campaign_id == campaign.id).group_by(CampaignEvent.kind))}
    return [(kind, *counts[kind]) for kind in EVENT_KINDS if kind in counts]


@bp.route("/campaigns/<int:campaign_id>")
@permission_required("council.view")
def campaign(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    events = _events_of(campaign)
    export = export_list(events, EVENT_COLUMNS, title=campaign.title, filename=_("events of %(title)s",
                                                                             title=campaign.title))
    if export is not None:
        return export
    page = events.page(db.session)
    units = unit_counts(campaign)
    kinds = kind_counts(campaign)
    return render("council/campaigns/campaign.html", block="results", campaign=campaign, page=page,
                  columns=EVENT_COLUMNS, units=units, kinds=kinds, kind_titles=event_kind_titles(),
                  totals=(sum(row[1] for row in kinds), sum(row[2] for row in kinds)),
                  statuses=status_titles())


def _save_event(form, event, campaign):
    form.populate_obj(event)
    event.unit = db.session.get(Unit, form.unit.data) if form.unit.data else None
    if event.unit is not None and event.unit not in campaign.units:
        campaign.units.append(event.unit)
        flash(_("%(unit)s joined the campaign's participating units.", unit=event.unit), "success")


@bp.route("/campaigns/<int:campaign_id>/events/new", methods=["GET", "POST"])
@permission_required("council.edit")
def event_new(campaign_id):
    campaign = _campaign_or_404(campaign_id)
    # «ثبت و بعدی» comes back here with the kind and the date of the one just saved.
    form = EventForm(campaign=campaign, kind=request.args.get("kind", "qa_session"),
                     date=_date_arg(request.args.get("date")) or min(max(today(), campaign.start_date),
                                                                     campaign.end_date or today()))
    if form.validate_on_submit():
        event = CampaignEvent(campaign_id=campaign.id)
        _save_event(form, event, campaign)
        db.session.add(event)
        db.session.commit()
        if "next" in request.form:
            flash(_("The event was recorded. Enter the next one."), "success")
            return redirect_to(url_for(".event_new", campaign_id=campaign.id, kind=event.kind,
                                       date=to_ascii_digits(form.date._value())))
        flash(_("The event was recorded."), "success")
        return redirect_to(url_for(".campaign", campaign_id=campaign.id))
    return render_form("council/campaigns/event_form.html", form, campaign=campaign, event=None)


def _date_arg(value):
    try:
        return parse_jalali_date(value) if value else None
    except ValueError:
        return None


@bp.route("/campaigns/events/<int:event_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def event_edit(event_id):
    event = _event_or_404(event_id)
    form = EventForm(obj=event, campaign=event.campaign)
    if request.method == "GET":
        form.unit.data = event.unit_id
    if form.validate_on_submit():
        _save_event(form, event, event.campaign)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".campaign", campaign_id=event.campaign_id))
    return render_form("council/campaigns/event_form.html", form, campaign=event.campaign, event=event)


@bp.route("/campaigns/events/<int:event_id>/delete", methods=["POST"])
@permission_required("council.edit")
def event_delete(event_id):
    event = _event_or_404(event_id)
    event.soft_delete(current_user)
    db.session.commit()
    flash(_("The event was moved to the trash."), "success")
    return redirect_to(url_for(".campaign", campaign_id=event.campaign_id))


def calendar_entries(start, end, user):
    """Each campaign as a span over the days shown, and each of its events on its day."""
    campaigns = db.session.scalars(select(Campaign).where(
        Campaign.start_date <= end, or_(Campaign.end_date.is_(None), Campaign.end_date >= start)))
    entries = [{"date": max(campaign.start_date, start), "end_date": min(campaign.end_date or end, end),
                "kind": "campaign", "kind_title": _("Campaign"), "title": campaign.hashtag or campaign.title,
                "detail": campaign.title if campaign.hashtag else "",
                "endpoint": "council.campaign", "url_args": {"campaign_id": campaign.id}}
               for campaign in campaigns]
    events = db.session.scalars(
        select(CampaignEvent).join(CampaignEvent.campaign).where(CampaignEvent.date.between(start, end))
        .options(joinedload(CampaignEvent.unit).joinedload(Unit.organization),
                 contains_eager(CampaignEvent.campaign)))
    titles = event_kind_titles()
    entries += [{"date": event.date, "kind": "campaign_event", "kind_title": _("Campaign event"),
                 "title": event.title,
                 "detail": " · ".join(str(part) for part in (titles.get(event.kind), event.unit,
                                                             event.campaign.hashtag or event.campaign.title) if part),
                 "endpoint": "council.campaign", "url_args": {"campaign_id": event.campaign_id}}
                for event in events]
    return entries


def _campaign_hit(campaign):
    return {"title": campaign.title, "url": url_for("council.campaign", campaign_id=campaign.id),
            "detail": campaign.hashtag, "date": campaign.start_date}


def _event_hit(event):
    return {"title": event.title, "url": url_for("council.campaign", campaign_id=event.campaign_id),
            "detail": " · ".join(str(part) for part in (event.unit, event.campaign.title) if part), "date": event.date}


def search_groups(query, user, limit):
    return [
        SearchGroup("campaigns", _l("Campaigns"), (Campaign.search_text,),
                    lambda match: select(Campaign).where(match).order_by(Campaign.start_date.desc()),
                    hit=_campaign_hit, more_url=lambda: url_for("council.campaigns", q=query.text)),
        SearchGroup("campaign_events", _l("Campaign events"), (CampaignEvent.search_text,),
                    lambda match: select(CampaignEvent).join(CampaignEvent.campaign).where(match)
                    .options(selectinload(CampaignEvent.unit).selectinload(Unit.organization),
                             selectinload(CampaignEvent.campaign))
                    .order_by(CampaignEvent.date.desc()),
                    hit=_event_hit),
    ]
