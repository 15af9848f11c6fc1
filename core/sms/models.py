"""SMS data: batches (one message to many), one row per recipient with its status, saved groups
of recipients and the opt-out list. Mobile numbers are stored as 09xxxxxxxxx."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, UTCDateTime, db

BATCH_STATUSES = ("queued", "sending", "done", "stopped")
# queued: waiting for the gateway; sent: accepted by it; delivered/failed: its delivery report;
# skipped: on the opt-out list, never sent.
MESSAGE_STATUSES = ("queued", "sent", "delivered", "failed", "skipped")


class SmsBatch(SearchableMixin, TimestampMixin, db.Model):
    """One text sent to a list of recipients. ``module`` is the key of the plugin that sent it
    (None for the SMS page of the core); ``backend`` the gateway it went through."""

    __tablename__ = "sms_batches"
    __table_args__ = (Index(None, "created_at"),)
    __search_fields__ = ("title", "text")
    __label__ = _l("SMS batch")
    __field_labels__ = {
        "text": _l("Text"), "parts": _l("Parts"), "encoding": _l("Alphabet"), "backend": _l("Gateway"),
        "error": _l("Reason"), "module": _l("Module"), "created_by_id": _l("Sent by"),
        "job_id": _l("Job"), "invalid_count": _l("Invalid numbers"), "started_at": _l("Started at"),
        "finished_at": _l("Finished at"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    parts: Mapped[int] = mapped_column(Integer)
    encoding: Mapped[str] = mapped_column(String(8))
    backend: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    error: Mapped[str] = mapped_column(String(500), default="")
    module: Mapped[str | None] = mapped_column(String(50), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    job_id: Mapped[int | None] = mapped_column(Integer)
    invalid_count: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by = relationship("User", foreign_keys=[created_by_id])

    def __str__(self):
        return self.title or self.text[:40]


class SmsMessage(db.Model):
    """The batch's text to one recipient. Not audited: there are thousands per batch and their
    statuses come from the gateway (the batch itself is audited)."""

    __tablename__ = "sms_messages"
    __audit__ = False
    # The mobile too: a report's reach (distinct numbers delivered to by a period's batches) reads
    # the index alone.
    __table_args__ = (Index(None, "batch_id", "status", "mobile"), Index(None, "status", "mobile"))

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("sms_batches.id", ondelete="CASCADE"))
    mobile: Mapped[str] = mapped_column(String(11))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="queued")
    provider_id: Mapped[str | None] = mapped_column(String(40), index=True)
    provider_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(String(500), default="")
    cost: Mapped[int | None] = mapped_column(Integer)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    batch = relationship(SmsBatch)
    person = relationship("Person")


class SmsGroup(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A saved list of recipients («خبرنگاران», «همکاران»): people of the directory and extra numbers."""

    __tablename__ = "sms_groups"
    __search_fields__ = ("name", "description")
    __label__ = _l("SMS group")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list["SmsGroupMember"]] = relationship(back_populates="group", cascade="all, delete-orphan")

    def __str__(self):
        return self.name


class SmsGroupMember(TimestampMixin, db.Model):
    """A person of the directory (``person_id``) or an extra number with a name (``mobile``)."""

    __tablename__ = "sms_group_members"
    __table_args__ = (UniqueConstraint("group_id", "person_id"), UniqueConstraint("group_id", "mobile"))
    __label__ = _l("SMS group member")
    __field_labels__ = {"group_id": _l("Group"), "person_id": _l("Person")}

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("sms_groups.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    mobile: Mapped[str | None] = mapped_column(String(11))
    name: Mapped[str] = mapped_column(String(200), default="")

    group: Mapped[SmsGroup] = relationship(back_populates="members")
    person = relationship("Person")

    def __str__(self):
        return str(self.person) if self.person_id else f"{self.name} {self.mobile}".strip()


class SmsOptOut(TimestampMixin, db.Model):
    """A number that asked not to receive messages: every batch skips it."""

    __tablename__ = "sms_opt_outs"
    __label__ = _l("SMS opt-out")
    __field_labels__ = {"reason": _l("Reason"), "created_by_id": _l("Added by")}

    id: Mapped[int] = mapped_column(primary_key=True)
    mobile: Mapped[str] = mapped_column(String(11), unique=True)
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by = relationship("User", foreign_keys=[created_by_id])

    def __str__(self):
        return self.mobile
