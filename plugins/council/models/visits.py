"""Visits (بازدید) of the council's secretariat: to the PR unit of an executive agency, and the
county council's surprise or periodic visits to a county governorate's PR unit; what was found,
the problems the unit raised and the follow-up actions, each with its owner, due date and status.

The kind fixes the body: a unit visit goes to a unit of the provincial council, a county visit to
a unit of the county council (``KIND_BODY``)."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import DueMixin, SearchableMixin, SoftDeleteMixin, TimestampMixin, db

VISIT_KIND_TITLES = {
    "unit": _l("Visit to a PR unit"),
    "county_surprise": _l("Surprise county visit"),
    "county_periodic": _l("Periodic county visit"),
}
VISIT_KINDS = tuple(VISIT_KIND_TITLES)
COUNTY_KINDS = ("county_surprise", "county_periodic")
KIND_BODY = {"unit": "provincial", "county_surprise": "county", "county_periodic": "county"}

ACTION_STATUS_TITLES = {"open": _l("Open"), "in_progress": _l("In progress"), "done": _l("Done")}
ACTION_STATUSES = tuple(ACTION_STATUS_TITLES)

visit_visitors = Table(
    "council_visit_visitors", db.metadata,
    Column("visit_id", ForeignKey("council_visits.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Visit(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    __tablename__ = "council_visits"
    __search_fields__ = ("findings", "problems")
    __label__ = _l("Visit")
    __field_labels__ = {"kind": _l("Kind of visit"), "date": _l("Date of the visit"), "unit_id": _l("Unit visited"),
                        "findings": _l("Findings"), "problems": _l("Problems raised")}
    __table_args__ = (Index("ix_council_visits_date_deleted", "date", "deleted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), default="unit", index=True)
    date: Mapped[datetime.date] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("council_units.id"), index=True)
    findings: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit")
    visitors = relationship("Person", secondary=visit_visitors, order_by="Person.last_name")
    actions: Mapped[list["VisitAction"]] = relationship(back_populates="visit", order_by="VisitAction.id")

    @property
    def kind_title(self):
        return str(VISIT_KIND_TITLES.get(self.kind, self.kind))

    @property
    def title(self):
        return f"{self.kind_title}: {self.unit}"

    def __str__(self):
        return self.title


class VisitAction(DueMixin, SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A follow-up action (اقدام پیگیری) of a visit: what is to be done, by whom (a person and/or an
    organization of the directory), by when; overdue while not done after its due date."""

    __tablename__ = "council_visit_actions"
    __search_fields__ = ("text",)
    __label__ = _l("Follow-up action")
    __field_labels__ = {"visit_id": _l("Visit"), "text": _l("Follow-up action"), "owner_person_id": _l("Responsible person"),
                        "owner_organization_id": _l("Responsible organization"), "due_date": _l("Due date"),
                        "status": _l("Status"), "done_on": _l("Done on")}

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("council_visits.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    owner_organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"))
    due_date: Mapped[datetime.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    done_on: Mapped[datetime.date | None] = mapped_column(Date)

    visit: Mapped[Visit] = relationship(back_populates="actions")
    owner_person = relationship("Person")
    owner_organization = relationship("Organization")

    @property
    def status_title(self):
        return str(ACTION_STATUS_TITLES.get(self.status, self.status))

    @property
    def owner(self):
        """Who carries it out, as shown: the person, the organization, or both."""
        return " / ".join(str(x) for x in (self.owner_person, self.owner_organization) if x is not None)

    def __str__(self):
        return self.text[:100]
