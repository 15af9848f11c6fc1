"""Media relations: reporters (people of the core directory, with their beat) and the
department's visits to outlets and meetings with reporters. Outlets are the directory's
organizations of type ``press``."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db

CONTACT_KINDS = ("visit", "meeting")

contact_people = Table(
    "news_contact_people", db.metadata,
    Column("contact_id", ForeignKey("news_outlet_contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Reporter(SoftDeleteMixin, TimestampMixin, db.Model):
    """A person of the directory who reports for an outlet, with the beat they cover."""

    __tablename__ = "news_reporters"
    __label__ = _l("Reporter")
    __field_labels__ = {"person_id": _l("Person"), "beat": _l("Beat"), "note": _l("Note")}

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    beat: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    person = relationship("Person")

    def __str__(self):
        return str(self.person)


class OutletContact(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A visit to an outlet (the press house, a news agency) or a meeting with reporters."""

    __tablename__ = "news_outlet_contacts"
    __search_fields__ = ("subject", "note")
    __label__ = _l("Visit or meeting with the media")
    __field_labels__ = {"kind": _l("Kind"), "date": _l("Date"), "organization_id": _l("Outlet"),
                        "subject": _l("Subject"), "note": _l("Note")}
    __table_args__ = (Index("ix_news_outlet_contacts_date", "date", "deleted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="visit")
    date: Mapped[datetime.date] = mapped_column(Date)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"),
                                                        index=True)
    subject: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    organization = relationship("Organization")
    people = relationship("Person", secondary=contact_people, order_by="Person.last_name")

    def __str__(self):
        return self.subject or str(self.organization or "")
