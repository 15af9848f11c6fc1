"""A meeting's form and page: choices (members, overdue resolutions to carry over), saving the
agenda and attendance, and the extra fields a plugin adds to the form (kept in ``Meeting.extra``)."""
import datetime
import inspect
from dataclasses import dataclass, field

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import BooleanField, SelectField
from wtforms.fields.core import UnboundField

from core.committees import queries
from core.committees.forms import MEETING_FIELDS
from core.forms.fields import ClockField
from core.committees.labels import role_title
from core.committees.models import AgendaItem, Attendance, CommitteeMember
from core.db import db
from core.forms.fields import JalaliDateField, _ParsedField
from core.jalali import format_date, today
from core.models import Person
from core.text import to_fa_digits


@dataclass
class MeetingData:
    """What a meeting holds beyond its columns, loaded in three queries."""

    agenda: list = field(default_factory=list)  # AgendaItem, in order, with their resolutions
    attendance: list = field(default_factory=list)  # Attendance with member and person
    free_agenda: list = field(default_factory=list)  # texts of the items not linked to a resolution
    carried_ids: list = field(default_factory=list)
    invited_ids: list = field(default_factory=list)
    present_ids: list = field(default_factory=list)

    @property
    def present(self):
        return [row.member for row in self.attendance if row.present]

    @property
    def absent(self):
        return [row.member for row in self.attendance if row.invited and not row.present]


def meeting_form_data(meeting):
    data = MeetingData()
    data.agenda = db.session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
        .options(selectinload(AgendaItem.resolution)).order_by(AgendaItem.position)).all()
    data.attendance = db.session.scalars(
        select(Attendance).join(Attendance.member).join(CommitteeMember.person)
        .where(Attendance.meeting_id == meeting.id)
        .options(selectinload(Attendance.member).selectinload(CommitteeMember.person)
                 .selectinload(Person.organization))
        .order_by(queries.ROLE_ORDER, Person.last_name, Person.first_name)).all()
    data.free_agenda = [item.text for item in data.agenda if item.resolution_id is None]
    data.carried_ids = [item.resolution_id for item in data.agenda if item.resolution_id is not None]
    data.invited_ids = [row.member_id for row in data.attendance if row.invited]
    data.present_ids = [row.member_id for row in data.attendance if row.present]
    return data


@dataclass
class MeetingChoices:
    members: dict  # id -> CommitteeMember offered for invitation and attendance
    resolutions: dict  # id -> Resolution offered for carrying over


def resolution_label(resolution):
    parts = [resolution.text]
    if resolution.due_date:
        parts.append(_("due %(date)s", date=format_date(resolution.due_date)))
    if resolution.responsible:
        parts.append(resolution.responsible)
    return to_fa_digits(" — ".join(parts))


def setup_meeting_form(form, kit, committee, meeting, data=None):
    """Fill the form's choices; a new meeting invites every current member and carries over
    every overdue resolution unless the user unticks them."""
    offered = [(t.key, t.title) for t in kit.meeting_types()]
    if meeting is not None and meeting.type not in dict(offered):
        offered.append((meeting.type, meeting.type))
    form.type.choices = offered
    day = meeting.date if meeting is not None else today()
    members = queries.members_on(committee.id, day, (data.invited_ids + data.present_ids) if data else ())
    form.invited.choices = form.present.choices = [
        (m.id, f"{m.person.full_name} ({role_title(m.role)})") for m in members]
    resolutions = [r for r in queries.overdue_resolutions(committee.id, data.carried_ids if data else ())
                   if meeting is None or r.meeting_id != meeting.id]
    form.carry_over.choices = [(r.id, resolution_label(r)) for r in resolutions]
    if meeting is None and request.method == "GET":
        form.invited.data = [m.id for m in members if m.is_current]
        form.carry_over.data = [r.id for r in resolutions]
    return MeetingChoices({m.id: m for m in members}, {r.id: r for r in resolutions})


def _carry_text(resolution):
    return _("Follow-up of resolution %(number)s of the meeting of %(date)s: %(text)s",
             number=to_fa_digits(resolution.number), date=format_date(resolution.meeting.date), text=resolution.text)


def _save_agenda(meeting, lines, resolution_ids, choices):
    existing = list(meeting.agenda_items)
    free = [item for item in existing if item.resolution_id is None]
    linked = {item.resolution_id: item for item in existing if item.resolution_id is not None}
    items = []
    for resolution_id in resolution_ids:  # followed-up resolutions come first, as in the minutes
        item = linked.get(resolution_id)
        if item is None:
            item = AgendaItem(resolution_id=resolution_id, text=_carry_text(choices.resolutions[resolution_id]))
        items.append(item)
    for index, line in enumerate(lines):
        item = free[index] if index < len(free) else AgendaItem()
        item.text = line
        items.append(item)
    for position, item in enumerate(items, 1):
        item.position = position
    meeting.agenda_items = items


def _save_attendance(meeting, invited, present):
    rows = {row.member_id: row for row in meeting.attendance}
    kept = []
    for member_id in sorted(set(invited) | set(present)):
        row = rows.get(member_id) or Attendance(member_id=member_id)
        row.invited = member_id in invited
        row.present = member_id in present
        kept.append(row)
    meeting.attendance = kept


def save_meeting(form, meeting, choices):
    for name in ("type", "title", "date", "start_time", "place", "status"):
        setattr(meeting, name, getattr(form, name).data)
    meeting.guests = form.guests.data or ""
    meeting.minutes = form.minutes.data or ""
    meeting.extra = {f.name: _to_json(f.data) for f in form.extra_fields()}
    lines = [line.strip() for line in (form.agenda.data or "").splitlines() if line.strip()]
    order = [rid for rid, _label in form.carry_over.choices if rid in set(form.carry_over.data or ())]
    _save_agenda(meeting, lines, order, choices)
    _save_attendance(meeting, set(form.invited.data or ()), set(form.present.data or ()))


# --- extra fields of a plugin's meeting form -----------------------------------------------------

def _to_json(value):
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _extra_unbound(form_class):
    """``[(name, UnboundField)]`` of the fields a subclass of MeetingForm adds, in their order."""
    found = [(name, value) for name, value in inspect.getmembers(form_class, lambda v: isinstance(v, UnboundField))
             if name not in MEETING_FIELDS]
    return sorted(found, key=lambda entry: entry[1].creation_counter)


def extra_values(kit, meeting):
    """The saved values of the plugin's extra fields, as the form's fields expect them."""
    values = {}
    for name, unbound in _extra_unbound(kit.meeting_form):
        value = (meeting.extra or {}).get(name)
        if isinstance(value, str) and value:
            if issubclass(unbound.field_class, JalaliDateField):
                value = datetime.date.fromisoformat(value)
            elif issubclass(unbound.field_class, ClockField):
                value = datetime.time.fromisoformat(value)
        if value is not None:
            values[name] = value
    return values


def extra_details(kit, meeting):
    """``[(label, text)]`` of the plugin's extra fields, for the meeting page and the minutes."""
    if not _extra_unbound(kit.meeting_form):
        return []
    form = kit.meeting_form(formdata=None, meta={"csrf": False}, **extra_values(kit, meeting))
    details = []
    for f in form.extra_fields():
        if f.data in (None, "", []):
            text = "—"
        elif isinstance(f, BooleanField):
            text = _("Yes") if f.data else _("No")
        elif isinstance(f, SelectField):
            text = str(dict(f.choices or []).get(f.data, f.data))
        elif isinstance(f, _ParsedField):
            text = f._value()
        else:
            text = to_fa_digits(f.data)
        details.append((f.label.text, text))
    return details

