"""The two bodies' committees in the committee kit, and the members' seats in them.

Each body (provincial, county) holds its meetings, training sessions and attendance through a
committee of kind "council" (core.committees), made on first use in the module's department.
A current member has a seat (a ``CommitteeMember``) in their body's committee, so the kit's
attendance lists them; ``sync_seat`` keeps that seat in step with the member's dates."""
from sqlalchemy import select

from core.committees.models import Committee, CommitteeMember
from core.db import db
from core.extensions import request_gettext as _
from core.jalali import today
from core.permissions import module_department

from .models import Body, Member

KIND = "council"


def body_titles():
    return {"provincial": _("The provincial PR coordination council"),
            "county": _("The PR coordination council of the county governorates")}


def body_committee(key):
    """The committee of body ``key``, made (and its ``Body`` row) when missing; None while the
    module has no department."""
    body = db.session.scalar(select(Body).where(Body.key == key))
    if body is not None:
        return body.committee
    department_id = module_department(KIND)
    if department_id is None:
        return None
    committee = Committee(name=body_titles()[key], department_id=department_id, kind=KIND)
    db.session.add(committee)
    db.session.flush()
    db.session.add(Body(key=key, committee_id=committee.id))
    db.session.flush()
    return committee


def sync_seat(member: Member):
    """Give a member a seat in their body's committee for the dates of their membership; a seat
    in the other body's committee (the member moved to a unit of the other council) ends today."""
    committee = body_committee(member.unit.body)
    if committee is None:
        return
    seat = member.seat
    if seat is not None and seat.committee_id != committee.id:
        seat.term_end = seat.term_end or today()
        seat = None
    if seat is None:
        seat = member.seat = CommitteeMember(committee_id=committee.id, role="member")
        db.session.add(seat)
    seat.person_id = member.person_id
    seat.term_start = member.start_date
    seat.term_end = member.end_date
