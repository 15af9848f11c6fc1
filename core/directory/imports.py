"""Spreadsheet imports of people and organizations (see core.importing)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _h  # column titles: a contract with users' files

from core import importing
from core.db import db
from core.directory import bp
from core.directory.labels import ORGANIZATION_TYPE_LABELS
from core.directory.lookups import (
    national_code_taken_message,
    organization_name_taken_message,
    organizations_by_name,
    people_with_national_codes,
)
from core.importing import Column, Importer
from core.models import Organization, Person
from core.text import normalize_fa


def _check_people(rows):
    codes = {row.values["national_code"] for row in rows if row.values.get("national_code")}
    owners = people_with_national_codes(codes)
    organizations = organizations_by_name()
    for row in rows:
        owner = owners.get(row.values.get("national_code"))
        if owner is not None:
            row.add_error("national_code", national_code_taken_message(owner))
        name = row.values.get("organization")
        row.values["organization_id"] = None
        if name:
            matches = organizations.get(normalize_fa(name), [])
            current = [o for o in matches if not o.is_deleted]
            if len(current) == 1:
                row.values["organization_id"] = current[0].id
            elif len(current) > 1:
                row.add_error("organization", _("More than one organization is named %(name)s.", name=name))
            elif matches:
                row.add_error("organization", _("The organization %(name)s is in the trash.", name=name))
            else:
                row.add_error("organization", _("No organization named %(name)s is in the directory. Add it "
                                                "first or correct the name.", name=name))


def _save_person(values):
    db.session.add(Person(
        first_name=values["first_name"], last_name=values["last_name"], national_code=values["national_code"],
        mobile=values["mobile"], organization_id=values["organization_id"], position=values["position"] or "",
    ))


people_importer = Importer(
    key="people",
    title=_l("Import people"),
    template_name=_l("people-import-template"),
    list_endpoint="directory.people",
    columns=[
        Column(_h("import column", "First name"), "first_name", required=True, parse=importing.text(100),
               width=16),
        Column(_h("import column", "Last name"), "last_name", required=True, parse=importing.text(100),
               width=20),
        Column(_h("import column", "National code"), "national_code", parse=importing.national_code,
               unique=True, width=14,
               hint=_l("10 digits with a valid check digit; must not already be in the directory.")),
        Column(_h("import column", "Mobile"), "mobile", parse=importing.mobile, width=14,
               hint=_l("Like 09123456789.")),
        Column(_h("import column", "Organization"), "organization", parse=importing.text(200), width=36,
               hint=_l("The name exactly as it is in the directory's organizations.")),
        Column(_h("import column", "Position"), "position", parse=importing.text(200), width=24),
    ],
    save_row=_save_person,
    check_rows=_check_people,
)


def _check_organizations(rows):
    existing = organizations_by_name()
    for row in rows:
        name = row.values.get("name")
        if name and existing.get(normalize_fa(name)):
            row.add_error("name", organization_name_taken_message(existing[normalize_fa(name)][0]))


def _save_organization(values):
    db.session.add(Organization(name=values["name"], type=values["type"], city=values["city"] or "",
                                phone=values["phone"] or ""))


organizations_importer = Importer(
    key="organizations",
    title=_l("Import organizations"),
    template_name=_l("organizations-import-template"),
    list_endpoint="directory.organizations",
    columns=[
        Column(_h("import column", "Name"), "name", required=True, parse=importing.text(200), unique=True,
               width=40, hint=_l("Must not already be in the directory.")),
        Column(_h("import column", "Type"), "type", required=True, width=22,
               parse=importing.choice(ORGANIZATION_TYPE_LABELS), choices=list(ORGANIZATION_TYPE_LABELS.values())),
        Column(_h("import column", "City"), "city", parse=importing.text(100), width=14),
        Column(_h("import column", "Phone"), "phone", parse=importing.phone, width=16),
    ],
    save_row=_save_organization,
    check_rows=_check_organizations,
)

importing.add_import_routes(bp, people_importer, "directory.import")
importing.add_import_routes(bp, organizations_importer, "directory.import")
