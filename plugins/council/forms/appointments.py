"""The forms of appointment-opinion requests: the request with its review, and the opinion."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import Form, RadioField
from wtforms.validators import DataRequired, ValidationError

from core.admin.forms import MultiCheckboxField
from core.db import db
from core.forms.fields import JalaliDateField, MobileField, NationalCodeField, PersianStringField, PersianTextAreaField
from core.forms.people import OrganizationField, PersonField
from core.jalali import today
from core.models import Person

from ..models.appointments import OPINION_TITLES, QUALIFICATION_TITLES, REASONED_OPINIONS
from .visits import max_length, not_in_future


class RequestForm(FlaskForm):
    """The request as the agency's letter gives it, and the secretariat's review. The nominee is
    chosen from the directory, or, when not there yet, named here and added to it."""

    received_on = JalaliDateField(_l("Received on"), default=today, validators=[
        DataRequired(_l("Enter the date the request was received.")),
        not_in_future(_l("A request cannot be received on a future date."))])
    agency = OrganizationField(_l("Requesting agency"), validators=[DataRequired(_l("Choose the requesting agency."))])
    letter_number = PersianStringField(_l("Letter number"), validators=[max_length(50)])
    nominee = PersonField(_l("Nominee"), description=_l("Search the directory; if the nominee is not there, "
                                                        "fill in the fields below instead."))
    first_name = PersianStringField(_l("First name of a new nominee"), validators=[max_length(100)])
    last_name = PersianStringField(_l("Last name of a new nominee"), validators=[max_length(100)])
    national_code = NationalCodeField(_l("National code of a new nominee"))
    mobile = MobileField(_l("Mobile of a new nominee"))
    position = PersianStringField(_l("Position"), validators=[DataRequired(_l("Enter the position.")),
                                                              max_length(200)])
    review_notes = PersianTextAreaField(_l("Review notes"), validators=[max_length(10000)])
    qualifications = MultiCheckboxField(_l("The nominee's qualifications"),
                                        choices=lambda: list(QUALIFICATION_TITLES.items()))

    @property
    def names_new_nominee(self):
        return bool(self.first_name.data or self.last_name.data)

    def validate_nominee(self, field):
        if field.errors:
            return
        if field.data is not None and self.names_new_nominee:
            raise ValidationError(_("Choose the nominee from the directory or name a new one, not both."))
        if field.data is None and not self.names_new_nominee:
            raise ValidationError(_("Choose the nominee from the directory, or name a new one below."))

    def validate_national_code(self, field):
        if field.data and db.session.scalar(select(Person.id).where(Person.national_code == field.data)):
            raise ValidationError(_("Someone with this national code is already in the directory: choose them "
                                    "as the nominee above."))

    def validate_last_name(self, field):
        if self.first_name.data and not field.data:
            raise ValidationError(_("Enter the last name of the new nominee."))
        if field.data and not self.first_name.data:
            self.first_name.errors.append(_("Enter the first name of the new nominee."))
            raise ValidationError(_("Enter the first name too."))


class OpinionForm(FlaskForm):
    opinion = RadioField(_l("Opinion"), choices=lambda: list(OPINION_TITLES.items()), validate_choice=False,
                         validators=[DataRequired(_l("Choose the opinion."))])
    reasons = PersianTextAreaField(_l("Reasons"), description=_l("Required for an approval with conditions and "
                                                                 "for a rejection."),
                                   validators=[max_length(10000)])
    opinion_on = JalaliDateField(_l("Date of the opinion"), default=today, validators=[
        DataRequired(_l("Enter the date of the opinion.")),
        not_in_future(_l("An opinion cannot be dated in the future."))])
    opinion_number = PersianStringField(_l("Number of the opinion letter"), validators=[max_length(50)])

    def __init__(self, *args, received_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.received_on = received_on

    def validate_opinion(self, field):
        if field.data not in OPINION_TITLES:
            raise ValidationError(_("Choose the opinion."))

    def validate_reasons(self, field):
        if self.opinion.data in REASONED_OPINIONS and not field.data:
            raise ValidationError(_("Give the reasons for an approval with conditions or a rejection."))

    def validate_opinion_on(self, field):
        if field.data and self.received_on and field.data < self.received_on:
            raise ValidationError(_("The opinion cannot be dated before the request was received."))


class RequestFilterForm(Form):
    q = PersianStringField(_l("Search"))
    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))
