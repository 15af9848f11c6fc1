"""The forms of the bulletins: the bulletin itself, a coverage entry written in by hand, and the
filters of the month's news items to pick from."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.forms.fields import JalaliDateField, PersianIntegerField, PersianStringField, PersianTextAreaField
from core.jalali import MONTH_NAMES

from ..labels import choices

MONTH_CHOICES = [(number, name) for number, name in enumerate(MONTH_NAMES, start=1)]


class BulletinForm(FlaskForm):
    """A bulletin of a Jalali month; ``confidential`` is removed for users who may not see
    confidential bulletins (see views/bulletins.py)."""

    year = PersianIntegerField(_l("Jalali year"), validators=[
        DataRequired(_l("Enter the year.")),
        NumberRange(1300, 1500, message=_l("The year must be between 1300 and 1500.")),
    ])
    month = SelectField(_l("Jalali month"), choices=MONTH_CHOICES, coerce=int)
    title = PersianStringField(_l("Title"), validators=[
        Length(max=300, message=_l("The title must be at most 300 characters long.")),
    ], description=_l("Left empty, the bulletin is named after its month."))
    introduction = PersianTextAreaField(_l("Introduction"), validators=[
        Length(max=5000, message=_l("The introduction must be at most 5000 characters long.")),
    ])
    confidential = BooleanField(_l("Confidential bulletin (seen only by those allowed)"))


class CoverageForm(FlaskForm):
    """A report of an outlet about the governorate, added to a bulletin by hand."""

    title = PersianStringField(_l("Title"), validators=[
        DataRequired(_l("Enter a title.")),
        Length(max=300, message=_l("The title must be at most 300 characters long.")),
    ])
    source = PersianStringField(_l("Source (outlet)"), validators=[
        DataRequired(_l("Enter the outlet that published it.")),
        Length(max=200, message=_l("The source must be at most 200 characters long.")),
    ])
    date = JalaliDateField(_l("Date"), validators=[Optional()])
    summary = PersianTextAreaField(_l("Summary"), validators=[
        Length(max=3000, message=_l("The summary must be at most 3000 characters long.")),
    ])


class PickFilterForm(Form):
    """The filters of the month's published items offered for a bulletin (a GET form)."""

    q = PersianStringField(_l("Search"))
    type = SelectField(_l("Type"), choices=[("", _l("All types"))] + choices("item_type"),
                       validate_choice=False)
