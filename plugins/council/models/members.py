"""The council's bodies and its members: the PR units of the executive agencies (the provincial
council) and of the county governorates (the county council), their managers and experts, and
the member profile (شناسنامه روابط عمومی‌ها).

A unit is an organization of the core directory; a member is a person of the directory working
in a unit. A member who leaves keeps the row with ``end_date`` set, so the history of a unit's
managers stays: at most one current manager per unit (a partial unique index).

Profile completeness (تکمیل شناسنامه) of a unit is the share of this checklist that is filled:
the unit has a current manager, a phone and an email (three points), and each current member has
a position, an education level, a mobile number and a photo (the directory's) and a start date
(five points each). ``unit_profiles`` counts it in SQL for any number of units."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, String, Text, case, func, select, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db
from core.models import Person

# The two bodies: the provincial council of the agencies' PR units and the county governorates'.
BODIES = ("provincial", "county")
# Which directory organizations belong to which body.
BODY_ORGANIZATION_TYPES = {"provincial": ("agency",), "county": ("county",)}
MEMBER_ROLES = ("manager", "deputy", "expert")
EDUCATION_LEVELS = ("diploma", "associate", "bachelor", "master", "doctorate")
ROLE_LABELS = {"manager": _l("Manager"), "deputy": _l("Deputy"), "expert": _l("Expert")}
EDUCATION_LABELS = {"diploma": _l("Diploma"), "associate": _l("Associate degree"), "bachelor": _l("Bachelor's degree"),
                    "master": _l("Master's degree"), "doctorate": _l("Doctorate")}
UNIT_CHECKS = 3  # a current manager, the unit's phone, its email
MEMBER_CHECKS = 5  # position, education, mobile, photo, start date


class Body(TimestampMixin, db.Model):
    """One of the two councils, and the committee-kit committee that holds its meetings and its
    members' seats (``committees.kind`` = "council")."""

    __tablename__ = "council_bodies"
    __label__ = _l("Council")
    __field_labels__ = {"key": _l("Council"), "committee_id": _l("Committee")}

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(16), unique=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), unique=True)

    committee = relationship("Committee")

    def __str__(self):
        return self.key


class Unit(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """The PR unit (روابط عمومی) of an organization, a member of one of the bodies."""

    __tablename__ = "council_units"
    __search_fields__ = ("phone", "email", "note")
    __label__ = _l("PR unit")
    __field_labels__ = {
        "organization_id": _l("Organization"), "body": _l("Council"), "phone": _l("Phone"),
        "email": _l("Email"), "website": _l("Website"), "note": _l("Note"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), unique=True)
    body: Mapped[str] = mapped_column(String(16), index=True)
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    organization = relationship("Organization")
    members: Mapped[list["Member"]] = relationship(back_populates="unit", order_by="Member.id")

    def __str__(self):
        return str(self.organization) if self.organization is not None else f"#{self.id}"


class Member(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A person working in a unit's PR: its manager, a deputy or an expert. ``member_number`` is
    the council membership number printed on the card (Latin digits, shown in Persian ones);
    ``seat_id`` is the person's seat in the body's committee, which the kit's attendance uses."""

    __tablename__ = "council_members"
    __search_fields__ = ("member_number", "position", "field_of_study")
    __label__ = _l("Council member")
    __field_labels__ = {
        "unit_id": _l("PR unit"), "person_id": _l("Person"), "role": _l("Role"),
        "position": _l("Position"), "education": _l("Education"), "field_of_study": _l("Field of study"),
        "start_date": _l("Start date"), "end_date": _l("End date"), "member_number": _l("Member number"),
        "seat_id": _l("Seat"),
    }
    __table_args__ = (
        Index("ux_council_members_current_manager", "unit_id", unique=True,
              sqlite_where=text("role = 'manager' AND end_date IS NULL AND deleted_at IS NULL"),
              postgresql_where=text("role = 'manager' AND end_date IS NULL AND deleted_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("council_units.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="expert")
    position: Mapped[str] = mapped_column(String(200), default="")
    education: Mapped[str] = mapped_column(String(16), default="")
    field_of_study: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[datetime.date | None] = mapped_column(Date)
    end_date: Mapped[datetime.date | None] = mapped_column(Date)
    member_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    seat_id: Mapped[int | None] = mapped_column(ForeignKey("committee_members.id", ondelete="SET NULL"))

    unit: Mapped[Unit] = relationship(back_populates="members")
    person = relationship("Person")
    seat = relationship("CommitteeMember")

    @property
    def is_current(self):
        return self.end_date is None

    def __str__(self):
        return str(self.person) if self.person is not None else f"#{self.person_id}"


def _point(condition):
    return case((condition, 1), else_=0)


def member_points():
    """Per unit (a subquery): its current ``members``, ``managers`` among them and the checklist
    ``points`` their profiles earn."""
    points = (_point(Member.position != "") + _point(Member.education != "")
              + _point(func.coalesce(Person.mobile, "") != "") + _point(Person.photo.is_not(None))
              + _point(Member.start_date.is_not(None)))
    return (select(Member.unit_id, func.count().label("members"),
                   func.sum(_point(Member.role == "manager")).label("managers"), func.sum(points).label("points"))
            .join(Person, Person.id == Member.person_id)
            .where(Member.end_date.is_(None), Member.deleted_at.is_(None))
            .group_by(Member.unit_id).subquery("member_points"))


def completeness(points):
    """The unit's profile completeness in whole percent, as an SQL expression over ``Unit`` outer
    joined with ``member_points()`` (``points``)."""
    earned = (_point(func.coalesce(points.c.managers, 0) > 0) + _point(Unit.phone != "") + _point(Unit.email != "")
              + func.coalesce(points.c.points, 0))
    return earned * 100 / (UNIT_CHECKS + MEMBER_CHECKS * func.coalesce(points.c.members, 0))


def unit_profiles(unit_ids):
    """``{unit id: (current members, completeness percent)}``, one query."""
    points = member_points()
    rows = db.session.execute(
        select(Unit.id, func.coalesce(points.c.members, 0), completeness(points))
        .outerjoin(points, points.c.unit_id == Unit.id).where(Unit.id.in_(list(unit_ids))))
    return {unit_id: (members, int(percent)) for unit_id, members, percent in rows}


def current_managers(unit_ids):
    """``{unit id: Member}``: each unit's current manager, one query."""
    rows = db.session.scalars(select(Member).options(selectinload(Member.person)).where(
        Member.unit_id.in_(list(unit_ids)), Member.role == "manager", Member.end_date.is_(None)))
    return {member.unit_id: member for member in rows}


def next_member_number():
    """The number after the largest numeric member number given so far (the trash included)."""
    numbers = db.session.scalars(select(Member.member_number).where(Member.member_number.is_not(None))
                                 .execution_options(include_deleted=True))
    return str(max((int(number) for number in numbers if number.isdigit()), default=1000) + 1)
