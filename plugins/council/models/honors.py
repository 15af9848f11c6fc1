"""Honors (تجلیل) and campaigns (پویش‌ها).

A ceremony of one of the councils (the Public Relations Day ceremony on 27 Ordibehesht, say)
honors people of the directory: top managers, retirees, top experts. The organization they are
honored for is kept on the honoree, since a retiree's directory record may no longer name it.

A campaign (#پاسخگو_هستیم) runs from its start to its end date (open-ended while ``end_date`` is
empty) with the PR units taking part and its events (a Q&A session, a radio programme, a post),
each by one unit, with the people it reached."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db
from core.jalali import today

HONOREE_KINDS = ("top_manager", "retiree", "top_expert", "other")
EVENT_KINDS = ("qa_session", "service_desk", "radio", "tv", "social_post", "meeting", "other")

campaign_units = Table(
    "council_campaign_units", db.metadata,
    Column("campaign_id", ForeignKey("council_campaigns.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("council_units.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Ceremony(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A ceremony or occasion at which one of the councils honored people."""

    __tablename__ = "council_ceremonies"
    __search_fields__ = ("title", "occasion", "place", "note")
    __label__ = _l("Honor ceremony")
    __field_labels__ = {"body": _l("Council"), "title": _l("Title"), "date": _l("Date"),
                        "occasion": _l("Occasion"), "place": _l("Place"), "note": _l("Note")}

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(16), default="provincial")
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[datetime.date] = mapped_column(Date, index=True)
    occasion: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    honorees: Mapped[list["Honoree"]] = relationship(back_populates="ceremony", order_by="Honoree.id")

    def __str__(self):
        return self.title


class Honoree(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A person honored at a ceremony, once per ceremony (a partial unique index: one in the
    trash does not count)."""

    __tablename__ = "council_honorees"
    __search_fields__ = ("position", "citation")
    __label__ = _l("Honoree")
    __field_labels__ = {"ceremony_id": _l("Ceremony"), "person_id": _l("Person"), "kind": _l("Honored as"),
                        "organization_id": _l("Organization"), "position": _l("Position"),
                        "citation": _l("Citation")}
    __table_args__ = (
        Index("ux_council_honorees_ceremony_person", "ceremony_id", "person_id", unique=True,
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ceremony_id: Mapped[int] = mapped_column(ForeignKey("council_ceremonies.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="top_manager", index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"))
    position: Mapped[str] = mapped_column(String(200), default="")
    citation: Mapped[str] = mapped_column(Text, default="")

    ceremony: Mapped[Ceremony] = relationship(back_populates="honorees")
    person = relationship("Person")
    organization = relationship("Organization")

    def __str__(self):
        return str(self.person) if self.person is not None else f"#{self.person_id}"


class Campaign(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A campaign of the PR units (پویش), from ``start_date`` to ``end_date`` (empty: still running)."""

    __tablename__ = "council_campaigns"
    __search_fields__ = ("title", "hashtag", "description")
    __label__ = _l("Campaign")
    __field_labels__ = {"title": _l("Title"), "hashtag": _l("Hashtag"), "start_date": _l("Start date"),
                        "end_date": _l("End date"), "description": _l("Description")}

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    hashtag: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[datetime.date] = mapped_column(Date, index=True)
    end_date: Mapped[datetime.date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")

    units = relationship("Unit", secondary=campaign_units, order_by="Unit.id")
    events: Mapped[list["CampaignEvent"]] = relationship(back_populates="campaign",
                                                         order_by="CampaignEvent.date")

    def status(self, day=None):
        """``upcoming``, ``active`` or ``finished`` on ``day`` (today by default)."""
        day = day or today()
        if self.start_date > day:
            return "upcoming"
        return "finished" if self.end_date is not None and self.end_date < day else "active"

    def __str__(self):
        return self.title


class CampaignEvent(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """One event of a campaign by a PR unit; ``reach`` is its audience or attendance."""

    __tablename__ = "council_campaign_events"
    __search_fields__ = ("title", "note")
    __label__ = _l("Campaign event")
    __field_labels__ = {"campaign_id": _l("Campaign"), "date": _l("Date"), "title": _l("Title"),
                        "unit_id": _l("PR unit"), "kind": _l("Kind"), "reach": _l("Reach or attendance"),
                        "link": _l("Link"), "note": _l("Note")}

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("council_campaigns.id"), index=True)
    date: Mapped[datetime.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(300))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("council_units.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    reach: Mapped[int | None] = mapped_column(Integer)
    link: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    campaign: Mapped[Campaign] = relationship(back_populates="events")
    unit = relationship("Unit")

    def __str__(self):
        return self.title
