"""The forms of the news settings: channels, topics and delegated editors."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, SelectField
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from core.db import db
from core.forms.fields import PersianStringField
from core.text import normalize_fa

from ..labels import choices
from ..models import Channel, Topic


def _unique_name(model, message):
    """A validator: no other row of ``model`` has this name (ي/ی, ZWNJ and spaces aside)."""

    def check(form, field):
        wanted = normalize_fa(field.data)
        for row_id, name in db.session.execute(select(model.id, model.name)):
            if normalize_fa(name) == wanted and row_id != form.record_id:
                raise ValidationError(str(message) % {"name": name})
    return check


class _NamedForm(FlaskForm):
    # The settings page holds several of these forms: a prefix keeps their fields' ids apart.
    field_prefix = ""

    def __init__(self, *args, record_id=None, **kwargs):
        super().__init__(*args, prefix=self.field_prefix, **kwargs)
        self.record_id = record_id  # the row being edited, which may keep its own name


class ChannelForm(_NamedForm):
    field_prefix = "channel"
    name = PersianStringField(_l("Name"), validators=[
        DataRequired(_l("Enter the name of the channel.")),
        Length(max=100, message=_l("The name must be at most 100 characters long.")),
        _unique_name(Channel, _l("A channel named %(name)s already exists.")),
    ])
    kind = SelectField(_l("Kind of channel"), choices=choices("channel_kind"),
                       validators=[DataRequired(_l("Choose the kind of channel."))])
    url = PersianStringField(_l("Address of the channel"), validators=[
        Optional(),
        Length(max=300, message=_l("The address must be at most 300 characters long.")),
        URL(require_tld=False, message=_l("Enter an address starting with http:// or https://.")),
    ], render_kw={"dir": "ltr", "inputmode": "url"})
    active = BooleanField(_l("Active: offered for new publications"), default=True)
    feed = BooleanField(_l("Offer its published news as an RSS/Atom feed"), default=True)


class TopicForm(_NamedForm):
    field_prefix = "topic"
    name = PersianStringField(_l("Name"), validators=[
        DataRequired(_l("Enter the name of the topic.")),
        Length(max=100, message=_l("The name must be at most 100 characters long.")),
        _unique_name(Topic, _l("A topic named %(name)s already exists.")),
    ])


class EditorForm(FlaskForm):
    user_id = SelectField(_l("Staff member"), coerce=int,
                          validators=[DataRequired(_l("Choose a staff member of the department."))])
