"""Forms of the training part: a session's details (topic, instructor, hours), a new training
session with its details in one go, and revoking a certificate."""
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from core.committees.labels import MEETING_STATUS_TITLES
from core.forms.fields import ClockField, JalaliDateField, PersianDecimalField, PersianStringField
from core.jalali import today
from core.text import fa_number, to_fa_digits

from ..bodies import body_titles
from ..models.trainings import instructor_level_titles

MAX_HOURS = Decimal(200)


def _max(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


class TrainingForm(FlaskForm):
    """What a training meeting taught: kept in ``council_trainings`` beside the kit's meeting."""

    topic = PersianStringField(_l("Topic"), validators=[DataRequired(_l("Enter the topic of the training.")),
                                                        _max(300)])
    instructor = PersianStringField(_l("Instructor"), validators=[DataRequired(_l("Enter the instructor's name.")),
                                                                  _max(200)])
    instructor_level = SelectField(_l("Instructor level"), choices=lambda: list(instructor_level_titles().items()),
                                   default="provincial")
    hours = PersianDecimalField(_l("Hours of training"), validators=[InputRequired(_l("Enter the hours of training."))],
                                description=_l("Person-hours are the present attendees times these hours."))

    def validate_hours(self, field):
        if field.data is None:
            return
        if not 0 < field.data <= MAX_HOURS:
            raise ValidationError(_("The hours must be more than zero and at most %(max)s.",
                                    max=fa_number(int(MAX_HOURS))))
        if field.data != field.data.quantize(Decimal("0.1")):
            raise ValidationError(_("Enter the hours with at most one decimal, such as 2.5."))


class NewTrainingForm(TrainingForm):
    """A training session of one of the bodies, made as a kit meeting with its details."""

    body = SelectField(_l("Council"), choices=lambda: list(body_titles().items()), default="provincial")
    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter a date."))])
    start_time = ClockField(_l("Time"))
    place = PersianStringField(_l("Place"), validators=[_max(200)])
    status = SelectField(_l("Status"), choices=lambda: list(MEETING_STATUS_TITLES.items()), default="planned")

    def validate_status(self, field):
        if field.data == "held" and self.date.data and self.date.data > today():
            raise ValidationError(_("A meeting on a future date cannot be marked as held yet."))


class RevokeForm(FlaskForm):
    reason = PersianStringField(_l("Reason for revoking"),
                                validators=[DataRequired(_l("Enter why the certificate is revoked.")), _max(300)])
