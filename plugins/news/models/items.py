"""News items (اخبار), the channels they are published on and the vocabulary they are filed under."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, UTCDateTime, db

# Stored codes; the Persian labels live in plugins/news/labels.py.
ITEM_TYPES = ("news", "photo_report", "interview", "note", "announcement")
ITEM_STATUSES = ("draft", "review", "published")
# What a channel is, for the report's figures (internal-network posts, items forwarded to the
# ministry, messenger republishing); the channels themselves are rows an admin can add.
CHANNEL_KINDS = ("site", "internal", "ministry", "messenger", "other")

item_officials = Table(
    "news_item_officials", db.metadata,
    Column("item_id", ForeignKey("news_items.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)
item_topics = Table(
    "news_item_topics", db.metadata,
    Column("item_id", ForeignKey("news_items.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("news_topics.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Channel(TimestampMixin, db.Model):
    """A place news is published: the governorate site, the internal network, the ministry's
    site, a messenger. ``feed`` offers its published items as RSS/Atom."""

    __tablename__ = "news_channels"
    __label__ = _l("Publication channel")
    __field_labels__ = {"kind": _l("Kind of channel"), "position": _l("Order"), "active": _l("Active"),
                        "feed": _l("Feed"), "url": _l("Address")}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    feed: Mapped[bool] = mapped_column(Boolean, default=True)

    def __str__(self):
        return self.name


class Topic(TimestampMixin, db.Model):
    """A subject news is filed under (اقتصادی، عمرانی، …), kept as a list so counts add up."""

    __tablename__ = "news_topics"
    __label__ = _l("News topic")
    __field_labels__ = {"active": _l("Active")}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __str__(self):
        return self.name


class Editor(TimestampMixin, db.Model):
    """A user the department head has delegated publishing to (دبیر خبر)."""

    __tablename__ = "news_editors"
    __label__ = _l("Delegated editor")

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user = relationship("User", foreign_keys=[user_id])

    def __str__(self):
        return str(self.user.full_name if self.user else self.user_id)


ITEM_STATE_INDEX = "ix_news_items_state"


class NewsItem(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """One news item. ``date`` is its day (the publication day once published: the report counts
    by it); ``published_at`` the publication's date and time."""

    __tablename__ = "news_items"
    # Not the body: searching is a scan of search_text (LIKE), and bodies run to pages.
    __search_fields__ = ("title", "lead")
    __label__ = _l("News item")
    __field_labels__ = {"type": _l("Type"), "lead": _l("Lead"), "body": _l("Body"), "status": _l("Status"),
                        "date": _l("Date"), "published_at": _l("Publication time"), "event_id": _l("Event"),
                        "author_id": _l("Author"), "published_by_id": _l("Published by")}
    # The id after the date: the list's order (date, id) read from the index alone, down to its
    # deepest pages (see core.listing.ListQuery's deferred join), with no sort of each day's items.
    __table_args__ = (Index("ix_news_items_date", "date", "id", "deleted_at"),
                      # With the type, the period's counts by status and type read the index alone.
                      Index("ix_news_items_status_date", "status", "date", "deleted_at", "type"),
                      # The list's count of a channel's items checks each of its publications' items
                      # here, not in their whole rows (see views.items).
                      Index(ITEM_STATE_INDEX, "id", "deleted_at", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(20), default="news")
    title: Mapped[str] = mapped_column(String(300))
    lead: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    date: Mapped[datetime.date] = mapped_column(Date)
    published_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("news_events.id", ondelete="SET NULL"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author = relationship("User", foreign_keys=[author_id])
    published_by = relationship("User", foreign_keys=[published_by_id])
    event = relationship("Event", back_populates="items")
    officials = relationship("Person", secondary=item_officials, order_by="Person.last_name")
    topics = relationship("Topic", secondary=item_topics, order_by="Topic.name")
    publications: Mapped[list["Publication"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Publication.published_on")

    def __str__(self):
        return self.title


class Publication(TimestampMixin, db.Model):
    """An item published on one channel, on a day, at an address."""

    __tablename__ = "news_publications"
    __label__ = _l("Publication on a channel")
    __field_labels__ = {"item_id": _l("News item"), "channel_id": _l("Channel"),
                        "published_on": _l("Publication date"), "link": _l("Link")}
    __table_args__ = (UniqueConstraint("item_id", "channel_id"),
                      Index("ix_news_publications_channel_date", "channel_id", "published_on"),
                      Index("ix_news_publications_channel_item", "channel_id", "item_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("news_items.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("news_channels.id"))
    published_on: Mapped[datetime.date] = mapped_column(Date)
    link: Mapped[str] = mapped_column(String(500), default="")

    item: Mapped[NewsItem] = relationship(back_populates="publications")
    channel: Mapped[Channel] = relationship()

    def __str__(self):
        return f"{self.channel} — {self.item}"
