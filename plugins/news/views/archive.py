"""The photo archive (آرشیو تصاویر): events with their frame counts, an event's page with its
photos, files and photo reports, and a search over the archive's photos; plus the archive's hits
for the search box and its events on the calendar.

The photos and files are the core's (core.photos, core.attachments) under the entity
``news_events``; this module only says who may see and change them."""
from dataclasses import dataclass
from typing import Any

from flask import current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2.filters import do_truncate
from markupsafe import Markup, escape
from sqlalchemy import and_, bindparam, false, func, select

from core.attachments import DOCUMENTS, attachments_of, register_attachment_owner
from core.db import built_once, built_rows, db
from core.exporting import Column, export_list
from core.jalali import format_date
from core.listing import ListQuery, date_range, grouped_rows, record_id
from core.models import Person
from core.permissions import permission_required, user_can
from core.photos.models import THUMB_COLUMNS, Photo, Thumb
from core.photos.service import photo_strip, thumb
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.text import clean_text, to_fa_digits
from core.urls import row_url

from ..blueprint import bp
from ..forms.archive import EventFilterForm, EventForm, PhotoFilterForm
from ..labels import label
from ..models import Caption, Event, NewsItem
from ..models.events import event_officials

ENTITY = Event.__tablename__  # the photos' and files' owner type: "news_events"
PHOTOS_PER_PAGE = 48
PHOTOS_MAX_COUNT = 10_000  # the photo search stops counting there («بیش از …»)


# --- who may see and change an event's photos and files ------------------------------------------

def _event_access(code):
    def check(user, event_id):
        if db.session.scalar(select(Event.id).where(Event.id == event_id)) is None:
            return None  # no such event, or it is in the trash: 404
        return user_can(user, code)
    return check


def _describe_event(event_id):
    event = db.session.scalar(select(Event).where(Event.id == event_id))
    if event is None:
        return None
    return f"{event.title}، {format_date(event.date)}", url_for("news.event", event_id=event.id)


register_attachment_owner(ENTITY, can_view=_event_access("news.view"), can_edit=_event_access("news.edit"),
                          describe=_describe_event, kinds=DOCUMENTS, photo_count=Event.frames)


# --- list filters, shared with the captions' list --------------------------------------------------

def read_filters(form_class):
    """The list's filter form from the query string and the arguments to filter by: a mistyped
    date is shown with its error and left out of the query."""
    filters = form_class(request.args)
    filters.validate()
    return filters, {name: value for name, value in request.args.items() if name not in filters.errors}


def _of_official(statement, value):
    found = record_id(value)
    if found is None:
        return statement.where(false())
    return statement.where(Event.id.in_(select(event_officials.c.event_id)
                                        .where(event_officials.c.person_id == found)))


EVENT_FILTERS = {
    "official": _of_official,
    "place": lambda statement, value: statement.where(Event.place.contains(clean_text(value), autoescape=True)),
    **date_range(Event.date),
}

# The columns the list and its export show, read as plain rows.
EVENTS = ListQuery(
    select(Event.id, Event.date, Event.title, Event.kind, Event.place, Event.frames),
    search_column=Event.search_text,
    filters={"kind": lambda statement, value: statement.where(Event.kind == value), **EVENT_FILTERS},
    sorts={"date": Event.date, "title": Event.title},
    default_sort="-date",
)

# The archive's photos, newest event first, each event's photos in their own order: the thumbnails'
# columns and their event's, read as plain rows.
PHOTOS = ListQuery(
    select(*THUMB_COLUMNS, Event.id.label("event_id"), Event.title.label("event_title"),
           Event.date.label("event_date")).join(Event, and_(Photo.entity == ENTITY, Photo.entity_id == Event.id))
    .order_by(Event.date.desc(), Event.id.desc(), Photo.sort_order),
    filters=EVENT_FILTERS,
    max_count=PHOTOS_MAX_COUNT,
)


@dataclass
class EventRow:
    """An event of the list (a row of EVENTS) with its officials' names and its figures (two
    queries for a page or an export; its frames are the event's own column)."""

    event: Any
    officials: str
    frames: int
    items: int


# In the order of the relationship Event.officials.
_OFFICIAL_NAMES = (select(event_officials.c.event_id, Person.full_name.label("name"))
                   .join(Person, Person.id == event_officials.c.person_id).order_by(Person.last_name))


@built_once
def _item_counts():
    """The items of each of the events ``ids``."""
    return (select(NewsItem.event_id, func.count()).where(NewsItem.event_id.in_(bindparam("ids", expanding=True)))
            .group_by(NewsItem.event_id))


def event_rows(events):
    ids = [event.id for event in events]
    officials = grouped_rows(db.session, _OFFICIAL_NAMES, ids)
    items = dict(built_rows(_item_counts(), {"ids": ids}).all()) if ids else {}
    return [EventRow(event, "، ".join(row.name for row in officials[event.id]), event.frames,
                     items.get(event.id, 0)) for event in events]


EVENT_COLUMNS = [
    Column(_l("Date"), "event.date", kind="date", width=14, sort="date"),
    Column(_l("Title"), "event.title", width=50, sort="title",
           link=lambda row: row_url("news.event", event_id=row.event.id)),
    Column(_l("Kind of event"), lambda row: str(label("event_kind", row.event.kind)), width=14),
    Column(_l("Place"), "event.place", width=30),
    Column(_l("Officials"), "officials", width=40),
    Column(_l("Frames"), "frames", kind="number", width=10),
    Column(_l("Linked news"), "items", kind="number", width=12),
]


def _frames_counted(args):
    """Are the photos of the events the list shows with ``args`` counted? Not for the whole
    archive: its count reads no rows, and summing the frames of every event would."""
    return any((args.get(name) or "").strip() for name in (*EVENTS.filters, "q"))


