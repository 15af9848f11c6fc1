"""Fields that pick people and organizations of the core directory.

``PersonField`` and ``PeopleField`` give ``Person`` rows as ``data`` (None / a list), so a form's
``populate_obj`` fills a relationship of the same name (``official``, ``officials``);
``OrganizationField`` and ``OrganizationsField`` do the same for organizations, optionally of
some types only (``types=("press",)`` for outlets). A submitted id that is not in the directory
(or is in the trash) is refused with a Persian message, and the user's other input is kept.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectField, SelectMultipleField

from core.db import db
from core.models import Organization, Person
from core.text import to_ascii_digits


def _ids(values):
    ids = []
    for value in values:
        text = to_ascii_digits(str(value or "")).strip()
        if not text:
            continue
        if not text.isdigit():
            raise ValueError(_l("Choose from the list."))
        ids.append(int(text))
    return ids


class _RecordsField:
    """Shared by the four fields: ``model`` rows chosen by id, offered by ``statement()``."""

    model = None
    multiple = False
    invalid_message = None

    def __init__(self, label=None, validators=None, where=(), **kwargs):
        self.where = tuple(where)
        super().__init__(label, validators, coerce=str, choices=[], validate_choice=False, **kwargs)

    def statement(self):
        return select(self.model).where(*self.where).order_by(*self.order)

    def _rows(self, ids):
        if not ids:
            return []
        found = {row.id: row for row in db.session.scalars(select(self.model).where(self.model.id.in_(ids),
                                                                                    *self.where))}
        if len(found) != len(set(ids)):
            raise ValueError(self.invalid_message)
        return [found[record_id] for record_id in dict.fromkeys(ids)]

    def process_formdata(self, valuelist):
        rows = self._rows(_ids(valuelist))
        self.data = rows if self.multiple else (rows[0] if rows else None)

    def _selected_ids(self):
        if self.multiple:
            return {row.id for row in self.data or ()}
        return {self.data.id} if self.data is not None else set()

    def iter_choices(self):
        selected = self._selected_ids()
        if not self.multiple:
            yield ("", "—", not selected, {})
        for row in db.session.scalars(self.statement()):
            yield (str(row.id), self.describe(row), row.id in selected, {})

    def pre_validate(self, form):
        pass


class PersonField(_RecordsField, SelectField):
    model = Person
    order = (Person.last_name, Person.first_name)
    invalid_message = _l("This person is not in the directory.")

    @staticmethod
    def describe(person):
        return f"{person.full_name} — {person.position}" if person.position else person.full_name


class PeopleField(PersonField, SelectMultipleField):
    multiple = True


class OrganizationField(_RecordsField, SelectField):
    model = Organization
    order = (Organization.name,)
    invalid_message = _l("This organization is not in the directory.")

    def __init__(self, label=None, validators=None, types=(), where=(), **kwargs):
        where = (*where, Organization.type.in_(types)) if types else where
        super().__init__(label, validators, where=where, **kwargs)

    @staticmethod
    def describe(organization):
        return organization.name


class OrganizationsField(OrganizationField, SelectMultipleField):
    multiple = True
