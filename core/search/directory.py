"""The directory's search hits: people and organizations (a core part's ``ravabet_search``)."""
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.directory.labels import organization_type_label
from core.models import Organization, Person
from core.permissions import user_can
from core.plugins.hookspecs import hookimpl
from core.search.query import SearchGroup

TITLE = _l("Directory")
ICON = "☷"


def _person_hit(person):
    details = [person.position, person.organization.name if person.organization else "", person.mobile or "",
               person.national_code or ""]
    return {"title": person.full_name, "url": url_for("directory.person", person_id=person.id),
            "detail": " · ".join(d for d in details if d)}


def _organization_hit(organization):
    details = [str(organization_type_label(organization.type)), organization.city, organization.phone]
    return {"title": organization.name,
            "url": url_for("directory.organization", organization_id=organization.id),
            "detail": " · ".join(d for d in details if d)}


@hookimpl
def ravabet_search(query, user, limit):
    if not user_can(user, "directory.view"):
        return None
    return [
        SearchGroup("people", _l("People"), (Person.search_text,),
                    lambda match: select(Person).where(match).options(selectinload(Person.organization))
                    .order_by(Person.id.desc()),
                    hit=_person_hit, more_url=lambda: url_for("directory.people", q=query.text)),
        SearchGroup("organizations", _l("Organizations"), (Organization.search_text,),
                    lambda match: select(Organization).where(match).order_by(Organization.id.desc()),
                    hit=_organization_hit, more_url=lambda: url_for("directory.organizations", q=query.text)),
    ]
