"""One Jalali month of the calendar: its days as a Saturday-first grid and as an agenda, with
the entries of the hook, today, Fridays, days off and official holidays marked."""
from dataclasses import dataclass, field
from datetime import date

import jdatetime
from flask_babel import gettext as _

from core.calendar.days import FRIDAY, THURSDAY, calendar_data
from core.calendar.entries import by_day, collect
from core.jalali import MAX_YEAR, MIN_YEAR, MONTH_NAMES, days_in_month, jalali_today, today
from core.text import to_ascii_digits, to_fa_digits

WEEKDAY_SHORT = ("ش", "ی", "د", "س", "چ", "پ", "ج")
SATURDAY = 5  # date.weekday()


@dataclass
class Day:
    day: date
    number: int
    entries: list
    today: bool
    friday: bool
    off: bool  # Friday, a Thursday off, or an official holiday
    holiday: bool

    def labelled(self, entry):
        """Whether the grid writes ``entry``'s title on this day: on its first day, and where a
        week row or the month starts; other days of a long entry show only its colour."""
        return entry.day == self.day or self.number == 1 or self.day.weekday() == SATURDAY


@dataclass
class Month:
    jy: int
    jm: int
    error: str | None = None
    days: list = field(default_factory=list)

    @classmethod
    def from_args(cls, args):
        """The month of the query arguments ``y`` and ``m`` (any digits); the current month when
        they are missing, or with the Persian ``error`` when they are wrong."""
        now = jalali_today()
        y, m = (to_ascii_digits(str(args.get(name) or "")).strip() for name in ("y", "m"))
        if not y and not m:
            return cls(now.year, now.month)
        if not (y.isdigit() and MIN_YEAR <= int(y) <= MAX_YEAR):
            return cls(now.year, now.month, _("The year must be between 1300 and 1500."))
        if not (m.isdigit() and 1 <= int(m) <= 12):
            return cls(now.year, now.month, _("The month must be between 1 and 12."))
        return cls(int(y), int(m))

    @property
    def start(self):
        return jdatetime.date(self.jy, self.jm, 1).togregorian()

    @property
    def end(self):
        return jdatetime.date(self.jy, self.jm, days_in_month(self.jy, self.jm)).togregorian()

    @property
    def title(self):
        return to_fa_digits(f"{MONTH_NAMES[self.jm - 1]} {self.jy}")

    def args(self, offset=0):
        """Query arguments of this month, or of the month ``offset`` months away."""
        index = self.jy * 12 + self.jm - 1 + offset
        jy, jm = divmod(index, 12)
        return {"y": jy, "m": jm + 1} if MIN_YEAR <= jy <= MAX_YEAR else None

    @property
    def is_current(self):
        now = jalali_today()
        return (now.year, now.month) == (self.jy, self.jm)

    def load(self, user):
        """Collect the month's entries (the hook) and build its days."""
        data = calendar_data()
        holidays = data.holidays(self.jy)
        entries = by_day(collect(self.start, self.end, user), self.start, self.end)
        now = today()
        self.days = []
        for number, (day, day_entries) in enumerate(entries.items(), start=1):
            weekday = day.weekday()
            holiday = day in holidays
            off = weekday == FRIDAY or (weekday == THURSDAY and data.thursday_off) or holiday
            self.days.append(Day(day, number, day_entries, day == now, weekday == FRIDAY, off, holiday))
        return self

    @property
    def weeks(self):
        """Rows of seven, Saturday first; None pads the first and last rows."""
        lead = jdatetime.date(self.jy, self.jm, 1).weekday()  # 0 = Saturday
        cells = [None] * lead + self.days
        cells += [None] * (-len(cells) % 7)
        return [cells[index:index + 7] for index in range(0, len(cells), 7)]

    def agenda(self):
        """The days with entries, each with the entries that start on it (an entry begun in an
        earlier month is listed on the first day)."""
        result = []
        for day in self.days:
            starting = [entry for entry in day.entries if entry.day == day.day or day.number == 1]
            if starting:
                result.append((day, starting))
        return result

    @property
    def kinds(self):
        """The kinds present this month, for the legend: ``[(kind, Persian label)]``."""
        seen = {}
        for day in self.days:
            for entry in day.entries:
                seen.setdefault(entry.kind, entry.kind_title)
        return list(seen.items())
