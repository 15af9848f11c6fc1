"""Fields that pick people and organizations of the core directory.

``PersonField`` and ``PeopleField`` give ``Person`` rows as ``data`` (None / a list), so a form's
``populate_obj`` fills a relationship of the same name (``official``, ``officials``);
``OrganizationField`` and ``OrganizationsField`` do the same for organizations, optionally of
some types only (``types=("press",)`` for outlets). A submitted id that is not in the directory
(or is in the trash) is refused with a Persian message; the valid choices and the user's other
input are kept.

The directory may hold tens of thousands of people, so the person fields never list it: they
render the chosen people (checked boxes, or radio buttons for one person) and a search box
(templates/partials/people_picker.html). With htmx, typing asks ``directory.pick_people`` for at
most ``MATCH_LIMIT`` matches to tick. Without JavaScript the typed text is posted with the form and
resolved here: exactly one match is chosen, none or several answer a Persian error on the field
with the matches offered to tick. Text is not resolved when its matches were on the page already
(the htmx search marks them with ``<name>__shown``) or when someone among them is ticked: the user
chose by ticking. Organizations (a few hundred) stay selects.
"""
from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import Field, SelectField, SelectMultipleField
from wtforms.validators import StopValidation
from wtforms.fields.choices import Choice
from wtforms.utils import unset_value
from wtforms.widgets import html_params

from core.db import db
from core.models import Organization, Person
from core.text import clean_text, fa_number, normalize_fa, to_ascii_digits

MATCH_LIMIT = 20


def search_people(query, where=(), exclude=()):
    """``(people, more)``: at most MATCH_LIMIT people whose search text holds every typed word (by
    name), with their organizations; ``more`` when others match too."""
    words = normalize_fa(query).split()
    if not words:
        return [], False
    statement = (select(Person).where(*where, *(Person.search_text.contains(word, autoescape=True)
                                                  for word in words))
                 .options(selectinload(Person.organization))
                 .order_by(Person.last_name, Person.first_name, Person.id).limit(MATCH_LIMIT + 1))
    if exclude:
        statement = statement.where(Person.id.not_in(exclude))
    people = db.session.scalars(statement).all()
    return people[:MATCH_LIMIT], len(people) > MATCH_LIMIT


def describe_person(person):
    """Name, position and organization: enough to tell two people of the same name apart."""
    details = [part for part in (person.position, person.organization and person.organization.name) if part]
    return f"{person.full_name} — {'، '.join(details)}" if details else person.full_name


def parse_ids(values):
    """(ids, malformed): the digits among ``values`` as ints, and whether any value was not digits."""
    ids, malformed = [], False
    for value in values:
        text = to_ascii_digits(str(value or "")).strip()
        if text.isdigit():
            ids.append(int(text))
        elif text:
            malformed = True
    return list(dict.fromkeys(ids)), malformed


def rows_by_id(model, ids, where):
    """The rows of ``ids`` in that order, and whether some id was not found (deleted, or refused by
    ``where``)."""
    if not ids:
        return [], False
    found = {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(ids), *where))}
    return [found[record_id] for record_id in ids if record_id in found], len(found) != len(ids)


