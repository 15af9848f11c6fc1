"""Picking people of the directory on a form: the chosen ones (ticked checkboxes named
``person_ids``) and the results of a search, which work with a plain form post and with htmx."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.db import db
from core.models import Person
from core.text import normalize_fa

RESULTS = 30


def chosen_people(person_ids):
    if not person_ids:
        return []
    people = db.session.scalars(select(Person).where(Person.id.in_(person_ids))
                                .options(selectinload(Person.organization))).all()
    order = {pid: index for index, pid in enumerate(person_ids)}
    return sorted(people, key=lambda p: order[p.id])


def search_people(query, exclude_ids=()):
    """Up to RESULTS people whose name, mobile, national code or position match every word."""
    words = normalize_fa(query).split()
    if not words:
        return []
    statement = select(Person).options(selectinload(Person.organization)).order_by(Person.last_name, Person.id)
    for word in words:
        statement = statement.where(Person.search_text.contains(word, autoescape=True))
    if exclude_ids:
        statement = statement.where(Person.id.not_in(list(exclude_ids)))
    return db.session.scalars(statement.limit(RESULTS)).all()
