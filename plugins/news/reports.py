"""The news section of the activity report (گزارش مختصر فعالیت‌ها): one item per kind of work,
each a Persian sentence from SQL counts of the period, nothing for a kind without activity.

What is counted:
- news items by their ``date`` (the publication day once published). «Produced» means published
  or under review: a draft is unfinished work and is left out. The average per day divides the
  published ones by the period's days up to today (a year still running is not diluted by the
  days to come);
- publications on channels (internal network, ministry, messengers) of the published items of
  the period, one per item and channel, by the item's date as the news list filters them;
- events by their date, and their frames (core photos of ``news_events``);
- press conferences held, by ``held_on``; bulletins by the Jalali month they cover;
- captions, media contacts and announcements by their date (announcements: the letter's date).

A fixed number of queries, whatever the rows (GROUP BY, never one per row).
"""
from collections import Counter

import jdatetime
from sqlalchemy import bindparam, case, func, select

from core.db import built_once, built_rows
from core.extensions import request_gettext as _
from core.extensions import translated
from core.jalali import format_date
from core.models import Person
from core.reports.annotations import annotation, full_years, min_years
from core.sms import batches_and_reach
from core.stats import PERIOD_END, PERIOD_START, in_period, period_params
from core.text import fa_number

from .labels import CONFERENCE_KIND_LABELS, ITEM_TYPE_LABELS
from .models import (Announcement, Bulletin, Caption, Channel, Event, NewsItem, OutletContact, PressConference,
                     Publication)

PRODUCED = ("review", "published")
LATEST_ITEMS = 10


def _join(parts):
    return "، ".join(parts)


def _split(counts, labels):
    """«۸۴۰ خبر، ۹۰ گزارش تصویری» in the order of ``labels``, zeros left out."""
    return _join(f"{fa_number(counts[code])} {translated(title)}" for code, title in labels.items() if counts.get(code))


@built_once
def _grouped_statement(column, date_column):
    return select(column, func.count()).where(in_period(date_column)).group_by(column)


def _grouped(column, date_column, period):
    """``{value of column: count}`` of the rows dated in ``period`` (one GROUP BY query)."""
    return Counter(dict(built_rows(_grouped_statement(column, date_column), period_params(period)).all()))


@built_once
def _channel_counts():
    counts = (select(Publication.channel_id, func.count().label("count")).select_from(Publication)
              .join(NewsItem, NewsItem.id == Publication.item_id)
              .where(NewsItem.status == "published", in_period(NewsItem.date))
              .group_by(Publication.channel_id).subquery())
    return (select(Channel.id, Channel.name, Channel.kind, counts.c.count)
            .join(counts, counts.c.channel_id == Channel.id).order_by(Channel.position, Channel.id))


def channel_counts(period):
    """``[(channel id, name, kind, count)]``: publications of the period's published items per
    channel, in the channels' order (one query; the publications are counted per channel first,
    read on their ``(item, channel)`` key from the items joined to them, cheaper than an IN of the
    items' ids: 2.0 → 1.6 ms for a year; and only then joined to the channels)."""
    return built_rows(_channel_counts(), period_params(period)).all()


@built_once
def _events_and_frames():
    return select(func.count(Event.id), func.coalesce(func.sum(Event.frames), 0)).where(in_period(Event.date))


def events_and_frames(period):
    """``(events, frames)`` of the period's events (one query: each event's frames counted on the
    photos' entity index, cheaper than joining the photos and counting the events distinct)."""
    events, frames = built_rows(_events_and_frames(), period_params(period)).one()
    return events, frames


@built_once
def _items_counts():
    return (select(NewsItem.status, NewsItem.type, func.count())
            .where(in_period(NewsItem.date), NewsItem.status.in_(PRODUCED)).group_by(NewsItem.status, NewsItem.type))


@built_once
def _latest_items():
    return (select(NewsItem.date, NewsItem.title).where(in_period(NewsItem.date), NewsItem.status == "published")
            .order_by(NewsItem.date.desc(), NewsItem.id.desc()).limit(LATEST_ITEMS))