class PersonField(Field):
    """One person of the directory, chosen by search (see the module's docstring)."""

    multiple = False
    invalid_message = _l("This person is not in the directory.")

    def __init__(self, label=None, validators=None, where=(), **kwargs):
        super().__init__(label, validators, **kwargs)
        self.where = tuple(where)
        self.query, self.searched = "", False
        self.matches, self.more = [], False

    @property
    def search_name(self):
        return f"{self.name}__q"

    @property
    def chosen(self):
        if self.multiple:
            return list(self.data or ())
        return [self.data] if self.data is not None else []

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.query = (clean_text(formdata.get(self.search_name, "")) or "") if formdata is not None else ""
        # The matches of this very text were on the page (htmx search): what is not ticked is not wanted.
        shown = formdata.get(f"{self.name}__shown", "") if formdata is not None else ""
        self.searched = bool(self.query) and normalize_fa(shown) == normalize_fa(self.query)
        self.matches, self.more = [], False
        super().process(formdata, data, extra_filters)
        if self.searched:
            self.matches, self.more = search_people(self.query, self.where, [person.id for person in self.chosen])
        elif self.query:
            try:
                self._resolve_query()
            except ValueError as error:
                self.process_errors.append(error.args[0])

    def process_formdata(self, valuelist):
        ids, malformed = parse_ids(valuelist)
        rows, missing = rows_by_id(Person, ids, self.where)
        self.data = rows if self.multiple else (rows[0] if rows else None)
        if malformed:
            raise ValueError(_l("Choose from the list."))
        if missing:
            raise ValueError(self.invalid_message)

    def _resolve_query(self):
        """Choose the one person the typed text names; otherwise offer the matches to tick."""
        chosen_ids = [person.id for person in self.chosen]
        matches, more = search_people(self.query, self.where)
        if any(person.id in chosen_ids for person in matches):
            return  # searched, then ticked among the matches
        if len(matches) == 1:
            self.data = [*self.chosen, matches[0]] if self.multiple else matches[0]
            self.query = ""
            return
        self.matches, self.more = matches, more
        if not matches:
            raise ValueError(_("No one in the directory matches “%(query)s”.", query=self.query))
        if more:
            raise ValueError(_("More than %(count)s people match “%(query)s”: tick the one you mean, or type "
                               "more of the name.", count=fa_number(MATCH_LIMIT), query=self.query))
        raise ValueError(_("%(count)s people match “%(query)s”: tick the one you mean.",
                           count=fa_number(len(matches)), query=self.query))

    def pre_validate(self, form):
        # The picker's own error says more than "required" would (and clears nothing).
        if self.process_errors:
            raise StopValidation()

    def __call__(self, **kwargs):
        kwargs.setdefault("id", self.id)
        return Markup(render_template("partials/people_picker.html", name=self.name, field_id=self.id,
                                      multiple=self.multiple, chosen=self.chosen, matches=self.matches,
                                      more=self.more, query=self.query, search_name=self.search_name,
                                      describe=describe_person, match_limit=MATCH_LIMIT, searched=self.searched,
                                      attributes=Markup(html_params(**kwargs))))


class PeopleField(PersonField):
    """Several people of the directory, chosen by search; ``data`` is a list."""

    multiple = True

    def process_data(self, value):
        self.data = list(value or ())


class _OrganizationSelect:
    """Organizations are few: a select of all of them (of ``types``), by id."""

    multiple = False

    def __init__(self, label=None, validators=None, types=(), where=(), **kwargs):
        self.where = (*where, Organization.type.in_(types)) if types else tuple(where)
        super().__init__(label, validators, coerce=str, choices=[], validate_choice=False, **kwargs)

    def process_data(self, value):
        # Rows as they are (SelectField would coerce them to their names).
        self.data = list(value or ()) if self.multiple else value

    def process_formdata(self, valuelist):
        ids, malformed = parse_ids(valuelist)
        rows, missing = rows_by_id(Organization, ids, self.where)
        self.data = rows if self.multiple else (rows[0] if rows else None)
        if malformed:
            raise ValueError(_l("Choose from the list."))
        if missing:
            raise ValueError(_l("This organization is not in the directory."))

    def iter_choices(self):
        rows = (self.data or []) if self.multiple else [self.data] if self.data is not None else []
        selected = {row.id for row in rows}
        if not self.multiple:
            yield Choice("", "—", not selected, {})
        for row in db.session.execute(select(Organization.id, Organization.name).where(*self.where)
                                      .order_by(Organization.name)):
            yield Choice(str(row.id), row.name, row.id in selected, {})

    def pre_validate(self, form):
        pass


class OrganizationField(_OrganizationSelect, SelectField):
    pass


class OrganizationsField(_OrganizationSelect, SelectMultipleField):
    multiple = True
