"""The forms of the photo archive: events, photo captions and clips, and the lists' filters."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import Form, SelectField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from core.db import built_once, built_rows, db
from core.forms.fields import JalaliDateField, PersianStringField, PersianTextAreaField
from core.forms.people import PeopleField, PersonField
from core.jalali import format_date
from core.listing import distinct_values
from core.models import Person
from core.text import to_ascii_digits

from ..labels import choices
from ..models import Caption, Channel, Event
from ..models.events import event_officials

RECENT_EVENTS = 200  # the caption form offers the latest events (and the caption's own)


def _optional_id(value):
    """A select's value as an id: None for the empty choice."""
    text = to_ascii_digits(str(value or "")).strip()
    return int(text) if text.isdigit() else None


class EventForm(FlaskForm):
    kind = SelectField(_l("Kind of event"), choices=choices("event_kind"), default="meeting")
    title = PersianStringField(_l("Title"), validators=[
        DataRequired(_l("Enter the event's title.")),
        Length(max=300, message=_l("The title must be at most 300 characters long.")),
    ])
    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter a date."))])
    place = PersianStringField(_l("Place"), validators=[
        Length(max=200, message=_l("The place must be at most 200 characters long.")),
    ])
    officials = PeopleField(_l("Officials"), description=_l("The officials the photos show."))
    photographer = PersianStringField(_l("Photographer"), validators=[
        Length(max=200, message=_l("The photographer's name must be at most 200 characters long.")),
    ])
    description = PersianTextAreaField(_l("Description"), validators=[
        Length(max=5000, message=_l("The description must be at most 5000 characters long.")),
    ])


class CaptionForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=choices("caption_kind"), default="caption")
    quote = PersianTextAreaField(_l("Quote"), validators=[
        DataRequired(_l("Enter the quote.")),
        Length(max=2000, message=_l("The quote must be at most 2000 characters long.")),
    ])
    official = PersonField(_l("Official"))
    title = PersianStringField(_l("Title"), validators=[
        Length(max=300, message=_l("The title must be at most 300 characters long.")),
    ])
    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter a date."))])
    channel_id = SelectField(_l("Channel"), coerce=_optional_id, validate_choice=False)
    event_id = SelectField(_l("Event"), coerce=_optional_id, validate_choice=False)
    link = PersianStringField(_l("Link"), validators=[
        Optional(),
        Length(max=500, message=_l("The link must be at most 500 characters long.")),
        Regexp(r"^https?://[^\s/]+\.\S*$", flags=re.IGNORECASE,
               message=_l("Enter a full address starting with http:// or https://.")),
    ])

    def __init__(self, *args, caption=None, **kwargs):
        super().__init__(*args, **kwargs)
        channels = db.session.scalars(select(Channel).where(
            (Channel.active.is_(True)) | (Channel.id == (caption.channel_id if caption else None)))
            .order_by(Channel.position, Channel.name)).all()
        self.channel_id.choices = [("", "—")] + [(channel.id, channel.name) for channel in channels]
        events = db.session.scalars(select(Event).order_by(Event.date.desc(), Event.id.desc())
                                    .limit(RECENT_EVENTS)).all()
        if caption is not None and caption.event is not None and caption.event not in events:
            events.append(caption.event)
        # Titles repeat (the weekly meetings): the date tells them apart.
        self.event_id.choices = [("", "—")] + [(event.id, f"{format_date(event.date)} — {event.title}")
                                               for event in events]

    def validate_channel_id(self, field):
        if field.data is not None and field.data not in {value for value, _label in field.choices if value}:
            raise ValidationError(_l("Choose a channel from the list."))

    def validate_event_id(self, field):
        if field.data is not None and db.session.scalar(select(Event.id).where(Event.id == field.data)) is None:
            raise ValidationError(_l("This event is not in the archive."))


@built_once
def _people_of(form_class):
    """The people whose ids ``form_class.officials()`` selects (officials of events or captions),
    for a filter's select: built once, where building it cost more than running it."""
    return (select(Person.id, Person.full_name).where(Person.id.in_(form_class.officials()))
            .order_by(Person.last_name, Person.first_name))


class _ListFilters(Form):
    """Read from the query string of a list (a GET form, so no CSRF token). The select filters
    take any value: one that matches nothing gives an empty list, never an error."""

    official = SelectField(_l("Official"), validate_choice=False)
    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Fetched at once (all): iterating the result fetches a row at a time (~10 µs each).
        self.official.choices = [("", _l("All"))] + [(str(person_id), name) for person_id, name
                                                     in built_rows(_people_of(type(self))).all()]

    @staticmethod
    def officials():
        return distinct_values(event_officials.c.person_id)


class EventFilterForm(_ListFilters):
    q = PersianStringField(_l("Search"))
    kind = SelectField(_l("Kind of event"), choices=[("", _l("All"))] + choices("event_kind"),
                       validate_choice=False)
    place = PersianStringField(_l("Place"))


class PhotoFilterForm(_ListFilters):
    place = PersianStringField(_l("Place"))


class CaptionFilterForm(_ListFilters):
    q = PersianStringField(_l("Search"))
    kind = SelectField(_l("Kind"), choices=[("", _l("All"))] + choices("caption_kind"), validate_choice=False)
    channel = SelectField(_l("Channel"), validate_choice=False)
    @staticmethod
    def officials():
        return distinct_values(Caption.official_id)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        channels = db.session.scalars(select(Channel).order_by(Channel.position, Channel.name))
        self.channel.choices = [("", _l("All"))] + [(str(channel.id), channel.name) for channel in channels]
