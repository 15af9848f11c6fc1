"""The activity report's own tables: saved editions, the working draft of each period and the
order of the departments' sections."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db
from core.jalali import Period


class ReportEdition(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A named, dated copy of the report: its sections and items exactly as they were saved
    (texts, order, hidden and manual items), so later changes to the data never alter it."""

    __tablename__ = "report_editions"
    __label__ = _l("Activity report edition")
    __search_fields__ = ("title", "period_label")
    __field_labels__ = {"period_kind": _l("Period type"), "period_start": _l("Start of the period"),
                        "period_end": _l("End of the period"), "period_label": _l("Report period"), "sections": _l("Items of the report"),
                        "created_by_id": _l("Saved by")}

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    period_kind: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[datetime.date] = mapped_column(Date)
    period_end: Mapped[datetime.date] = mapped_column(Date)
    period_label: Mapped[str] = mapped_column(String(200))
    # [{"key", "title", "items": [{"key", "module", "text", "generated", "details", "hidden", "manual"}]}]
    sections: Mapped[list] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by = relationship("User", foreign_keys=[created_by_id])

    @property
    def period(self):
        return Period(self.period_start, self.period_end, self.period_kind, self.period_label)

    def live_args(self):
        """Query arguments of the live report of the same days (a year-to-date edition's days
        are fixed, so it becomes a custom range)."""
        if self.period_kind == "ytd":
            return Period.custom(self.period_start, self.period_end).as_args()
        return self.period.as_args()

    def __str__(self):
        return self.title


class ReportDraft(TimestampMixin, db.Model):
    """The changes made to the live report of one period before it is exported: hidden items,
    their order, edited wording and manual items (see core.reports.document.adjustments)."""

    __tablename__ = "report_drafts"
    __label__ = _l("Activity report draft")
    __field_labels__ = {"period_key": _l("Report period"), "adjustments": _l("Changes to the report"),
                        "updated_by_id": _l("Changed by")}

    id: Mapped[int] = mapped_column(primary_key=True)
    period_key: Mapped[str] = mapped_column(String(100), unique=True)
    adjustments: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    def __str__(self):
        return self.period_key


class ReportSectionOrder(db.Model):
    """Where a department's section stands in the report (lower first); departments without a
    row follow by name, and «سایر» always comes last."""

    __tablename__ = "report_sections"
    __label__ = _l("Report section order")
    __field_labels__ = {"position": _l("Place in the report")}

    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
