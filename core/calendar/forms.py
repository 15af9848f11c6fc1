"""The holidays page's forms: a correction of one day, a declared holiday or occasion, the working
week."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.validators import AnyOf, DataRequired, Length

from core.forms.fields import JalaliDateField, PersianStringField

CORRECTIONS = ("earlier", "later", "remove", "restore")


class CorrectionForm(FlaskForm):
    """Sent by the buttons of one row: ``action`` is the button pressed."""

    key = HiddenField(validators=[DataRequired()])
    action = HiddenField(validators=[AnyOf(CORRECTIONS)])


class AddDayForm(FlaskForm):
    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter a date."))])
    title = PersianStringField(_l("Title"), validators=[DataRequired(_l("Enter the title.")), Length(max=200)],
                               description=_l("For example: closure of offices for air pollution"))
    holiday = BooleanField(_l("An official holiday (offices closed)"), default=True)


class WorkweekForm(FlaskForm):
    thursday_off = BooleanField(_l("Thursday is a day off, like Friday"))
