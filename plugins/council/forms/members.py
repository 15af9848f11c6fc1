"""Forms of the PR units and their members, and the lists' filters."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import Form, SelectField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from core.db import db
from core.forms.fields import JalaliDateField, PersianStringField, PersianTextAreaField
from core.forms.people import OrganizationField, PersonField
from core.jalali import today
from core.models import Organization
from core.text import to_ascii_digits, to_fa_digits

from ..bodies import body_titles
from ..models.members import BODY_ORGANIZATION_TYPES, EDUCATION_LABELS, ROLE_LABELS, Member, Unit

UNIT_TYPES = tuple(kind for kinds in BODY_ORGANIZATION_TYPES.values() for kind in kinds)


def as_int(value):
    text = to_ascii_digits(str(value or "")).strip()
    return int(text) if text.isdigit() else 0


def max_length(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


def body_of(organization):
    """The body whose units an organization of this type belongs to."""
    return next(body for body, kinds in BODY_ORGANIZATION_TYPES.items() if organization.type in kinds)


def role_choices():
    return [(code, str(label)) for code, label in ROLE_LABELS.items()]


def education_choices(blank):
    return [("", blank), *((code, str(label)) for code, label in EDUCATION_LABELS.items())]


def body_choices(blank):
    return [("", blank), *body_titles().items()]


class UnitForm(FlaskForm):
    """A PR unit. Its organization is chosen once, among the agencies and county governorates of
    the directory that have no unit yet; the council it belongs to follows from the type."""

    # The table's column, not the model's: a unit in the trash keeps its organization too.
    organization = OrganizationField(_l("Organization"), types=UNIT_TYPES,
                                     where=(Organization.id.not_in(select(Unit.__table__.c.organization_id)),),
                                     description=_l("An executive agency joins the provincial council, a county "
                                                    "governorate the county council."))
    phone = PersianStringField(_l("Phone"), validators=[max_length(50)], filters=[lambda v: to_ascii_digits(v or "")])
    email = PersianStringField(_l("Email"), filters=[lambda v: to_ascii_digits(v or "")], validators=[
        Optional(), Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter an email address like pr@example.ir.")),
        max_length(200)])
    website = PersianStringField(_l("Website"), validators=[max_length(300)])
    note = PersianTextAreaField(_l("Note"), validators=[max_length(2000)])

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            del self.organization

    def validate_organization(self, field):
        if field.data is None:
            raise ValidationError(_("Choose the organization of the PR unit."))


class MemberForm(FlaskForm):
    person = PersonField(_l("Person"), description=_l("Search the directory by name; add a new person to the "
                                                       "directory first."))
    unit_id = SelectField(_l("PR unit"), coerce=as_int, validate_choice=False)
    role = SelectField(_l("Role"), choices=role_choices, validators=[DataRequired(_l("Choose the role."))])
    position = PersianStringField(_l("Position"), validators=[max_length(200)])
    education = SelectField(_l("Education"), choices=lambda: education_choices("—"))
    field_of_study = PersianStringField(_l("Field of study"), validators=[max_length(200)])
    start_date = JalaliDateField(_l("Start date"), validators=[DataRequired(_l("Enter the start date."))])
    member_number = PersianStringField(_l("Member number"), filters=[lambda v: to_ascii_digits(v or "")],
                                       validators=[DataRequired(_l("Enter the member number.")), max_length(20)])

    def __init__(self, *args, member=None, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        self.unit_id.choices = [(0, "—"), *((unit.id, unit.organization.name) for unit in units)]

    def validate_person(self, field):
        if field.data is None:
            raise ValidationError(_("Choose the person from the directory."))

    def validate_unit_id(self, field):
        if not field.data or field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_("Choose the PR unit."))
        if self.person.data is None:
            return
        statement = select(Member.id).where(Member.unit_id == field.data, Member.person_id == self.person.data.id,
                                            Member.end_date.is_(None))
        if self.member is not None:
            statement = statement.where(Member.id != self.member.id)
        if db.session.scalar(statement.limit(1)):
            raise ValidationError(_("%(name)s is already a current member of this PR unit.",
                                    name=self.person.data.full_name))

    def validate_start_date(self, field):
        if field.data and field.data > today():
            raise ValidationError(_("The start date is in the future."))

    def validate_member_number(self, field):
        if not field.data.isdigit():
            raise ValidationError(_("The member number is made of digits only."))
        statement = select(Member).where(Member.member_number == field.data).execution_options(include_deleted=True)
        owner = db.session.scalar(statement)
        if owner is not None and owner is not self.member:
            raise ValidationError(_("Member number %(number)s belongs to %(name)s.",
                                    number=to_fa_digits(field.data), name=str(owner)))


class EndMembershipForm(FlaskForm):
    end_date = JalaliDateField(_l("End date"), validators=[DataRequired(_l("Enter the end date."))])

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def validate_end_date(self, field):
        if field.data > today():
            raise ValidationError(_("The end date is in the future."))
        if self.member.start_date and field.data < self.member.start_date:
            raise ValidationError(_("The end date is before the start date."))


class UnitFilterForm(Form):
    q = PersianStringField(_l("Search"))
    body = SelectField(_l("Council"), choices=lambda: body_choices(_("Both councils")), validate_choice=False)


class MemberFilterForm(Form):
    q = PersianStringField(_l("Search"))
    body = SelectField(_l("Council"), choices=lambda: body_choices(_("Both councils")), validate_choice=False)
    unit = SelectField(_l("PR unit"), validate_choice=False)
    role = SelectField(_l("Role"), choices=lambda: [("", _("All roles")), *role_choices()], validate_choice=False)
    education = SelectField(_l("Education"), choices=lambda: education_choices(_("Any education")),
                            validate_choice=False)
    status = SelectField(_l("Membership"), validate_choice=False,
                         choices=lambda: [("current", _("Current members")), ("former", _("Former members")),
                                          ("all", _("Current and former"))])