# --- pages ---------------------------------------------------------------------------------------

def _event_or_404(event_id):
    # A query (not session.get) so an event in the trash answers 404.
    return db.one_or_404(select(Event).where(Event.id == event_id))


def _places():
    """The places of the latest events, offered while typing a place."""
    return db.session.scalars(select(Event.place).where(Event.place != "").group_by(Event.place)
                              .order_by(func.max(Event.date).desc()).limit(60)).all()


@bp.route("/events/")
@permission_required("news.view")
def events():
    filters, args = read_filters(EventFilterForm)
    export = export_list(EVENTS, EVENT_COLUMNS, title=_("Events of the photo archive"), filename=_("events"),
                         prepare=event_rows, args=args)
    if export is not None:
        return export
    counted = _frames_counted(args)
    page = EVENTS.page(db.session, args, sums={"frames": Event.frames} if counted else None)
    page.items = event_rows(page.items)
    return render("news/archive/events.html", block="results", page=page, filters=filters,
                  columns=EVENT_COLUMNS, frames=page.sums["frames"] if counted else (None if page.total else 0))


@bp.route("/events/new", methods=["GET", "POST"])
@permission_required("news.edit")
def event_new():
    form = EventForm()
    if form.validate_on_submit():
        event = Event()
        form.populate_obj(event)
        db.session.add(event)
        db.session.commit()
        flash(_("The event was saved; add its photos below."), "success")
        return redirect_to(url_for("news.event", event_id=event.id))
    return render_form("news/archive/event_form.html", form, event=None, places=_places())


@bp.route("/events/<int:event_id>")
@permission_required("news.view")
def event(event_id):
    event = _event_or_404(event_id)
    captions = db.session.scalars(select(Caption).where(Caption.event_id == event.id)
                                  .order_by(Caption.date, Caption.id)).all()
    return render("news/archive/event.html", event=event, photos=photo_strip(ENTITY, event.id),
                  event_files=attachments_of(ENTITY, [event.id])[event.id], captions=captions)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@permission_required("news.edit")
def event_edit(event_id):
    event = _event_or_404(event_id)
    form = EventForm(obj=event)
    if form.validate_on_submit():
        form.populate_obj(event)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for("news.event", event_id=event.id))
    return render_form("news/archive/event_form.html", form, event=event, places=_places())


@bp.route("/events/<int:event_id>/delete", methods=["POST"])
@permission_required("news.edit")
def event_delete(event_id):
    event = _event_or_404(event_id)
    event.soft_delete(current_user)
    db.session.commit()
    flash(_("The event was moved to the trash with its photos and files."), "success")
    return redirect_to(url_for("news.events"))


def photo_grid(items) -> Markup:
    """The grid of the archive's photos (the template global ``news_photo_grid``), each with its
    event's title and day: in Python, not a loop of the template, as a page shows 48."""
    environment = current_app.jinja_env  # for Jinja's own truncate, as the templates cut a title
    html = ['<ul class="photo-grid" id="archive-photos">\n']
    for photo, event in items:
        # Ids and Jalali dates hold nothing to escape.
        title = escape(do_truncate(environment, to_fa_digits(event.event_title), 60, end="…"))
        html.append(
            f"  <li>\n    {thumb(photo)}\n"
            '    <div class="photo-meta">\n'
            f'      <a href="{escape(row_url("news.event", event_id=event.event_id))}">{title}<br>'
            f'<small class="muted">{format_date(event.event_date)}</small></a>\n'
            "    </div>\n  </li>\n")
    html.append("</ul>")
    return Markup("".join(html))


@bp.route("/events/photos")
@permission_required("news.view")
def photos():
    filters, args = read_filters(PhotoFilterForm)
    page = PHOTOS.page(db.session, args, per_page=PHOTOS_PER_PAGE)
    page.items = [(Thumb.of(row), row) for row in page.items]
    return render("news/archive/photos.html", block="results", page=page, filters=filters)


# --- the search box and the calendar --------------------------------------------------------------

def _caption_url(caption, query, user):
    if user_can(user, "news.edit"):
        return url_for("news.caption_edit", caption_id=caption.id)
    return url_for("news.captions", q=query.text, _anchor=f"caption-{caption.id}")


def _events_searched(match):
    return select(Event).where(match).order_by(Event.date.desc(), Event.id.desc())


def search_groups(query, user, limit):
    """The events and the captions matching the search box's query."""
    return [
        SearchGroup("events", _("Events of the photo archive"), (Event.search_text,), _events_searched,
                    hit=lambda event: {"title": event.title, "url": url_for("news.event", event_id=event.id),
                                       "detail": event.place, "date": event.date},
                    more_url=lambda: url_for("news.events", q=query.text), by_id=True, kept=True,
                    reads=(Event.id, Event.title, Event.place, Event.date)),
        SearchGroup("captions", _("Photo captions and clips"), (Caption.search_text,),
                    lambda match: select(Caption).where(match).order_by(Caption.date.desc(), Caption.id.desc()),
                    hit=lambda caption: {"title": str(caption), "url": _caption_url(caption, query, user),
                                         "detail": caption.quote if caption.title else "", "date": caption.date},
                    more_url=lambda: url_for("news.captions", q=query.text)),
    ]


def calendar_entries(start, end, user):
    """The archive's events as all-day entries: ceremonies as such, everything else as meetings."""
    events = db.session.scalars(select(Event).where(Event.date.between(start, end))
                                .order_by(Event.date, Event.id))
    return [{"title": event.title, "date": event.date, "kind": "ceremony" if event.kind == "ceremony" else "meeting",
             "detail": event.place, "endpoint": "news.event", "url_args": {"event_id": event.id}}
            for event in events]
