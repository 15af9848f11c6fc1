"""The news module's part of the dashboard: figures of the period, each linking to the list that
shows what it counts, and the monthly trends of published news (by type) and of events."""
from flask_babel import gettext as _
from sqlalchemy import select

from core.db import db
from core.jalali import to_jalali_input
from core.sms import reach
from core.stats import count_in, monthly_counts
from core.text import to_ascii_digits

from .labels import ITEM_TYPE_LABELS
from .models import Channel, Event, NewsItem, PressConference
from .reports import channel_counts, events_and_frames

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


def metrics(period, user):
    dates = _dates(period)
    events, frames = events_and_frames(period)
    ministry = sum(count for _id, _name, kind, count in channel_counts(period) if kind == "ministry")
    channel_id = _ministry_channel()
    ministry_args = {"status": "published", **({"channel": channel_id} if channel_id is not None else {})}

    def tile(key, title, value, endpoint, **args):
        return {"key": key, "title": title, "value": value, "endpoint": endpoint, "permission": PERMISSION,
                "url_args": {**args, **dates}}

    return [
        tile("published", _("Published news items"),
             count_in(period, NewsItem.date, NewsItem.status == "published"), "news.index", status="published"),
        tile("events", _("Events of the photo archive"), events, "news.events"),
        tile("frames", _("Photo frames of the events"), frames, "news.events"),
        tile("conferences", _("Press conferences held"),
             count_in(period, PressConference.held_on, PressConference.status == "held"),
             "news.conferences", status="held"),
        tile("sms_reach", _("People reached by SMS bulletins"), reach(period.start, period.end, module="news"),
             "news.sms"),
        tile("ministry", _("News items forwarded to the ministry"), ministry, "news.index", **ministry_args),
    ]


def charts(period, user):
    published = NewsItem.status == "published"
    series = [{"title": str(ITEM_TYPE_LABELS[kind]),
               "counts": monthly_counts(NewsItem.date, period, published, NewsItem.type == kind)}
              for kind in CHART_TYPES]
    series.append({"title": _("Other types"),
                   "counts": monthly_counts(NewsItem.date, period, published, NewsItem.type.not_in(CHART_TYPES))})
    series = [entry for entry in series if any(count for _jy, _jm, count in entry["counts"])]
    events = monthly_counts(Event.date, period)
    charts = []
    if series:
        charts.append({"key": "published", "title": _("News items published per month"), "series": series,
                       "permission": PERMISSION})
    if any(count for _jy, _jm, count in events):
        charts.append({"key": "events", "title": _("Events of the photo archive per month"), "counts": events,
                       "permission": PERMISSION})
    return charts
