"""Directory look-ups shared by the forms and the imports (trash included, so nothing is entered twice)."""
from flask_babel import gettext as _
from sqlalchemy import select

from core.db import db
from core.models import Organization, Person
from core.text import normalize_fa


def people_with_national_codes(codes, exclude_id=None):
    """{national code: Person} for the given codes, people in the trash included."""
    found = {}
    codes = list(codes)
    for start in range(0, len(codes), 500):
        statement = (select(Person).where(Person.national_code.in_(codes[start:start + 500]))
                     .execution_options(include_deleted=True))
        if exclude_id is not None:
            statement = statement.where(Person.id != exclude_id)
        found.update((person.national_code, person) for person in db.session.scalars(statement))
    return found


def national_code_taken_message(person):
    if person.is_deleted:
        return _("This national code belongs to %(name)s, who is in the trash. Restore that person "
                 "instead of adding them again.", name=person.full_name)
    return _("This national code already belongs to %(name)s.", name=person.full_name)


def organizations_by_name(include_deleted=True):
    """{normalized name: [Organization, ...]}: names compare like searches (ي/ی, ZWNJ, digits)."""
    statement = select(Organization).execution_options(include_deleted=include_deleted)
    found = {}
    for organization in db.session.scalars(statement):
        found.setdefault(normalize_fa(organization.name), []).append(organization)
    return found


def organization_name_taken_message(organization):
    if organization.is_deleted:
        return _("An organization named %(name)s is in the trash. Restore it instead of adding it again.",
                 name=organization.name)
    return _("An organization named %(name)s already exists.", name=organization.name)