def _items_item(period):
    params = period_params(period)
    counts = built_rows(_items_counts(), params).all()
    produced = sum(count for _status, _type, count in counts)
    if not produced:
        return []
    by_type = Counter({kind: count for status, kind, count in counts if status == "published"})
    published = sum(by_type.values())
    if not published:
        text = _("%(count)s news items produced, under review.", count=fa_number(produced))
    else:
        split = f" ({_split(by_type, ITEM_TYPE_LABELS)})" if len(by_type) > 1 else ""
        average = fa_number(published / period.days_so_far, 1)
        if published == produced:
            text = _("%(count)s news items produced and published%(split)s, %(average)s a day on average.",
                     count=fa_number(published), split=split, average=average)
        else:
            text = _("%(produced)s news items produced and %(published)s published%(split)s, "
                     "%(average)s a day on average.", produced=fa_number(produced),
                     published=fa_number(published), split=split, average=average)
    latest = built_rows(_latest_items(), params)
    return [{"key": "items", "text": text, "details": [f"{format_date(day)}: {title}" for day, title in latest]}]


def _channel_items(period):
    rows = channel_counts(period)
    items = []
    internal = sum(count for _id, _name, kind, count in rows if kind == "internal")
    if internal:
        items.append({"key": "internal", "text": _("%(count)s posts on the internal network.",
                                                   count=fa_number(internal))})
    ministry = sum(count for _id, _name, kind, count in rows if kind == "ministry")
    if ministry:
        items.append({"key": "ministry", "text": _("%(count)s news items forwarded to the ministry of interior "
                                                   "website.", count=fa_number(ministry))})
    messengers = [(name, count) for _id, name, kind, count in rows if kind == "messenger"]
    if len(messengers) == 1:
        name, count = messengers[0]
        items.append({"key": "messengers", "text": _("%(count)s news items republished on %(channel)s.",
                                                     count=fa_number(count), channel=name)})
    elif messengers:
        split = _join(f"{name} {fa_number(count)}" for name, count in messengers)
        items.append({"key": "messengers", "text": _("%(count)s news items republished on messengers (%(split)s).",
                                                     count=fa_number(sum(c for _n, c in messengers)), split=split)})
    return items


def _events_item(period):
    events, frames = events_and_frames(period)
    if not events:
        return []
    if frames:
        text = _("Photo archive of %(events)s events with %(frames)s frames.",
                 events=fa_number(events), frames=fa_number(frames))
    else:
        text = _("Photo archive of %(events)s events.", events=fa_number(events))
    return [{"key": "events", "text": text}]


def _captions_item(period):
    counts = _grouped(Caption.kind, Caption.date, period)
    captions, clips = counts["caption"], counts["clip"]
    if captions and clips:
        text = _("%(captions)s photo captions and %(clips)s clips made.",
                 captions=fa_number(captions), clips=fa_number(clips))
    elif captions:
        text = _("%(count)s photo captions made.", count=fa_number(captions))
    elif clips:
        text = _("%(count)s clips made.", count=fa_number(clips))
    else:
        return []
    return [{"key": "captions", "text": text}]


def _sms_item(period):
    batches, reach = batches_and_reach(period.start, period.end, module="news")
    if not batches:
        return []
    if reach:
        text = _("%(count)s SMS bulletins sent, reaching %(reach)s people.",
                 count=fa_number(batches), reach=fa_number(reach))
    else:
        text = _("%(count)s SMS bulletins sent.", count=fa_number(batches))
    return [{"key": "sms", "text": text}]


@built_once
def _conference_officials():
    held_on = PressConference.held_on
    first = func.min(case((held_on >= PERIOD_START, held_on))).label("first")
    previous = func.max(case((held_on < PERIOD_START, held_on))).label("previous")
    # Outer join: the conferences of no official (or of one in the trash) still count as previous.
    return (select(Person.id, Person.first_name, Person.last_name, Person.position, first, previous)
            .select_from(PressConference).outerjoin(Person, Person.id == PressConference.official_id)
            .where(PressConference.status == "held", held_on <= PERIOD_END)
            .group_by(PressConference.official_id, Person.id, Person.first_name, Person.last_name, Person.position)
            .order_by(first, Person.last_name))


