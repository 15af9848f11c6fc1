"""Forms of media relations: a reporter's beat, visits and meetings with the media, the lists'
filters and the SMS bulletin."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from core.admin.forms import MultiCheckboxField
from core.forms.fields import JalaliDateField, PersianStringField, PersianTextAreaField
from core.forms.people import OrganizationField, PeopleField
from core.sms.length import clean_message
from core.sms.service import text_problem
from core.text import to_fa_digits

from ..labels import choices

# The beats offered on the reporter form (any other text is accepted too).
BEATS = ("سیاسی", "اقتصادی", "اجتماعی", "فرهنگی", "ورزشی", "عکاس")


def _max(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


class ReporterForm(FlaskForm):
    beat = PersianStringField(_l("Beat"), validators=[_max(200)],
                              description=_l("The subjects the reporter covers, for example economic or sports."))
    note = PersianTextAreaField(_l("Note"), validators=[_max(2000)])


class ContactForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=lambda: choices("contact_kind"),
                       validators=[DataRequired(_l("Choose the kind."))])
    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter the date."))])
    organization = OrganizationField(_l("Outlet"), types=("press",))
    people = PeopleField(_l("Reporters met"))
    subject = PersianStringField(_l("Subject"), validators=[DataRequired(_l("Enter the subject.")), _max(300)])
    note = PersianTextAreaField(_l("Note"), validators=[_max(5000)])

    def validate_organization(self, field):
        if self.kind.data == "visit" and field.data is None:
            raise ValidationError(_("Choose the outlet that was visited."))


class ReporterFilterForm(Form):
    """The reporters list's filters, read from the query string."""

    q = PersianStringField(_l("Search"))
    outlet = SelectField(_l("Outlet"), validate_choice=False)
    beat = SelectField(_l("Beat"), validate_choice=False)


class ContactFilterForm(Form):
    q = PersianStringField(_l("Search"))
    kind = SelectField(_l("Kind"), choices=lambda: [("", _("All kinds")), *choices("contact_kind")],
                       validate_choice=False)
    outlet = SelectField(_l("Outlet"), validate_choice=False)
    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))


class PeriodForm(Form):
    """The period of the SMS page's batches and figures."""

    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))


class SmsBulletinForm(FlaskForm):
    title = PersianStringField(_l("Title"), validators=[_max(200)],
                               description=_l("For the list of bulletins; the recipients do not see it."))
    text = TextAreaField(_l("Text of the message"), filters=[clean_message])
    group_ids = MultiCheckboxField(_l("SMS groups"), coerce=int, validate_choice=False)
    numbers = TextAreaField(_l("Other mobile numbers"), validators=[_max(20_000)],
                            description=_l("One a line, or separated by commas; 0912…, +98912… and Persian "
                                           "digits are all accepted."))

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.group_ids.choices = [(group.id, group.name) for group in groups]

    def validate_text(self, field):
        problem = text_problem(field.data or "")
        if problem:
            raise ValidationError(problem)

    def validate_numbers(self, field):
        if not self.group_ids.data and not (field.data or "").strip():
            raise ValidationError(_("Choose a group or write at least one mobile number."))
