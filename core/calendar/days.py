"""A Jalali year's holidays and occasions with the admin's corrections applied, and the working
week: what the calendar shows and what core.workdays counts.

``calendar_data()`` gives one ``CalendarData`` per request (kept on ``g``; a new one outside a
request), which reads each Jalali year's corrections once (one query per year, or one for several
with ``preload``) and the working-week setting once. Writing a correction or the setting clears
it, so the same request sees the change.
"""
from dataclasses import replace
from datetime import date, timedelta

import jdatetime
from flask import current_app, g, has_app_context
from sqlalchemy import event, select

from core.calendar.models import CalendarCorrection, CalendarSetting
from core.calendar.sources import Occasion, data_occasions, library_holidays
from core.db import db
from core.jalali import MAX_YEAR, MIN_YEAR

THURSDAY_SETTING = "thursday_off"
FRIDAY, THURSDAY = 4, 3  # date.weekday()
_G_KEY = "calendar_data"


def jalali_year(day):
    return jdatetime.date.fromgregorian(date=day).year


def _sort_key(occasion):
    return occasion.date, not occasion.holiday, occasion.source != "library", occasion.title


class CalendarData:
    def __init__(self):
        self._corrections: dict[int, list[CalendarCorrection]] = {}
        self._years: dict[int, tuple[Occasion, ...]] = {}
        self._holidays: dict[int, frozenset[date]] = {}
        self._thursday_off: bool | None = None

    def preload(self, years):
        """Read the corrections of several Jalali years in one query."""
        missing = sorted({year for year in years if year not in self._corrections})
        if not missing:
            return
        for year in missing:
            self._corrections[year] = []
        rows = db.session.scalars(select(CalendarCorrection).where(CalendarCorrection.year.in_(missing))
                                  .order_by(CalendarCorrection.id))
        for row in rows:
            self._corrections[row.year].append(row)

    def corrections(self, jy):
        self.preload([jy])
        return self._corrections[jy]

    def year(self, jy):
        """Every holiday and occasion of Jalali year ``jy``, corrected, in date order; removed ones
        stay in the list with ``removed`` set (the admin page shows them)."""
        if jy not in self._years:
            if not MIN_YEAR <= jy <= MAX_YEAR:
                self._years[jy] = ()
                return ()
            corrections = self.corrections(jy)
            by_key = {c.key: c for c in corrections if c.action in ("move", "remove")}
            result = []
            for occasion in (*library_holidays(jy), *data_occasions(jy)):
                correction = by_key.get(occasion.key)
                if correction is None:
                    result.append(occasion)
                elif correction.action == "move" and correction.date is not None:
                    result.append(occasion.moved_to(correction.date, correction.id))
                elif correction.action == "remove":
                    result.append(replace(occasion, removed=True, correction_id=correction.id))
            for correction in corrections:
                if correction.action == "add" and correction.date is not None:
                    result.append(Occasion(f"admin:{correction.id}", correction.title, correction.date,
                                           holiday=correction.holiday, source="admin",
                                           correction_id=correction.id))
            self._years[jy] = tuple(sorted(result, key=_sort_key))
        return self._years[jy]

    def holidays(self, jy):
        """The days of Jalali year ``jy`` that are official holidays (not counting Fridays)."""
        if jy not in self._holidays:
            self._holidays[jy] = frozenset(
                occasion.date + timedelta(days=offset)
                for occasion in self.year(jy) if occasion.holiday and not occasion.removed
                for offset in range(occasion.days))
        return self._holidays[jy]

    def is_holiday(self, day):
        return day in self.holidays(jalali_year(day))

    def between(self, start, end):
        """The holidays and occasions (not removed) overlapping the days from ``start`` to ``end``."""
        years = range(jalali_year(start), jalali_year(end) + 1)
        self.preload(years)
        return [occasion for jy in years for occasion in self.year(jy)
                if not occasion.removed and occasion.date <= end and occasion.end >= start]

    @property
    def thursday_off(self):
        """Whether Thursday is a day off like Friday (the admin's setting; by default the config's
        ``CALENDAR_THURSDAY_OFF``, True: Iran's government offices close on Thursdays)."""
        if self._thursday_off is None:
            value = db.session.scalar(select(CalendarSetting.value).where(CalendarSetting.key == THURSDAY_SETTING))
            if value is None:
                value = current_app.config.get("CALENDAR_THURSDAY_OFF", True) if has_app_context() else True
            self._thursday_off = bool(value)
        return self._thursday_off


def calendar_data():
    """The app context's ``CalendarData`` (a request's, or a CLI command's; a new one outside)."""
    if not has_app_context():
        return CalendarData()
    if _G_KEY not in g:
        g.calendar_data = CalendarData()
    return g.calendar_data


def forget():
    """Drop the cached corrections and setting (after they change)."""
    if has_app_context():
        g.pop(_G_KEY, None)


def set_thursday_off(value):
    """Store the working-week setting (the caller commits)."""
    setting = db.session.get(CalendarSetting, THURSDAY_SETTING) or CalendarSetting(key=THURSDAY_SETTING)
    setting.value = bool(value)
    db.session.add(setting)


for _model in (CalendarCorrection, CalendarSetting):
    for _event in ("after_insert", "after_update", "after_delete"):
        event.listen(_model, _event, lambda mapper, connection, target: forget())
