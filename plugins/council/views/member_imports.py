"""The XLSX/CSV import of council members (core.importing: upload, a Persian preview of every row,
then one transaction).

Each row names the organization, matched by name among the directory's agencies and county
governorates (its PR unit is made when it has none), and the person: found by national code, or
else by first and last name among the people of that organization, or else added to the
directory. A member number left empty is given the next free one, in the order of the rows. A
row is refused when the person is already a current member of that unit, when the member number
is taken, or when it records a manager for a unit that has one (the change of manager is
recorded on the member form, which keeps the history)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core import importing
from core.db import db
from core.directory.lookups import national_code_taken_message, people_with_national_codes
from core.importing import Column, Importer
from core.jalali import parse_jalali_date, today
from core.models import Organization, Person
from core.text import normalize_fa, to_ascii_digits, to_fa_digits

from ..blueprint import bp
from ..bodies import sync_seat
from ..forms.members import UNIT_TYPES, body_of
from ..models import Member, Unit
from ..models.members import EDUCATION_LABELS, ROLE_LABELS, next_member_number


def _start_date(value):
    day = parse_jalali_date(value)  # a JalaliDateError is a ValueError with a Persian message
    if day > today():
        raise ValueError(_("The start date is in the future."))
    return day


def _member_number(value):
    value = to_ascii_digits(value)
    if not value.isdigit() or len(value) > 20:
        raise ValueError(_("The member number is made of digits only."))
    return value


def _organizations(rows):
    """{normalized name: [Organization]} of the agencies and county governorates named in the file."""
    wanted = {normalize_fa(row.values["organization"]) for row in rows if row.values.get("organization")}
    found = {}
    for organization in db.session.scalars(select(Organization).where(Organization.type.in_(UNIT_TYPES))):
        key = normalize_fa(organization.name)
        if key in wanted:
            found.setdefault(key, []).append(organization)
    return found


def _people_by_name(organization_ids):
    """{(organization id, normalized full name): [Person]} of those organizations' people."""
    found = {}
    for person in db.session.scalars(select(Person).where(Person.organization_id.in_(organization_ids))):
        found.setdefault((person.organization_id, normalize_fa(person.full_name)), []).append(person)
    return found


def _resolve_organization(row, organizations):
    name = row.values.get("organization")
    matches = organizations.get(normalize_fa(name), []) if name else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        row.add_error("organization", _("More than one organization is named %(name)s.", name=name))
    elif name:
        row.add_error("organization", _("No executive agency or county governorate named %(name)s is in the "
                                        "directory. Add it there first or correct the name.", name=name))
    return None


def _resolve_person(row, organization, owners, by_name):
    """The directory's person of the row, or None for a new one (an error on the row when the
    national code belongs to someone in the trash)."""
    code = row.values.get("national_code")
    if code:
        owner = owners.get(code)
        if owner is not None and owner.is_deleted:
            row.add_error("national_code", national_code_taken_message(owner))
        return owner if owner is not None and not owner.is_deleted else None
    if organization is None or not (row.values.get("first_name") and row.values.get("last_name")):
        return None
    name = normalize_fa(f"{row.values['first_name']} {row.values['last_name']}")
    matches = by_name.get((organization.id, name), [])
    if len(matches) > 1:
        row.add_error("last_name", _("More than one person of this organization in the directory has this "
                                     "name; write the national code."))
    return matches[0] if len(matches) == 1 else None


