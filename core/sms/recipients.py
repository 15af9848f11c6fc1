"""Who a message goes to: people of the directory (filtered or picked), saved groups and typed
numbers, resolved into one list of valid, distinct mobile numbers.

Numbers are normalized (09…, +989…, 989…, 00989…, Persian or Arabic-Indic digits, spaces and
dashes); a number that is not an Iranian mobile is reported with a Persian reason, never dropped
silently; a number reached twice is sent once; numbers on the opt-out list are skipped.
"""
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from core.db import db
from core.models import Organization, Person
from core.sms.models import SmsGroup, SmsGroupMember, SmsOptOut
from core.text import clean_text, normalize_mobile

# Numbers are typed one a line or separated by commas (Latin or Persian) or semicolons.
_SEPARATORS = re.compile(r"[\n,،;؛]+")


@dataclass
class Recipient:
    mobile: str
    name: str = ""
    person_id: int | None = None


@dataclass
class Invalid:
    text: str  # the number as it was given ("" when a person has none)
    name: str  # whose number it is, when known
    reason: str


@dataclass
class RecipientSpec:
    """The recipients chosen on the send form (or by a plugin)."""

    group_ids: list[int] = field(default_factory=list)
    directory: bool = False  # people of the directory matching the three filters below
    organization_type: str = ""
    organization_id: int | None = None
    position: str = ""
    person_ids: list[int] = field(default_factory=list)
    numbers: str = ""

    def is_empty(self):
        return not (self.group_ids or self.directory or self.person_ids or self.numbers.strip())


@dataclass
class RecipientList:
    recipients: list[Recipient] = field(default_factory=list)
    skipped: list[Recipient] = field(default_factory=list)  # on the opt-out list
    invalid: list[Invalid] = field(default_factory=list)
    duplicates: int = 0


def split_numbers(text):
    """The numbers typed in a box: ``(valid 09… numbers, invalid pieces as typed)``. A line with
    several numbers separated by spaces is split too, when each piece is a mobile number."""
    valid, invalid = [], []
    for piece in _SEPARATORS.split(text or ""):
        piece = piece.strip()
        if not piece:
            continue
        try:
            valid.append(normalize_mobile(piece))
            continue
        except ValueError:
            pass
        words = piece.split()
        try:
            numbers = [normalize_mobile(word) for word in words] if len(words) > 1 else None
        except ValueError:
            numbers = None
        if numbers:
            valid.extend(numbers)
        else:
            invalid.append(piece)
    return valid, invalid


def _people(statement):
    rows = db.session.execute(statement.with_only_columns(
        Person.id, Person.first_name, Person.last_name, Person.mobile).order_by(Person.last_name, Person.id))
    return [(row.id, f"{row.first_name} {row.last_name}", row.mobile) for row in rows]


def directory_statement(spec):
    statement = select(Person)
    if spec.organization_type:
        statement = statement.join(Person.organization).where(Organization.type == spec.organization_type)
    if spec.organization_id:
        statement = statement.where(Person.organization_id == spec.organization_id)
    if spec.position:
        statement = statement.where(Person.position.contains(clean_text(spec.position), autoescape=True))
    return statement


def _candidates(spec):
    """``(mobile text, name, person id)`` in the order they were chosen."""
    if spec.person_ids:
        yield from _people(select(Person).where(Person.id.in_(spec.person_ids)))
    if spec.group_ids:
        members = (select(Person).join(SmsGroupMember, SmsGroupMember.person_id == Person.id)
                   .join(SmsGroup, SmsGroup.id == SmsGroupMember.group_id)
                   .where(SmsGroupMember.group_id.in_(spec.group_ids)))
        yield from _people(members)
        numbers = db.session.execute(
            select(SmsGroupMember.mobile, SmsGroupMember.name).join(SmsGroup)
            .where(SmsGroupMember.group_id.in_(spec.group_ids), SmsGroupMember.mobile.is_not(None))
            .order_by(SmsGroupMember.id))
        for mobile, name in numbers:
            yield None, name, mobile
    if spec.directory:
        yield from _people(directory_statement(spec))


def resolve(spec: RecipientSpec) -> RecipientList:
    result = RecipientList()
    seen = set()

    def add(mobile, name, person_id):
        if mobile in seen:
            result.duplicates += 1
            return
        seen.add(mobile)
        result.recipients.append(Recipient(mobile, name, person_id))

    for person_id, name, mobile in _candidates(spec):
        if not mobile:
            result.invalid.append(Invalid("", name, _("No mobile number in the directory.")))
            continue
        try:
            add(normalize_mobile(mobile), name, person_id)
        except ValueError:
            result.invalid.append(Invalid(mobile, name, _("Not an Iranian mobile number.")))
    typed, bad = split_numbers(spec.numbers)
    result.invalid.extend(Invalid(text, "", _("Not an Iranian mobile number.")) for text in bad)
    if typed:
        known = dict(db.session.execute(
            select(Person.mobile, Person.id).where(Person.mobile.in_(set(typed)))).all())
        names = _names(known.values())
        for mobile in typed:
            add(mobile, names.get(known.get(mobile), ""), known.get(mobile))
    opted_out = set(db.session.scalars(select(SmsOptOut.mobile)))
    if opted_out:
        result.skipped = [r for r in result.recipients if r.mobile in opted_out]
        result.recipients = [r for r in result.recipients if r.mobile not in opted_out]
    return result


def _names(person_ids):
    ids = list(person_ids)
    if not ids:
        return {}
    return {pid: name for pid, name, _mobile in _people(select(Person).where(Person.id.in_(ids)))}
