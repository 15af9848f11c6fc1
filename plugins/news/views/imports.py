"""The import of past news items from an XLSX or CSV file (core.importing: upload, a preview with
a Persian message on each bad cell, then one transaction), so the office loads what it already has.

Channels, officials and topics are looked up by name and never created here: an unknown name is
an error on its row, to be added first on the settings page or in the directory. A row with the
title and date of a news item already recorded is reported and left out."""
import re
from datetime import date, datetime, time

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core import importing
from core.db import db
from core.importing import Column, Importer
from core.jalali import TIMEZONE, parse_jalali_date, today
from core.models import Person
from core.text import normalize_fa, to_fa_digits

from ..blueprint import bp
from ..labels import ITEM_TYPE_LABELS
from ..models import Channel, NewsItem, Publication, Topic

MAX_ROWS = 10_000
_LIST_SEPARATORS = re.compile(r"[,،;؛]")


def _past_date(value):
    day = parse_jalali_date(value)  # a JalaliDateError is a ValueError with a Persian message
    if day > today():
        raise ValueError(_("The publication date is in the future."))
    return day.isoformat()  # the core keeps values JSON-serializable


_type_choice = importing.choice(ITEM_TYPE_LABELS)


def _item_type(value):
    """``importing.choice(ITEM_TYPE_LABELS)`` with the labels read once per request, not once per row
    (it translates every label on each call: a third of the time of a 10,000-row file)."""
    if "news_import_types" not in g:
        g.news_import_types = {normalize_fa(str(label)): code for code, label in ITEM_TYPE_LABELS.items()}
    code = g.news_import_types.get(normalize_fa(value))
    return code if code is not None else _type_choice(value)  # raises the core's Persian message


def _names(value):
    """A cell listing names separated by commas (, or ،): the names, each once."""
    names = {}
    for name in _LIST_SEPARATORS.split(value):
        name = name.strip()
        if name:
            names.setdefault(normalize_fa(name), name)
    return list(names.values())


def _by_name(records, name_of):
    """{normalized name: [records]} (a list, so two people of one name can be told apart)."""
    found = {}
    for record in records:
        found.setdefault(normalize_fa(name_of(record)), []).append(record)
    return found


def _resolve(row, column, known, unknown, ambiguous=None):
    """The records named in ``column`` of ``row``; an unknown name is an error on the row worded by
    ``unknown(name)``, and so is a name of several records when ``ambiguous`` words it."""
    records = []
    for name in row.values.get(column) or ():
        matches = known.get(normalize_fa(name), [])
        if not matches:
            row.add_error(column, unknown(name))
        elif len(matches) > 1 and ambiguous is not None:
            row.add_error(column, ambiguous(name))
        else:
            records.append(matches[0])
    return records


def _officials_by_name(rows):
    """The people named as officials in the file, by full name, loaded in two queries."""
    wanted = {normalize_fa(name) for row in rows for name in row.values.get("officials") or ()}
    if not wanted:
        return {}
    names = db.session.execute(select(Person.id, Person.first_name, Person.last_name)).all()
    ids = {person_id for person_id, first, last in names if normalize_fa(f"{first} {last}") in wanted}
    people = db.session.scalars(select(Person).where(Person.id.in_(ids))).all() if ids else []
    return _by_name(people, lambda person: person.full_name)


def _existing_items(rows):
    """{(normalized title, ISO date)} of the news items already recorded on the file's days."""
    days = [row.values["date"] for row in rows if row.values.get("date")]
    if not days:
        return set()
    first, last = (date.fromisoformat(day) for day in (min(days), max(days)))
    recorded = db.session.execute(select(NewsItem.title, NewsItem.date).where(NewsItem.date.between(first, last)))
    return {(normalize_fa(title), day.isoformat()) for title, day in recorded}


def _check_rows(rows):
    channels = _by_name(db.session.scalars(select(Channel).order_by(Channel.position)), lambda channel: channel.name)
    topics = _by_name(db.session.scalars(select(Topic)), lambda topic: topic.name)
    officials = _officials_by_name(rows)
    existing = _existing_items(rows)
    channel_names = "، ".join(channel.name for named in channels.values() for channel in named)
    seen = {}
    for row in rows:
        row.values["channels"] = _resolve(row, "channels", channels, lambda name: _(
            "No channel is named %(name)s. The channels are: %(names)s.", name=name, names=channel_names))
        row.values["officials"] = _resolve(
            row, "officials", officials,
            lambda name: _("No one named %(name)s is in the directory. Add the official to the directory "
                           "first (or correct the name), then upload the file again.", name=name),
            lambda name: _("More than one person in the directory is named %(name)s; record this item "
                           "by hand.", name=name))
        row.values["topics"] = _resolve(row, "topics", topics, lambda name: _(
            "No topic is named %(name)s. Add it on the news settings page first, or correct the name.",
            name=name))
        if not (row.values.get("title") and row.values.get("date")):
            continue
        key = (normalize_fa(row.values["title"]), row.values["date"])
        if key in existing:
            row.add_error("title", _("A news item with this title and date is already recorded; "
                                     "this row is skipped."))
        elif key in seen:
            row.add_error("title", _("Repeats row %(row)s of this file (same title and date).",
                                     row=to_fa_digits(seen[key])))
        else:
            seen[key] = row.number


def _save_item(values):
    day = date.fromisoformat(values["date"])
    item = NewsItem(title=values["title"], type=values["type"] or "news", status="published", date=day,
                    published_at=datetime.combine(day, time(), tzinfo=TIMEZONE),
                    officials=values["officials"], topics=values["topics"],
                    publications=[Publication(channel_id=channel.id, published_on=day)
                                  for channel in values["channels"]])
    db.session.add(item)


items_importer = Importer(
    key="items",
    title=_l("Import past news"),
    template_name=_l("news-import-template"),
    list_endpoint="news.index",
    max_rows=MAX_ROWS,
    columns=[
        Column(_l("Title"), "title", required=True, parse=importing.text(300), width=50, aliases=("title",),
               hint=_l("A row with the title and date of a news item already recorded is skipped.")),
        Column(_l("Publication date"), "date", required=True, parse=_past_date, width=14,
               aliases=("publication date", "date"),
               hint=_l("Jalali, like 1403/08/25.")),
        Column(_l("Type"), "type", parse=_item_type, width=16, aliases=("type",),
               choices=list(ITEM_TYPE_LABELS.values()), hint=_l("Empty means news.")),
        Column(_l("Channels"), "channels", parse=_names, width=36, aliases=("channels",),
               hint=_l("Names of channels as on the news settings page, separated by commas.")),
        Column(_l("Officials"), "officials", parse=_names, width=36, aliases=("officials",),
               hint=_l("First and last names as in the directory, separated by commas.")),
        Column(_l("Topics"), "topics", parse=_names, width=30, aliases=("topics",),
               hint=_l("Names of topics as on the news settings page, separated by commas.")),
    ],
    save_row=_save_item,
    check_rows=_check_rows,
)

importing.add_import_routes(bp, items_importer, "news.edit")
