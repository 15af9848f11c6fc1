"""The calendar's own tables: an admin's corrections of a year's holidays and occasions, and the
working-week setting."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import TimestampMixin, db

CORRECTION_ACTIONS = ("move", "remove", "add")


class CalendarCorrection(TimestampMixin, db.Model):
    """One correction of Jalali year ``year``: ``move`` the holiday or occasion named ``key`` to
    ``date``, ``remove`` it, or ``add`` a day of its own (``title``, ``holiday``; no key), such as
    a holiday declared for air pollution. At most one correction per key and year."""

    __tablename__ = "calendar_corrections"
    __table_args__ = (UniqueConstraint("year", "key"),)
    __label__ = _l("Calendar correction")
    __field_labels__ = {
        "year": _l("Jalali year"), "action": _l("Correction"), "key": _l("Holiday or occasion"),
        "date": _l("Date"), "title": _l("Title"), "holiday": _l("Official holiday"),
        "created_by_id": _l("Recorded by"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)  # the unique (year, key) index serves lookups by year
    action: Mapped[str] = mapped_column(String(8))
    key: Mapped[str | None] = mapped_column(String(200))
    date: Mapped[datetime.date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200), default="")
    holiday: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    def __str__(self):
        return self.title or self.key or str(self.id)


class CalendarSetting(db.Model):
    """A setting of the calendar changed by an admin (``thursday_off``: true or false); a missing
    row means the default (core.workdays)."""

    __tablename__ = "calendar_settings"
    __label__ = _l("Calendar setting")
    __field_labels__ = {"value": _l("Value")}

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)

    def __str__(self):
        return self.key
