"""The news module's part of the dashboard: figures of the period, each linking to the list that
shows what it counts, and the monthly trends of published news (by type) and of events."""
from flask_babel import gettext as _
from sqlalchemy import case, literal_column, select

from core.db import db
from core.jalali import to_jalali_input
from core.sms.stats import reaches
from core.stats import counts_in, figure_values, in_any, monthly_counts, monthly_counts_by, per_period
from core.text import to_ascii_digits

from .labels import ITEM_TYPE_LABELS
from .models import Channel, Event, NewsItem, PressConference, Publication

PERMISSION = "news.view"
# The chart's series: the three commonest types alone, the rest together (a chart takes four).
CHART_TYPES = ("news", "photo_report", "interview")


def _dates(period):
    return {"start": to_ascii_digits(to_jalali_input(period.start)),
            "end": to_ascii_digits(to_jalali_input(period.end))}


def _ministry_channel():
    """The ministry's channel when there is exactly one (the list filters by one channel)."""
    ids = db.session.scalars(select(Channel.id).where(Channel.kind == "ministry").limit(2)).all()
    return ids[0] if len(ids) == 1 else None


def _events_and_frames(periods):
    """``[(events, frames)]`` of each period's events (one query)."""
    row = db.session.execute(select(*per_period(periods, Event.date),
                                    *per_period(periods, Event.date, value=Event.frames))
                             .where(in_any(periods, Event.date))).one()
    return [(count, int(total)) for count, total in zip(row[:len(periods)], row[len(periods):])]


def _forwarded_to_ministry(periods):
    """Publications on the ministry's channels of each period's published items (one query)."""
    return list(db.session.execute(
        select(*per_period(periods, NewsItem.date)).select_from(Publication)
        .join(Channel, Channel.id == Publication.channel_id).join(Publication.item)
        .where(Channel.kind == "ministry", NewsItem.status == "published", in_any(periods, NewsItem.date))).one())


def metrics(period, user, periods=None):
    """The figures of ``period``, with ``values`` for each of ``periods`` (``period`` first) as
    the dashboard hook gives them: six queries, whatever the periods and rows."""
    periods = periods or [period]
    dates = _dates(period)
    events, frames = zip(*_events_and_frames(periods))
    channel_id = _ministry_channel()
    ministry_args = {"status": "published", **({"channel": channel_id} if channel_id is not None else {})}

    def tile(key, title, values, endpoint, **args):
        return {"key": key, "title": title, **figure_values(values), "endpoint": endpoint, "permission": PERMISSION,
                "url_args": {**args, **dates}}

    return [
        tile("published", _("Published news items"),
             counts_in(periods, NewsItem.date, NewsItem.status == "published"), "news.index", status="published"),
        tile("events", _("Events of the photo archive"), events, "news.events"),
        tile("frames", _("Photo frames of the events"), frames, "news.events"),
        tile("conferences", _("Press conferences held"),
             counts_in(periods, PressConference.held_on, PressConference.status == "held"),
             "news.conferences", status="held"),
        tile("sms_reach", _("People reached by SMS bulletins"), reaches(periods, module="news"), "news.sms"),
        tile("ministry", _("News items forwarded to the ministry"), _forwarded_to_ministry(periods), "news.index",
             **ministry_args),
    ]


def charts(period, user):
    published = NewsItem.status == "published"
    kinds = case((NewsItem.type.in_(CHART_TYPES), NewsItem.type), else_=literal_column("''"))
    by_kind = monthly_counts_by(kinds, NewsItem.date, period, published)
    titles = {**{kind: str(ITEM_TYPE_LABELS[kind]) for kind in CHART_TYPES}, "": _("Other types")}
    # Types without items this year are left out (a type counted 0 every month gives no series).
    series = [{"title": titles[kind], "counts": by_kind[kind]} for kind in (*CHART_TYPES, "") if kind in by_kind]
    events = monthly_counts(Event.date, period)
    charts = []
    if series:
        charts.append({"key": "published", "title": _("News items published per month"), "series": series,
                       "permission": PERMISSION})
    if any(count for _jy, _jm, count in events):
        charts.append({"key": "events", "title": _("Events of the photo archive per month"), "counts": events,
                       "permission": PERMISSION})
    return charts
