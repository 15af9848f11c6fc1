"""Forms of the committee kit. Choices that come from the database are set by the views.

A plugin adds fields to the meeting form by subclassing ``MeetingForm`` (see
core.committees.mount): every field that ``MeetingForm`` itself does not have is an extra field,
saved in ``Meeting.extra`` and shown on the meeting page with its label."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectField
from wtforms.validators import DataRequired, Length, ValidationError

from core.admin.forms import MultiCheckboxField
from core.attachments import DOCUMENTS, SCANS, AttachmentField
from core.committees.labels import MEETING_STATUS_TITLES, RESOLUTION_STATUS_TITLES, ROLE_TITLES
from core.forms.fields import ClockField, JalaliDateField, PersianStringField, PersianTextAreaField
from core.jalali import today
from core.text import to_fa_digits


def _optional_id(value):
    return int(value) if value not in (None, "", "None") else None


def _max(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


class CommitteeForm(FlaskForm):
    name = PersianStringField(_l("Name"), validators=[DataRequired(_l("Enter the name.")), _max(200)])
    department_id = SelectField(_l("Department"), coerce=_optional_id,
                                validators=[DataRequired(_l("Choose the department that runs it."))])
    description = PersianTextAreaField(_l("Description"), validators=[_max(5000)])
    active = BooleanField(_l("Active"), default=True)


class MemberForm(FlaskForm):
    person_id = SelectField(_l("Person"), coerce=_optional_id,
                            validators=[DataRequired(_l("Choose a person from the directory."))])
    role = SelectField(_l("Role"), choices=lambda: list(ROLE_TITLES.items()), default="member")
    term_start = JalaliDateField(_l("Term from"))
    term_end = JalaliDateField(_l("Term to"))
    letter_number = PersianStringField(_l("Appointment letter number"), validators=[_max(50)])
    letter_date = JalaliDateField(_l("Appointment letter date"))
    letter = AttachmentField(_l("Scanned appointment letter"), kinds=SCANS)
    remove_letter = BooleanField(_l("Remove the scanned letter"))

    def validate_term_end(self, field):
        if field.data and self.term_start.data and field.data < self.term_start.data:
            raise ValidationError(_("The end of the term must not be before its start."))


class MeetingForm(FlaskForm):
    type = SelectField(_l("Type"), validators=[DataRequired(_l("Choose the type."))])
    title = PersianStringField(_l("Subject"), validators=[_max(200)])
    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter a date."))])
    start_time = ClockField(_l("Time"))
    place = PersianStringField(_l("Place"), validators=[_max(200)])
    status = SelectField(_l("Status"), choices=lambda: list(MEETING_STATUS_TITLES.items()), default="planned")
    agenda = PersianTextAreaField(_l("Agenda items"), description=_l("One item per line, in order."),
                                  validators=[_max(10000)])
    carry_over = MultiCheckboxField(_l("Overdue resolutions to follow up"), coerce=int,
                                    description=_l("Each checked resolution becomes an agenda item."))
    invited = MultiCheckboxField(_l("Invited members"), coerce=int)
    present = MultiCheckboxField(_l("Present members"), coerce=int)
    guests = PersianTextAreaField(_l("Guests"), description=_l("One name per line, with their organization."),
                                  validators=[_max(5000)])
    minutes = PersianTextAreaField(_l("Text of the minutes"), description=_l("What was discussed and decided."),
                                   validators=[_max(50000)])

    def validate_status(self, field):
        if field.data == "held" and self.date.data and self.date.data > today():
            raise ValidationError(_("A meeting on a future date cannot be marked as held yet."))

    def extra_fields(self):
        """The fields a plugin's subclass added (saved in ``Meeting.extra``)."""
        return [field for field in self if field.name not in MEETING_FIELDS]


MEETING_FIELDS = {name for name, value in vars(MeetingForm).items() if hasattr(value, "field_class")} | {"csrf_token"}


class ResolutionForm(FlaskForm):
    text = PersianTextAreaField(_l("Resolution"), validators=[DataRequired(_l("Enter the resolution.")),
                                                               _max(5000)])
    responsible_person_id = SelectField(_l("Responsible person"), coerce=_optional_id)
    responsible_organization_id = SelectField(_l("Responsible organization"), coerce=_optional_id)
    due_date = JalaliDateField(_l("Due date"))
    status = SelectField(_l("Status"), choices=lambda: list(RESOLUTION_STATUS_TITLES.items()), default="open")
    evidence = PersianTextAreaField(_l("Evidence of what was done"), validators=[_max(5000)])
    evidence_file = AttachmentField(_l("Evidence file"), kinds=DOCUMENTS)


class AttachmentForm(FlaskForm):
    file = AttachmentField(_l("File"), kinds=DOCUMENTS)

    def validate_file(self, field):
        if field.stored is None and not field.errors:
            raise ValidationError(_("Choose a file."))


class MeetingFilterForm(Form):
    """The cross-committee meeting list's date filters (read from the query string)."""

    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))
