"""The forms of press conferences (نشست خبری) and event announcements (اطلاع‌رسانی رویدادها)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectField
from wtforms.validators import DataRequired, Length, ValidationError

from core.admin.forms import MultiCheckboxField
from core.forms.fields import ClockField, JalaliDateField, PersianStringField, PersianTextAreaField
from core.forms.people import OrganizationField, OrganizationsField, PersonField
from core.jalali import today
from core.text import to_fa_digits

from ..labels import choices


def _max(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


class ConferenceForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=lambda: choices("conference_kind"), default="conference")
    subject = PersianStringField(_l("Subject"), validators=[DataRequired(_l("Enter the subject.")), _max(300)])
    official = PersonField(_l("Official"), validators=[DataRequired(_l("Choose the official who holds it."))])
    organization = OrganizationField(_l("Agency"), types=("agency",))
    proposed_on = JalaliDateField(_l("Proposed date"), validators=[DataRequired(_l("Enter the proposed date."))])
    start_time = ClockField(_l("Time"))
    place = PersianStringField(_l("Place"), validators=[_max(200)])
    note = PersianTextAreaField(_l("Note"), validators=[_max(5000)])


class HeldForm(FlaskForm):
    """Record a conference as held: the day, the outlets that came and the news items it gave.
    The items offered are those of the held day ±3 days, plus what ``item_query`` finds."""

    held_on = JalaliDateField(_l("Held on"), validators=[DataRequired(_l("Enter the date it was held."))])
    outlets = OrganizationsField(_l("Attending outlets"), types=("press",))
    items = MultiCheckboxField(_l("Resulting news items"), coerce=int,
                               description=_l("News items of three days before and after the conference."))
    item_query = PersianStringField(_l("Find other news items"), validators=[_max(100)])

    def validate_held_on(self, field):
        if field.data and field.data > today():
            raise ValidationError(_("A conference cannot be recorded as held on a future date."))


class CancelForm(FlaskForm):
    cancel_reason = PersianTextAreaField(_l("Reason for cancelling"), validators=[
        DataRequired(_l("Say why it was cancelled.")), _max(500)])


class ListFilterForm(Form):
    """The search and date filters of the timetable and the announcements, read from the query
    string (a GET form, so no CSRF token)."""

    q = PersianStringField(_l("Search"))
    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))


class AnnouncementForm(FlaskForm):
    title = PersianStringField(_l("Subject"), validators=[DataRequired(_l("Enter the subject.")), _max(300)])
    body = PersianTextAreaField(_l("Text"), validators=[DataRequired(_l("Enter the text of the letter.")),
                                                        _max(20000)])
    event_on = JalaliDateField(_l("Date of the event"), validators=[DataRequired(_l("Enter the date of the event."))])
    event_time = ClockField(_l("Time"))
    place = PersianStringField(_l("Place"), validators=[_max(200)])
    sent_on = JalaliDateField(_l("Date of the letter"), default=today,
                              validators=[DataRequired(_l("Enter the date of the letter."))])
    letter_number = PersianStringField(_l("Letter number"), validators=[_max(50)])
    all_agencies = BooleanField(_l("To all executive agencies of the province"), default=True)
    recipients = OrganizationsField(_l("Recipients"), types=("agency", "county"),
                                    description=_l("Only when the letter does not go to all agencies."))
    signer = PersianStringField(_l("Signed by"), description=_l("The director-general of public relations."),
                                validators=[_max(100)])

    def validate_recipients(self, field):
        if not self.all_agencies.data and not field.data:
            raise ValidationError(_("Choose the agencies it goes to, or send it to all agencies."))
