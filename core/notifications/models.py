"""In-app notifications: one row per recipient."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import UTCDateTime, db, utcnow

KIND_TITLES = {
    "assignment": _l("Assigned to you"),
    "approval": _l("Waiting for your approval"),
    "deadline": _l("Deadline"),
    "notice": _l("Notice"),
}


class Notification(db.Model):
    """A message for one user: what happened (``text``), where to look (``url``), when it was read.
    ``key`` makes a notification idempotent: one per user and key (a deadline's stage, say)."""

    __tablename__ = "notifications"
    __audit__ = False  # messages to users, not records users edit
    __table_args__ = (
        UniqueConstraint("key", "user_id"),  # key first: the deadline check looks keys up
        Index("ix_notifications_user_unread", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="notice")
    text: Mapped[str] = mapped_column(String(500))
    url: Mapped[str] = mapped_column(String(500), default="")
    key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def kind_title(self):
        return KIND_TITLES.get(self.kind, KIND_TITLES["notice"])

    def __str__(self):
        return self.text
