"""The photo archive (آرشیو تصاویر): events with their photos (kept by core.photos under the
entity ``news_events``), and photo captions and clips (عکس نوشته، کلیپ)."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db

EVENT_KINDS = ("meeting", "visit", "ceremony", "press_conference", "other")
CAPTION_KINDS = ("caption", "clip")

event_officials = Table(
    "news_event_officials", db.metadata,
    Column("event_id", ForeignKey("news_events.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Event(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """Something the department covered with a camera: a meeting, a visit, a ceremony."""

    __tablename__ = "news_events"
    __search_fields__ = ("title", "place", "description")
    __label__ = _l("Event of the photo archive")
    __field_labels__ = {"kind": _l("Kind of event"), "date": _l("Date"), "place": _l("Place")}
    __table_args__ = (Index("ix_news_events_date", "date", "deleted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="meeting")
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[datetime.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    photographer: Mapped[str] = mapped_column(String(200), default="")
    # Its photos outside the trash (frames, قاب), kept by the core (core.photos.counts): the lists,
    # the report and the dashboard sum it instead of counting 150,000 photos.
    frames: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    officials = relationship("Person", secondary=event_officials, order_by="Person.last_name")
    items = relationship("NewsItem", back_populates="event",
                         primaryjoin="and_(NewsItem.event_id == Event.id, NewsItem.deleted_at.is_(None))",
                         order_by="NewsItem.date", viewonly=True)

    def __str__(self):
        return self.title


class Caption(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A photo caption (عکس نوشته) or a clip: an official's quote published on a channel."""

    __tablename__ = "news_captions"
    __search_fields__ = ("quote", "title")
    __label__ = _l("Photo caption or clip")
    __field_labels__ = {"kind": _l("Kind"), "quote": _l("Quote"), "official_id": _l("Official"),
                        "channel_id": _l("Channel"), "event_id": _l("Event"), "date": _l("Date"),
                        "link": _l("Link")}
    __table_args__ = (Index("ix_news_captions_date", "date", "deleted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="caption")
    title: Mapped[str] = mapped_column(String(300), default="")
    quote: Mapped[str] = mapped_column(Text)
    date: Mapped[datetime.date] = mapped_column(Date)
    official_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("news_channels.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("news_events.id", ondelete="SET NULL"), index=True)
    link: Mapped[str] = mapped_column(String(500), default="")

    official = relationship("Person")
    channel = relationship("Channel")
    event = relationship("Event")

    def __str__(self):
        return self.title or self.quote[:60]
