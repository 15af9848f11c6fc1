"""Forms of the SMS pages. Choices that come from the database are set by the views."""
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import HiddenInput

from core.admin.forms import MultiCheckboxField
from core.directory.labels import organization_type_choices
from core.forms.fields import MobileField, PersianStringField, PersianTextAreaField
from core.sms.length import clean_message
from core.sms.service import text_problem
from core.text import clean_text, normalize_mobile, to_ascii_digits, to_fa_digits

MAX_NUMBERS_TEXT = 200_000  # characters of typed numbers (about 15,000 numbers)
# A run of digits (any script) with the usual phone punctuation: a number inside a line of text.
_NUMBER_IN_LINE = re.compile(r"\+?[0-9۰-۹٠-٩][0-9۰-۹٠-٩\s()\-]{8,}[0-9۰-۹٠-٩]")


def _max(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


def _optional_id(value):
    value = to_ascii_digits(str(value or "")).strip()
    return int(value) if value.isdigit() else None


class IdListField(Field):
    """Row ids from repeated inputs (checkboxes or hidden fields); anything else is ignored."""

    widget = HiddenInput()

    def process_formdata(self, valuelist):
        ids = (to_ascii_digits(str(v)).strip() for v in valuelist)
        self.data = list(dict.fromkeys(int(v) for v in ids if v.isdigit()))

    def process_data(self, value):
        self.data = list(value or [])


class SendForm(FlaskForm):
    text = TextAreaField(_l("Text of the message"), filters=[clean_message])
    group_ids = MultiCheckboxField(_l("Saved groups"), coerce=int, validate_choice=False)
    directory = BooleanField(_l("People of the directory who match these filters"))
    organization_type = SelectField(_l("Organization type"), validate_choice=False)
    organization_id = SelectField(_l("Organization"), coerce=_optional_id, validate_choice=False)
    position = PersianStringField(_l("Position contains"), validators=[_max(200)])
    person_ids = IdListField()
    person_query = PersianStringField(_l("Find people in the directory"), validators=[_max(100)])
    numbers = TextAreaField(_l("Mobile numbers"),
                            description=_l("One a line, or separated by commas; 0912…, +98912… and Persian digits "
                                           "are all accepted."),
                            validators=[_max(MAX_NUMBERS_TEXT)])

    def __init__(self, *args, groups=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.group_ids.choices = [(g.id, g.name) for g in groups]
        self.organization_type.choices = [("", _("All types")), *organization_type_choices()]
        self.organization_id.choices = [("", _("All organizations")), *organizations]

    def validate_text(self, field):
        problem = text_problem(field.data or "")
        if problem:
            raise ValidationError(problem)


class PickForm(FlaskForm):
    """People of the directory to add to a group."""

    person_ids = IdListField()
    person_query = PersianStringField(_l("Find people in the directory"), validators=[_max(100)])


class GroupForm(FlaskForm):
    name = PersianStringField(_l("Name"), validators=[DataRequired(_l("Enter the group's name.")), _max(200)])
    description = PersianTextAreaField(_l("Description"), validators=[_max(2000)])


def parse_number_lines(text):
    """Lines of "number name" (either order): ``(pairs of (09… number, name), bad lines)``."""
    pairs, bad = [], []
    for line in (text or "").splitlines():
        line = clean_text(line)
        if not line:
            continue
        match = _NUMBER_IN_LINE.search(line)
        try:
            mobile = normalize_mobile(match.group(0)) if match else None
        except ValueError:
            mobile = None
        if mobile is None:
            bad.append(line)
            continue
        name = (line[:match.start()] + " " + line[match.end():]).strip(" ,،:-–")
        pairs.append((mobile, clean_text(name)[:200]))
    return pairs, bad


class NumbersForm(FlaskForm):
    numbers = TextAreaField(
        _l("Numbers to add"), validators=[DataRequired(_l("Write at least one number.")), _max(MAX_NUMBERS_TEXT)],
        description=_l("One a line, with a name if you like: 09121234567 Ali Rezaei"))

    def validate_numbers(self, field):
        self.pairs, bad = parse_number_lines(field.data)
        if bad:
            raise ValidationError(_("These lines have no valid mobile number; correct or remove them: %(lines)s",
                                    lines="، ".join(bad[:20]) + ("…" if len(bad) > 20 else "")))


class OptOutForm(FlaskForm):
    mobile = MobileField(_l("Mobile number"), validators=[DataRequired(_l("Enter the mobile number."))])
    reason = PersianStringField(_l("Reason"), validators=[_max(300)])