def _conference_history(period):
    """``(previous, gaps)``: the latest conference held before the period, whoever held it, and
    ``[(name, position, first held in the period, previous held before it)]`` for each official
    who held one in the period after one held at least ``REPORT_GAP_YEARS`` years earlier (one
    GROUP BY query over the held conferences up to the period's end)."""
    rows = built_rows(_conference_officials(), period_params(period)).all()
    gaps = [(f"{row.first_name} {row.last_name}", row.position, row.first, row.previous) for row in rows
            if row.id is not None and row.first is not None and row.previous is not None
            and full_years(row.previous, row.first) >= min_years()]
    return max((row.previous for row in rows if row.previous is not None), default=None), gaps


@built_once
def _conferences_held():
    return (select(PressConference.kind, func.count(), func.min(PressConference.held_on))
            .where(PressConference.status == "held", in_period(PressConference.held_on)).group_by(PressConference.kind))


def _conferences_item(period):
    rows = built_rows(_conferences_held(), period_params(period)).all()
    held = sum(count for _kind, count, _first in rows)
    if not held:
        return []
    by_kind = Counter({kind: count for kind, count, _first in rows})
    split = f" ({_split(by_kind, CONFERENCE_KIND_LABELS)})" if len(by_kind) > 1 else ""
    previous, gaps = _conference_history(period)
    details = [_("Press conference of %(official)s, %(gap)s.",
                 official=_join(filter(None, (name, position))), gap=annotation(earlier, first))
               for name, position, first, earlier in gaps]
    return [{"key": "conferences", "text": _("%(count)s press conferences held%(split)s.",
                                             count=fa_number(held), split=split),
             "previous": previous,
             "occurred": min(first for _kind, _count, first in rows),
             "details": details}]


def _month_key(year, month):
    return year * 100 + month


@built_once
def _bulletins():
    # One row per bulletin (a handful a month), a confidential one without its title.
    return (select(Bulletin.confidential, case((Bulletin.confidential, None), else_=Bulletin.title))
            .where(_month_key(Bulletin.year, Bulletin.month).between(bindparam("first"), bindparam("last")))
            .order_by(Bulletin.year, Bulletin.month, Bulletin.id))


def _bulletins_item(period):
    """Bulletins of the Jalali months the period touches; confidential ones are counted, their
    titles never shown."""
    first, last = (_month_key(day.year, day.month) for day in
                   (jdatetime.date.fromgregorian(date=period.start), jdatetime.date.fromgregorian(date=period.end)))
    rows = built_rows(_bulletins(), {"first": first, "last": last}).all()
    if not rows:
        return []
    count, confidential = len(rows), sum(1 for secret, _title in rows if secret)
    if confidential:
        text = _("%(count)s news bulletins prepared, %(confidential)s of them confidential.",
                 count=fa_number(count), confidential=fa_number(confidential))
    else:
        text = _("%(count)s news bulletins prepared.", count=fa_number(count))
    return [{"key": "bulletins", "text": text, "details": [title for secret, title in rows if not secret]}]


def _contacts_item(period):
    counts = _grouped(OutletContact.kind, OutletContact.date, period)
    visits, meetings = counts["visit"], counts["meeting"]
    if visits and meetings:
        text = _("%(visits)s visits to outlets and %(meetings)s meetings with reporters.",
                 visits=fa_number(visits), meetings=fa_number(meetings))
    elif visits:
        text = _("%(count)s visits to outlets.", count=fa_number(visits))
    elif meetings:
        text = _("%(count)s meetings with reporters.", count=fa_number(meetings))
    else:
        return []
    return [{"key": "contacts", "text": text}]


@built_once
def _announcements():
    return select(func.count()).select_from(Announcement).where(in_period(Announcement.sent_on))


def _announcements_item(period):
    count = built_rows(_announcements(), period_params(period)).scalar()
    if not count:
        return []
    return [{"key": "announcements", "text": _("%(count)s event announcements sent.",
                                               count=fa_number(count))}]


PARTS = (_items_item, _events_item, _captions_item, _channel_items, _sms_item, _conferences_item,
         _bulletins_item, _contacts_item, _announcements_item)


def report_items(period):
    """The plugin's items for ``period``, in the order of the department's usual report."""
    return [item for part in PARTS for item in part(period)]
