"""Training sessions (دوره‌های آموزشی) of the councils: the details of a committee-kit meeting of
type "training" that the council counts in SQL (topic, instructor, hours). The meeting itself, its
date, status and attendance, stay the kit's; person-hours are its present attendees × ``hours``."""
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, and_, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.committees.models import Attendance, Meeting
from core.db import SearchableMixin, TimestampMixin, db

from .documents import Certificate
from .members import Body

INSTRUCTOR_LEVELS = ("provincial", "national")


def instructor_level_titles():
    return {"provincial": _l("Provincial"), "national": _l("National")}


class Training(SearchableMixin, TimestampMixin, db.Model):
    """What a training meeting taught, who taught it and for how many hours. It lives and dies
    with its meeting (deleting the meeting to the trash hides it from every query that joins it)."""

    __tablename__ = "council_trainings"
    __search_fields__ = ("topic", "instructor")
    __label__ = _l("Training session")
    __field_labels__ = {
        "meeting_id": _l("Meeting"), "topic": _l("Topic"), "instructor": _l("Instructor"),
        "instructor_level": _l("Instructor level"), "hours": _l("Hours"),
    }
    __table_args__ = (CheckConstraint("hours > 0", name="hours_positive"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("committee_meetings.id", ondelete="CASCADE"),
                                            primary_key=True)
    topic: Mapped[str] = mapped_column(String(300))
    instructor: Mapped[str] = mapped_column(String(200), default="")
    instructor_level: Mapped[str] = mapped_column(String(16), default="provincial")
    hours: Mapped[Decimal] = mapped_column(Numeric(5, 1))

    meeting = relationship("Meeting")

    def __str__(self):
        return self.topic


# --- the figures of training, counted in SQL ----------------------------------------------------
# A training session is a meeting of type "training" of one of the bodies' committees; its
# person-hours are SUM(hours) over its present attendance rows (present attendees × hours).

def is_training(*where):
    """The condition "a training meeting of one of the bodies" (and ``where``)."""
    return and_(Meeting.type == "training", Meeting.committee_id.in_(select(Body.committee_id)), *where)


def present_attendance():
    """``select`` of the present attendance rows of held training sessions with their details,
    joined to the meeting and the seat (a seat in the trash is not counted)."""
    return (select().select_from(Attendance)
            .join(Attendance.member).join(Attendance.meeting)
            .join(Training, Training.meeting_id == Meeting.id)
            .where(Attendance.present, Meeting.status == "held", is_training()))


def present_counts(meeting_ids):
    """``{meeting id: present attendees}`` (one query)."""
    ids = list(meeting_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Attendance.meeting_id, func.count()).join(Attendance.member)
        .where(Attendance.present, Attendance.meeting_id.in_(ids)).group_by(Attendance.meeting_id))
    return dict(rows.all())


@dataclass
class Totals:
    sessions: int = 0  # held training sessions
    attendees: int = 0  # present attendees, summed over the sessions with details
    person_hours: Decimal = Decimal(0)
    certificates: int = 0  # issued and not revoked


def totals(period):
    """The period's training figures (three queries)."""
    in_period = Meeting.date.between(period.start, period.end)
    sessions = db.session.scalar(select(func.count(Meeting.id)).where(is_training(Meeting.status == "held",
                                                                                  in_period)))
    attendees, hours = db.session.execute(
        present_attendance().add_columns(func.count(), func.coalesce(func.sum(Training.hours), 0))
        .where(in_period)).one()
    certificates = db.session.scalar(
        select(func.count(Certificate.id)).where(Certificate.issued_on.between(period.start, period.end),
                                                 Certificate.revoked_on.is_(None)))
    return Totals(sessions or 0, attendees or 0, Decimal(hours or 0), certificates or 0)