def _check_rows(rows):
    organizations = _organizations(rows)
    owners = people_with_national_codes({row.values["national_code"] for row in rows if row.values.get("national_code")})
    organization_ids = [o.id for named in organizations.values() for o in named]
    by_name = _people_by_name(organization_ids)
    units = {unit.organization_id: unit for unit in db.session.scalars(
        select(Unit).where(Unit.organization_id.in_(organization_ids)))}
    current = {(member.unit_id, member.person_id): member for member in db.session.scalars(
        select(Member).where(Member.unit_id.in_([unit.id for unit in units.values()]), Member.end_date.is_(None)))}
    managed = {unit_id for (unit_id, _person), member in current.items() if member.role == "manager"}
    numbers = {row.values["member_number"] for row in rows if row.values.get("member_number")}
    taken = set(db.session.scalars(select(Member.member_number).where(Member.member_number.in_(numbers))
                                   .execution_options(include_deleted=True)))
    next_number = int(next_member_number())
    managers_in_file = {}
    for row in rows:
        organization = _resolve_organization(row, organizations)
        person = _resolve_person(row, organization, owners, by_name)
        row.values["organization_record"], row.values["person_record"] = organization, person
        unit = units.get(organization.id) if organization is not None else None
        if unit is not None and person is not None and (unit.id, person.id) in current:
            row.add_error("last_name", _("%(name)s is already a current member of this PR unit.",
                                         name=person.full_name))
        if row.values.get("role") == "manager" and organization is not None:
            if unit is not None and unit.id in managed:
                row.add_error("role", _("This PR unit has a current manager; record the change of manager on the "
                                        "member form."))
            elif organization.id in managers_in_file:
                row.add_error("role", _("Row %(row)s of this file is the manager of this PR unit already.",
                                        row=to_fa_digits(managers_in_file[organization.id])))
            else:
                managers_in_file[organization.id] = row.number
        number = row.values.get("member_number")
        if number in taken:
            row.add_error("member_number", _("Member number %(number)s is taken.", number=to_fa_digits(number)))
        elif not number:
            while str(next_number) in numbers or str(next_number) in taken:
                next_number += 1
            row.values["member_number"] = str(next_number)
            next_number += 1


def _save_member(values):
    organization = values["organization_record"]
    unit = db.session.scalar(select(Unit).where(Unit.organization_id == organization.id))
    if unit is None:
        unit = Unit(organization_id=organization.id, body=body_of(organization))
        db.session.add(unit)
    person = values["person_record"]
    if person is None:
        person = Person(first_name=values["first_name"], last_name=values["last_name"],
                        national_code=values["national_code"], mobile=values["mobile"],
                        organization_id=organization.id, position=values["position"] or "")
        db.session.add(person)
    member = Member(unit=unit, person=person, role=values["role"] or "expert", position=values["position"] or "",
                    education=values["education"] or "", field_of_study=values["field_of_study"] or "",
                    start_date=values["start_date"], member_number=values["member_number"])
    db.session.add(member)
    db.session.flush()
    sync_seat(member)


members_importer = Importer(
    key="members",
    title=_l("Import council members"),
    template_name=_l("council-members-import-template"),
    list_endpoint="council.members",
    max_rows=2000,
    columns=[
        Column(_l("Organization"), "organization", required=True, parse=importing.text(200), width=40,
               aliases=("organization", "سازمان", "نام دستگاه"),
               hint=_l("The executive agency or county governorate, by its name in the directory.")),
        Column(_l("First name"), "first_name", required=True, parse=importing.text(100), width=16,
               aliases=("first name",)),
        Column(_l("Last name"), "last_name", required=True, parse=importing.text(100), width=20,
               aliases=("last name", "نام‌خانوادگی")),
        Column(_l("National code"), "national_code", parse=importing.national_code, unique=True, width=14,
               aliases=("national code", "کدملی"),
               hint=_l("Finds the person in the directory; without it the person is looked up by name in the "
                       "organization, or added.")),
        Column(_l("Mobile"), "mobile", parse=importing.mobile, width=14, aliases=("mobile", "موبایل", "تلفن همراه")),
        Column(_l("Role"), "role", parse=importing.choice(ROLE_LABELS), choices=list(ROLE_LABELS.values()), width=12,
               aliases=("role", "نقش در روابط عمومی"), hint=_l("Empty means expert.")),
        Column(_l("Position"), "position", parse=importing.text(200), width=24, aliases=("position", "عنوان شغلی")),
        Column(_l("Education"), "education", parse=importing.choice(EDUCATION_LABELS),
               choices=list(EDUCATION_LABELS.values()), width=16, aliases=("education", "مدرک تحصیلی")),
        Column(_l("Field of study"), "field_of_study", parse=importing.text(200), width=22,
               aliases=("field of study", "رشته")),
        Column(_l("Start date"), "start_date", parse=_start_date, width=14, aliases=("start date", "تاریخ شروع به کار"),
               hint=_l("Jalali, like 1403/08/25.")),
        Column(_l("Member number"), "member_number", parse=_member_number, unique=True, width=14,
               aliases=("member number", "شماره عضویت"), hint=_l("Empty gives the next free number.")),
    ],
    save_row=_save_member,
    check_rows=_check_rows,
)

importing.add_import_routes(bp, members_importer, "council.edit")
