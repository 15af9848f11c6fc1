"""The forms of visits to PR units and counties, and of their follow-up actions."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import Form, SelectField
from wtforms.validators import DataRequired, Length, ValidationError

from core.db import db
from core.forms.fields import JalaliDateField, PersianStringField, PersianTextAreaField
from core.forms.people import OrganizationField, PeopleField, PersonField
from core.jalali import today
from core.models import Organization
from core.text import to_ascii_digits, to_fa_digits

from ..bodies import body_titles
from ..models import Unit
from ..models.visits import ACTION_STATUS_TITLES, KIND_BODY, VISIT_KIND_TITLES


def max_length(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


def optional_id(value):
    value = to_ascii_digits(str(value or "")).strip()
    return int(value) if value.isdigit() else None


def not_in_future(message):
    def check(form, field):
        if field.data and field.data > today():
            raise ValidationError(message)
    return check


def unit_choices():
    """The council's units grouped under their body, for a select (one query)."""
    titles = body_titles()
    groups = {titles[key]: [] for key in titles}
    rows = db.session.execute(select(Unit.id, Unit.body, Organization.name)
                              .join(Organization, Organization.id == Unit.organization_id)
                              .order_by(Organization.name))
    for unit_id, body, name in rows:
        groups[titles.get(body, body)].append((unit_id, name))
    return {title: choices for title, choices in groups.items() if choices}


class VisitForm(FlaskForm):
    kind = SelectField(_l("Kind of visit"), choices=lambda: list(VISIT_KIND_TITLES.items()), default="unit")
    date = JalaliDateField(_l("Date of the visit"), validators=[
        DataRequired(_l("Enter the date of the visit.")),
        not_in_future(_l("A visit cannot be recorded on a future date."))])
    unit_id = SelectField(_l("Unit visited"), coerce=optional_id, validate_choice=False,
                          validators=[DataRequired(_l("Choose the unit visited."))])
    visitors = PeopleField(_l("Visitors"), validators=[DataRequired(_l("Choose who made the visit."))])
    findings = PersianTextAreaField(_l("Findings"), validators=[DataRequired(_l("Write what the visit found.")),
                                                                 max_length(10000)])
    problems = PersianTextAreaField(_l("Problems raised"), validators=[max_length(10000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_id.choices = unit_choices()

    def validate_unit_id(self, field):
        unit = db.session.get(Unit, field.data)
        if unit is None or unit.is_deleted:
            raise ValidationError(_("This unit is not a member of the councils."))
        if self.kind.data in KIND_BODY and unit.body != KIND_BODY[self.kind.data]:
            if unit.body == "county":
                raise ValidationError(_("A county governorate's unit is visited with a county visit."))
            raise ValidationError(_("A county visit goes to a unit of the county governorates' council."))


class ActionForm(FlaskForm):
    text = PersianTextAreaField(_l("Follow-up action"), validators=[DataRequired(_l("Write the action to follow up.")),
                                                          max_length(5000)])
    owner_person = PersonField(_l("Responsible person"))
    owner_organization = OrganizationField(_l("Responsible organization"))
    due_date = JalaliDateField(_l("Due date"))
    status = SelectField(_l("Status"), choices=lambda: list(ACTION_STATUS_TITLES.items()), default="open")
    done_on = JalaliDateField(_l("Done on"), validators=[
        not_in_future(_l("An action cannot be done on a future date."))])

    def validate_owner_organization(self, field):
        if field.data is None and self.owner_person.data is None and not self.owner_person.errors:
            raise ValidationError(_("Choose who carries it out: a person, an organization or both."))

    def validate_done_on(self, field):
        if self.status.data == "done" and field.data is None and not field.errors:
            raise ValidationError(_("Enter the date it was done."))
        if self.status.data != "done" and field.data is not None:
            raise ValidationError(_("A done date is only for a done action."))


class VisitFilterForm(Form):
    """The visits list's search and date filters, read from the query string."""

    q = PersianStringField(_l("Search"))
    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))
