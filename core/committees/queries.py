"""Look-ups of the kit's pages, each a fixed number of SQL queries whatever the number of rows."""
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from core.committees.models import Attendance, CommitteeMember, Meeting, Resolution
from core.db import db
from core.jalali import today
from core.models import Organization, Person


ROLE_ORDER = case({"chair": 0, "deputy": 1, "secretary": 2}, value=CommitteeMember.role, else_=3)


def _sum(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def committee_counts(ids):
    """``{committee id: {members, held, next_meeting, open, overdue}}`` in three queries."""
    ids = list(ids)
    counts = {i: {"members": 0, "held": 0, "next_meeting": None, "open": 0, "overdue": 0} for i in ids}
    if not ids:
        return counts
    members = (select(CommitteeMember.committee_id, func.count(CommitteeMember.id))
               .join(CommitteeMember.person)
               .where(CommitteeMember.committee_id.in_(ids), CommitteeMember.is_current)
               .group_by(CommitteeMember.committee_id))
    for committee_id, count in db.session.execute(members):
        counts[committee_id]["members"] = count
    day = today()
    meetings = (select(Meeting.committee_id, _sum(Meeting.status == "held"),
                       func.min(case((and_(Meeting.status == "planned", Meeting.date >= day), Meeting.date))))
                .where(Meeting.committee_id.in_(ids)).group_by(Meeting.committee_id))
    for committee_id, held, next_meeting in db.session.execute(meetings):
        counts[committee_id].update(held=held, next_meeting=next_meeting)
    resolutions = (select(Resolution.committee_id, _sum(Resolution.status != "done"), _sum(Resolution.is_overdue))
                   .join(Resolution.meeting)
                   .where(Resolution.committee_id.in_(ids)).group_by(Resolution.committee_id))
    for committee_id, open_count, overdue in db.session.execute(resolutions):
        counts[committee_id].update(open=open_count, overdue=overdue)
    return counts


def meeting_counts(ids):
    """``{meeting id: {invited, present, resolutions}}`` in two queries."""
    ids = list(ids)
    counts = {i: {"invited": 0, "present": 0, "resolutions": 0} for i in ids}
    if not ids:
        return counts
    attendance = (select(Attendance.meeting_id, _sum(Attendance.invited), _sum(Attendance.present))
                  .join(Attendance.member)
                  .where(Attendance.meeting_id.in_(ids)).group_by(Attendance.meeting_id))
    for meeting_id, invited, present in db.session.execute(attendance):
        counts[meeting_id].update(invited=invited, present=present)
    resolutions = (select(Resolution.meeting_id, func.count(Resolution.id))
                   .where(Resolution.meeting_id.in_(ids)).group_by(Resolution.meeting_id))
    for meeting_id, count in db.session.execute(resolutions):
        counts[meeting_id]["resolutions"] = count
    return counts


def members_on(committee_id, day, include_ids=()):
    """The committee's members whose term covers ``day`` (plus ``include_ids``), chair first."""
    covers = and_(or_(CommitteeMember.term_start.is_(None), CommitteeMember.term_start <= day),
                  or_(CommitteeMember.term_end.is_(None), CommitteeMember.term_end >= day))
    wanted = or_(covers, CommitteeMember.id.in_(list(include_ids))) if include_ids else covers
    statement = (select(CommitteeMember).join(CommitteeMember.person)
                 .where(CommitteeMember.committee_id == committee_id, wanted)
                 .options(contains_eager(CommitteeMember.person))
                 .order_by(ROLE_ORDER, Person.last_name, Person.first_name))
    return db.session.scalars(statement).all()


def overdue_resolutions(committee_id, include_ids=()):
    """The committee's overdue resolutions (plus ``include_ids``), oldest due date first."""
    wanted = Resolution.is_overdue
    if include_ids:
        wanted = or_(wanted, Resolution.id.in_(list(include_ids)))
    statement = (select(Resolution).join(Resolution.meeting)
                 .where(Resolution.committee_id == committee_id, wanted)
                 .options(contains_eager(Resolution.meeting), selectinload(Resolution.responsible_person),
                          selectinload(Resolution.responsible_organization))
                 .order_by(Resolution.due_date, Meeting.date, Resolution.number))
    return db.session.scalars(statement).all()


def people_choices():
    """``(id, label)`` of every person in the directory, with their organization (rows, not objects)."""
    rows = db.session.execute(
        select(Person.id, Person.first_name, Person.last_name, Organization.name)
        .outerjoin(Person.organization).order_by(Person.last_name, Person.first_name))
    return [(pid, f"{first} {last}" + (f" ({organization})" if organization else ""))
            for pid, first, last, organization in rows]


def organization_choices():
    return [tuple(row) for row in db.session.execute(select(Organization.id, Organization.name).order_by(Organization.name))]
