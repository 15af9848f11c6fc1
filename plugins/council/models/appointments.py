"""Appointment-opinion requests (نظر کارشناسی در انتصاب مدیران روابط عمومی): an agency asks the
council's opinion on the person it means to appoint as its PR manager. The secretariat records the
request and reviews the nominee; a holder of council.manage gives and signs the opinion (approve,
approve with conditions, reject), which goes back to the agency as a letter.

The status follows the record: "received" until a review is written, "under_review" after, and
"answered" once the opinion is given. The time taken is counted in working days from receipt to
the opinion (core.workdays)."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db
from core.jalali import today
from core.workdays import add_working_days, working_days_between

# A request still open after this many working days from its receipt is overdue (the secretariat's
# own target for answering an agency; change it here).
OVERDUE_AFTER_WORKING_DAYS = 10

STATUS_TITLES = {"received": _l("Received"), "under_review": _l("Being reviewed"), "answered": _l("Answered")}
STATUSES = tuple(STATUS_TITLES)
OPINION_TITLES = {"approve": _l("Agreed"), "conditional": _l("Agreed with conditions"),
                  "reject": _l("Not agreed")}
OPINIONS = tuple(OPINION_TITLES)
# Opinions that must say why.
REASONED_OPINIONS = ("conditional", "reject")
# The nominee's qualifications the review ticks (the council's usual checks).
QUALIFICATION_TITLES = {
    "education": _l("Education in public relations, communication or journalism"),
    "experience": _l("At least five years of experience in public relations"),
    "training": _l("Has passed the council's specialised PR training"),
    "media": _l("Experience of working with the media"),
    "record": _l("A clean administrative record"),
}


class AppointmentRequest(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    __tablename__ = "council_appointment_requests"
    __search_fields__ = ("letter_number", "position", "nominee_name", "agency_name")
    __label__ = _l("Appointment-opinion request")
    __field_labels__ = {
        "received_on": _l("Received on"), "agency_id": _l("Requesting agency"), "letter_number": _l("Letter number"),
        "nominee_id": _l("Nominee"), "position": _l("Position"), "review_notes": _l("Review notes"),
        "qualifications": _l("Qualifications"), "status": _l("Status"), "opinion": _l("Opinion"),
        "reasons": _l("Reasons"), "opinion_on": _l("Date of the opinion"),
        "opinion_number": _l("Number of the opinion letter"), "signed_by_id": _l("Signed by"),
    }
    __table_args__ = (Index("ix_council_appointment_requests_received_deleted", "received_on", "deleted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[datetime.date] = mapped_column(Date)
    agency_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    letter_number: Mapped[str] = mapped_column(String(50), default="")
    nominee_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    review_notes: Mapped[str] = mapped_column(Text, default="")
    qualifications: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    opinion: Mapped[str | None] = mapped_column(String(16))
    reasons: Mapped[str] = mapped_column(Text, default="")
    opinion_on: Mapped[datetime.date | None] = mapped_column(Date, index=True)
    opinion_number: Mapped[str] = mapped_column(String(50), default="")
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    agency = relationship("Organization")
    nominee = relationship("Person")
    signed_by = relationship("User", foreign_keys=[signed_by_id])

    @property
    def nominee_name(self):
        return self.nominee.full_name if self.nominee is not None else ""

    @property
    def agency_name(self):
        return self.agency.name if self.agency is not None else ""

    @property
    def status_title(self):
        return str(STATUS_TITLES.get(self.status, self.status))

    @property
    def opinion_title(self):
        return str(OPINION_TITLES[self.opinion]) if self.opinion else ""

    @property
    def is_answered(self):
        return self.status == "answered"

    @property
    def working_days(self):
        """Working days from receipt to the opinion, or so far while it is open."""
        return working_days_between(self.received_on, self.opinion_on if self.is_answered else today())

    @property
    def due_on(self):
        return add_working_days(self.received_on, OVERDUE_AFTER_WORKING_DAYS)

    @property
    def is_overdue(self):
        return not self.is_answered and self.working_days > OVERDUE_AFTER_WORKING_DAYS

    def __str__(self):
        return f"{self.nominee_name} — {self.agency_name}"
