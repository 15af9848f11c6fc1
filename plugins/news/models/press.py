"""Press conferences and briefings (نشست خبری) and event announcements to the agencies
(اطلاع‌رسانی رویدادها)."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, String, Table, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db
from core.jalali import today

CONFERENCE_KINDS = ("conference", "briefing")
CONFERENCE_STATUSES = ("proposed", "approved", "held", "cancelled")
# A conference in one of these statuses whose proposed day has passed is overdue (معوق).
OPEN_STATUSES = ("proposed", "approved")

conference_outlets = Table(
    "news_conference_outlets", db.metadata,
    Column("conference_id", ForeignKey("news_press_conferences.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
)
conference_items = Table(
    "news_conference_items", db.metadata,
    Column("conference_id", ForeignKey("news_press_conferences.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("news_items.id", ondelete="CASCADE"), primary_key=True, index=True),
)
announcement_recipients = Table(
    "news_announcement_recipients", db.metadata,
    Column("announcement_id", ForeignKey("news_announcements.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
)


class PressConference(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A press conference or briefing of an official (a director-general, a deputy): proposed on
    the timetable for ``proposed_on``, approved, then held on ``held_on`` or cancelled."""

    __tablename__ = "news_press_conferences"
    __search_fields__ = ("subject", "place", "note")
    __label__ = _l("Press conference")
    __field_labels__ = {"kind": _l("Kind"), "subject": _l("Subject"), "official_id": _l("Official"),
                        "organization_id": _l("Agency"), "proposed_on": _l("Proposed date"),
                        "start_time": _l("Time"), "status": _l("Status"), "held_on": _l("Held on"),
                        "place": _l("Place"), "note": _l("Note"), "cancel_reason": _l("Reason for cancelling"),
                        "approved_by_id": _l("Approved by")}
    __table_args__ = (Index("ix_news_press_conferences_proposed", "proposed_on", "deleted_at"),
                      Index("ix_news_press_conferences_held", "held_on", "deleted_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="conference")
    subject: Mapped[str] = mapped_column(String(300))
    official_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"))
    proposed_on: Mapped[datetime.date] = mapped_column(Date)
    start_time: Mapped[datetime.time | None] = mapped_column(Time)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    held_on: Mapped[datetime.date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    official = relationship("Person")
    organization = relationship("Organization")
    approved_by = relationship("User", foreign_keys=[approved_by_id])
    outlets = relationship("Organization", secondary=conference_outlets, order_by="Organization.name")
    items = relationship("NewsItem", secondary=conference_items, order_by="NewsItem.date")

    @property
    def is_overdue(self):
        return self.status in OPEN_STATUSES and self.proposed_on < today()

    @property
    def day(self):
        """The day it is on the timetable: the day it was held, else the proposed one."""
        return self.held_on if self.status == "held" and self.held_on else self.proposed_on

    def __str__(self):
        return self.subject


class Announcement(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A letter announcing an event to all agencies or to chosen ones."""

    __tablename__ = "news_announcements"
    __search_fields__ = ("title", "body", "place")
    __label__ = _l("Event announcement")
    __field_labels__ = {"title": _l("Title"), "body": _l("Text"), "event_on": _l("Date of the event"),
                        "event_time": _l("Time"), "place": _l("Place"), "sent_on": _l("Date of the letter"),
                        "letter_number": _l("Letter number"), "all_agencies": _l("To all agencies"),
                        "signer": _l("Signed by")}
    __table_args__ = (Index("ix_news_announcements_sent", "sent_on", "deleted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    event_on: Mapped[datetime.date] = mapped_column(Date)
    event_time: Mapped[datetime.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    sent_on: Mapped[datetime.date] = mapped_column(Date)
    letter_number: Mapped[str] = mapped_column(String(50), default="")
    all_agencies: Mapped[bool] = mapped_column(Boolean, default=True)
    signer: Mapped[str] = mapped_column(String(100), default="")  # the director-general who signs the letter

    recipients = relationship("Organization", secondary=announcement_recipients, order_by="Organization.name")

    def __str__(self):
        return self.title
