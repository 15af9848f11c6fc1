"""The council's bodies and its members: the PR units of the executive agencies (the provincial
council) and of the county governorates (the county council), their managers and experts, and
the member profile (شناسنامه روابط عمومی‌ها).

A unit is an organization of the core directory; a member is a person of the directory working
in a unit. A member who leaves keeps the row with ``end_date`` set, so the history of a unit's
managers stays: at most one current manager per unit (a partial unique index)."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db

# The two bodies: the provincial council of the agencies' PR units and the county governorates'.
BODIES = ("provincial", "county")
# Which directory organizations belong to which body.
BODY_ORGANIZATION_TYPES = {"provincial": ("agency",), "county": ("county",)}
MEMBER_ROLES = ("manager", "deputy", "expert")
EDUCATION_LEVELS = ("diploma", "associate", "bachelor", "master", "doctorate")


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
