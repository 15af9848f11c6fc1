"""The forms of news items: the item itself, its publication (date and time), its publication on
a channel, and the list's filters."""
from datetime import datetime
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from wtforms import Form, SelectField, SelectMultipleField, StringField, ValidationError
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from core.db import db
from core.forms.fields import JalaliDateField, PersianStringField, PersianTextAreaField
from core.forms.people import PeopleField
from core.jalali import TIMEZONE, JalaliDateError, format_date, parse_jalali_datetime, today
from core.text import to_ascii_digits, to_fa_digits

from ..labels import ITEM_TYPE_LABELS, choices
from ..models import Channel, Event, Topic

# How many of the archive's latest events the item form offers (plus the item's own).
RECENT_EVENTS = 200


def _id_or_none(value):
    """A submitted id in any digits; anything else is None (and so not among the choices)."""
    text = to_ascii_digits(str(value if value is not None else "")).strip()
    return int(text) if text.isdigit() else None


class _RowsByIdMixin:
    """A select of rows by id: ``data`` holds ids, the form's object holds rows (read in
    ``process_data``, written back in ``populate_obj``); the form sets the choices."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=_id_or_none, validate_choice=False, **kwargs)

    def offered_ids(self):
        return {value for value, _label in self.choices if value != ""}


class TopicsField(_RowsByIdMixin, SelectMultipleField):
    """Topics as checkboxes (``ui.checkbox_list``); the form offers the active ones and the item's own."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_data(self, value):
        self.data = [topic.id for topic in value or ()]

    def pre_validate(self, form):
        if not set(self.data or ()) <= self.offered_ids():
            raise ValidationError(_l("Choose topics from the list."))

    def populate_obj(self, obj, name):
        ids = self.data or []
        setattr(obj, name, db.session.scalars(select(Topic).where(Topic.id.in_(ids)).order_by(Topic.name)).all()
                if ids else [])


class EventField(_RowsByIdMixin, SelectField):
    """The related event of the photo archive: the latest ``RECENT_EVENTS`` and the item's own."""

    def process_data(self, value):
        self.data = value.id if isinstance(value, Event) else _id_or_none(value)

    def pre_validate(self, form):
        if self.data is not None and self.data not in self.offered_ids():
            raise ValidationError(_l("This event is not in the photo archive."))

    def populate_obj(self, obj, name):
        setattr(obj, name, db.session.get(Event, self.data) if self.data is not None else None)


class NewsItemForm(FlaskForm):
    type = SelectField(_l("Type"), choices=choices("item_type"), default="news", validate_choice=False)
    title = PersianStringField(_l("Title"), validators=[
        DataRequired(_l("Enter a title.")),
        Length(max=300, message=_l("The title must be at most 300 characters long.")),
    ])
    lead = PersianTextAreaField(_l("Lead"), validators=[
        Length(max=2000, message=_l("The lead must be at most 2000 characters long.")),
    ], render_kw={"rows": 3})
    body = PersianTextAreaField(_l("Body"), validators=[
        Length(max=50000, message=_l("The body must be at most 50000 characters long.")),
    ], render_kw={"rows": 12})
    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter a date."))], default=today,
                           description=_l("For a published item, the day it was published."))
    officials = PeopleField(_l("Officials covered"))
    topics = TopicsField(_l("Topics"))
    event = EventField(_l("Related event"), description=_l("The event of the photo archive this item reports."))

    def __init__(self, *args, obj=None, **kwargs):
        super().__init__(*args, obj=obj, **kwargs)
        # A topic no longer offered, or an old event, stays on the items that have it.
        kept = [topic.id for topic in obj.topics] if obj is not None else []
        topics = db.session.scalars(select(Topic).where(or_(Topic.active.is_(True), Topic.id.in_(kept)))
                                    .order_by(Topic.name))
        self.topics.choices = [(topic.id, topic.name) for topic in topics]
        recent = Event.id.in_(select(Event.id).order_by(Event.date.desc(), Event.id.desc()).limit(RECENT_EVENTS))
        if obj is not None and obj.event_id is not None:
            recent = or_(recent, Event.id == obj.event_id)
        events = db.session.scalars(select(Event).where(recent).order_by(Event.date.desc(), Event.id.desc()))
        self.event.choices = [("", "—")] + [
            (event.id, f"{format_date(event.date, 'numeric')} — {event.title}") for event in events]

    def validate_type(self, field):
        if field.data not in ITEM_TYPE_LABELS:
            raise ValidationError(_l("Choose a type from the list."))


class PublishForm(FlaskForm):
    """The publication's Jalali date and Tehran time (now by default)."""

    publish_date = JalaliDateField(_l("Publication date"), validators=[DataRequired(_l("Enter a date."))],
                                   default=today)
    publish_time = PersianStringField(_l("Publication time"), validators=[DataRequired(_l("Enter a time."))],
                                      default=lambda: to_fa_digits(f"{datetime.now(TIMEZONE):%H:%M}"),
                                      render_kw={"inputmode": "numeric", "placeholder": "۱۴:۳۰"})

    def validate_publish_time(self, field):
        if self.publish_date.data is None:
            return
        try:
            self.published_at = parse_jalali_datetime(self.publish_date.raw_data[0], field.data)
        except JalaliDateError as error:
            raise ValidationError(str(error)) from None


def _http_link(form, field):
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in field.data:
        raise ValidationError(_l("Enter an address that starts with http:// or https://."))


class PublicationForm(FlaskForm):
    """The item's publication on one channel: the active channels and the publication's own."""

    channel = SelectField(_l("Channel"), coerce=_id_or_none, validate_choice=False,
                          validators=[DataRequired(_l("Choose a channel."))])
    published_on = JalaliDateField(_l("Publication date"), validators=[DataRequired(_l("Enter a date."))])
    link = StringField(_l("Link"), filters=(lambda value: value.strip() if value else value,),
                       validators=[Length(max=500, message=_l("The link must be at most 500 characters long.")),
                                   _http_link],
                       render_kw={"dir": "ltr", "inputmode": "url", "placeholder": "https://"})

    def __init__(self, *args, current_channel_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        shown = Channel.active.is_(True)
        if current_channel_id is not None:
            shown = or_(shown, Channel.id == current_channel_id)
        channels = db.session.scalars(select(Channel).where(shown).order_by(Channel.position, Channel.id))
        self.channel.choices = [("", "—")] + [(channel.id, channel.name) for channel in channels]

    def validate_channel(self, field):
        if field.data not in {channel_id for channel_id, _name in field.choices}:
            raise ValidationError(_l("Choose a channel from the list."))


class ItemFilterForm(Form):
    """The list's date filters, read from the query string (a GET form, so no CSRF token): a
    mistyped date is shown with its error and left out of the query."""

    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))
