"""The committee kit's data: committees, their members, meetings (agenda, attendance) and
resolutions (مصوبات). Dates are stored Gregorian; a meeting's time is Tehran local time."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, Time, and_, or_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import DueMixin, SearchableMixin, SoftDeleteMixin, TimestampMixin, db
from core.jalali import today

MEMBER_ROLES = ("chair", "deputy", "secretary", "member")
MEETING_STATUSES = ("planned", "held", "cancelled")
RESOLUTION_STATUSES = ("open", "in_progress", "done")


class Committee(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A committee, council or working group. ``kind`` is the key of the plugin that owns it
    (its pages are mounted under that plugin), or None for a plain committee an admin created."""

    __tablename__ = "committees"
    __search_fields__ = ("name", "description")
    __label__ = _l("Committee")
    __field_labels__ = {"kind": _l("Kind")}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str | None] = mapped_column(String(50), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    department = relationship("Department")

    def __str__(self):
        return self.name


class CommitteeMember(SoftDeleteMixin, TimestampMixin, db.Model):
    """A person of the directory on a committee for a term, appointed by a letter (ابلاغ)."""

    __tablename__ = "committee_members"
    __label__ = _l("Committee member")
    __field_labels__ = {
        "committee_id": _l("Committee"), "person_id": _l("Person"), "term_start": _l("Term from"),
        "term_end": _l("Term to"), "letter_number": _l("Appointment letter number"),
        "letter_date": _l("Appointment letter date"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="member")
    term_start: Mapped[datetime.date | None] = mapped_column(Date)
    term_end: Mapped[datetime.date | None] = mapped_column(Date)
    letter_number: Mapped[str] = mapped_column(String(50), default="")
    letter_date: Mapped[datetime.date | None] = mapped_column(Date)

    committee = relationship(Committee)
    person = relationship("Person")

    @hybrid_property
    def is_current(self):
        day = today()
        return ((self.term_start is None or self.term_start <= day)
                and (self.term_end is None or self.term_end >= day))

    @is_current.inplace.expression
    @classmethod
    def _is_current_expression(cls):
        day = today()
        return and_(or_(cls.term_start.is_(None), cls.term_start <= day),
                    or_(cls.term_end.is_(None), cls.term_end >= day))

    def __str__(self):
        return str(self.person) if self.person is not None else f"#{self.person_id}"


class Meeting(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A meeting of a committee. ``extra`` holds the values of fields a plugin adds to the
    meeting form (see core.committees.mount)."""

    __tablename__ = "committee_meetings"
    __search_fields__ = ("title", "place", "minutes", "guests")
    __label__ = _l("Committee meeting")
    __field_labels__ = {
        "committee_id": _l("Committee"), "date": _l("Date"), "start_time": _l("Time"),
        "place": _l("Place"), "guests": _l("Guests"), "minutes": _l("Minutes"), "extra": _l("Other fields"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(50), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    date: Mapped[datetime.date] = mapped_column(Date, index=True)
    start_time: Mapped[datetime.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default="planned", index=True)
    guests: Mapped[str] = mapped_column(Text, default="")  # one name per line
    minutes: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict] = mapped_column(JSON, default=dict)

    committee = relationship(Committee)
    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan")
    attendance: Mapped[list["Attendance"]] = relationship(back_populates="meeting", cascade="all, delete-orphan")

    @property
    def guest_names(self):
        return [line.strip() for line in (self.guests or "").splitlines() if line.strip()]

    def __str__(self):
        return self.title or f"{self.committee_id}/{self.date}"


class AgendaItem(db.Model):
    """One numbered item of a meeting's agenda; ``resolution_id`` when it follows up an overdue
    resolution carried over from an earlier meeting."""

    __tablename__ = "committee_agenda_items"
    __label__ = _l("Agenda item")
    __field_labels__ = {"meeting_id": _l("Meeting"), "position": _l("Order"), "text": _l("Text"),
                        "resolution_id": _l("Resolution")}

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("committee_meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    resolution_id: Mapped[int | None] = mapped_column(
        ForeignKey("committee_resolutions.id", ondelete="SET NULL"), index=True)

    meeting = relationship(Meeting, back_populates="agenda_items")
    resolution = relationship("Resolution")

    def __str__(self):
        return self.text[:100]


class Attendance(db.Model):
    """Whether a member was invited to a meeting and whether they came."""

    __tablename__ = "committee_attendance"
    __label__ = _l("Attendance")
    __field_labels__ = {"meeting_id": _l("Meeting"), "member_id": _l("Member"), "invited": _l("Invited"),
                        "present": _l("Present")}

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("committee_meetings.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("committee_members.id", ondelete="CASCADE"), primary_key=True, index=True)
    invited: Mapped[bool] = mapped_column(Boolean, default=True)
    present: Mapped[bool] = mapped_column(Boolean, default=False)

    meeting = relationship(Meeting, back_populates="attendance")
    member = relationship(CommitteeMember)

    def __str__(self):
        return f"{self.meeting_id}/{self.member_id}"


class Resolution(DueMixin, SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A decision (مصوبه) of a meeting, with who carries it out, by when, and the evidence."""

    __tablename__ = "committee_resolutions"
    __search_fields__ = ("text", "evidence")
    __label__ = _l("Resolution")
    __field_labels__ = {
        "committee_id": _l("Committee"), "meeting_id": _l("Meeting"), "number": _l("Number"),
        "text": _l("Text"), "responsible_person_id": _l("Responsible person"),
        "responsible_organization_id": _l("Responsible organization"), "due_date": _l("Due date"),
        "done_on": _l("Done on"), "evidence": _l("Evidence"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    # The meeting's committee, kept here so lists and counts per committee need no join.
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("committee_meetings.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)
    responsible_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    responsible_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"))
    due_date: Mapped[datetime.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    done_on: Mapped[datetime.date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="")

    committee = relationship(Committee)
    meeting = relationship(Meeting)
    responsible_person = relationship("Person")
    responsible_organization = relationship("Organization")

    @property
    def responsible(self):
        """Who carries it out, as shown: the person, the organization, or both."""
        names = [str(x) for x in (self.responsible_person, self.responsible_organization) if x is not None]
        return " / ".join(names)

    def __str__(self):
        return self.text[:100]
