"""The monthly bulletin for the governor (بولتن خبری ماهانه) and the confidential bulletin
(بولتن محرمانه): an ordered selection of the month's news items and media coverage."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db

ENTRY_KINDS = ("news", "coverage")


class Bulletin(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """One bulletin of a Jalali month. A confidential one is seen only with ``news.confidential``
    and never appears in search results or feeds for others."""

    __tablename__ = "news_bulletins"
    __search_fields__ = ("title", "introduction")
    __label__ = _l("News bulletin")
    __field_labels__ = {"year": _l("Year"), "month": _l("Month"), "confidential": _l("Confidential"),
                        "introduction": _l("Introduction"), "status": _l("Status")}
    __table_args__ = (Index("ix_news_bulletins_month", "year", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)   # Jalali
    month: Mapped[int] = mapped_column(Integer)  # Jalali, 1–12
    title: Mapped[str] = mapped_column(String(300))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    introduction: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | final

    entries: Mapped[list["BulletinEntry"]] = relationship(
        back_populates="bulletin", cascade="all, delete-orphan", order_by="BulletinEntry.position")

    def __str__(self):
        return self.title


class BulletinEntry(db.Model):
    """One entry of a bulletin, in its place: a news item of the system, or a piece of coverage
    (a report of an outlet) written in with its source."""

    __tablename__ = "news_bulletin_entries"
    __label__ = _l("Bulletin entry")
    __field_labels__ = {"position": _l("Order"), "summary": _l("Summary"), "source": _l("Source"),
                        "date": _l("Date")}

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("news_bulletins.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="news")
    item_id: Mapped[int | None] = mapped_column(ForeignKey("news_items.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    # The day of the news item or of the coverage, shown with the entry in the bulletin.
    date: Mapped[datetime.date | None] = mapped_column(Date)

    bulletin: Mapped[Bulletin] = relationship(back_populates="entries")
    item = relationship("NewsItem")

    def __str__(self):
        return self.title or str(self.item or "")
