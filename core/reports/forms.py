"""Forms of the activity report: item actions, wording, manual items, editions, section order."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, Length

from core.forms.fields import PersianStringField
from core.forms.widgets import Select, TextArea
from core.text import clean_text

ITEM_ACTIONS = ("hide", "show", "up", "down", "reset", "remove")
MAX_ITEM_LENGTH = 2000


def _item_text(label):
    # One sentence, possibly long: a text area whose whitespace is folded like a text input's.
    return StringField(label, widget=TextArea(), filters=[clean_text], validators=[
        DataRequired(_l("Write the item's text.")),
        Length(max=MAX_ITEM_LENGTH, message=_l("The text is too long."))])


class ItemActionForm(FlaskForm):
    """One item's buttons: hide, show, move up or down, restore the wording, remove."""

    key = HiddenField(validators=[DataRequired()])
    action = HiddenField(validators=[AnyOf(ITEM_ACTIONS)])


class ItemTextForm(FlaskForm):
    text = _item_text(_l("Wording of the item"))


class ManualItemForm(FlaskForm):
    section = SelectField(_l("Section of the report"), widget=Select(),
                          validators=[DataRequired(_l("Choose a section."))])
    text = _item_text(_l("Text of the highlight"))


class EditionForm(FlaskForm):
    title = PersianStringField(_l("Name of the edition"), validators=[
        DataRequired(_l("Give the edition a name.")), Length(max=200, message=_l("The text is too long."))])


class SectionMoveForm(FlaskForm):
    department = HiddenField(validators=[DataRequired()])
    direction = HiddenField(validators=[AnyOf(("up", "down"))])
