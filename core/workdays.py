"""Working-day arithmetic for deadlines and turnaround times (the modules' SLAs).

A working day is neither a Friday, nor a Thursday while Thursday is a day off (the admin's setting
on the holidays page; by default it is), nor an official holiday of the corrected list (the
library's holidays with the admin's moves, removals and declared days, see core.calendar).

The counting rule: the day something happens is day 0 and counting starts the next day.

- ``add_working_days(d, n)`` is the n-th working day after ``d``: the FOI plugin's "10 working
  days from the receipt" is ``add_working_days(received_on, 10)``. ``n = 0`` gives ``d`` itself
  when it is a working day, otherwise the next working day (a deadline never falls on a day off).
- ``working_days_between(a, b)`` counts the working days after ``a`` up to and including ``b``
  (negative when ``b`` is before ``a``): a request received on ``a`` and answered on ``b`` took
  that many working days, and ``working_days_between(d, add_working_days(d, n)) == n`` for n ≥ 1.

A datetime is taken as its day in Tehran (naive means UTC). The functions read the holidays of the
Jalali years they touch, one query per year, cached for the request (core.calendar.days).
"""
from datetime import date, datetime, timedelta, timezone

import jdatetime

from core.calendar.days import FRIDAY, THURSDAY, calendar_data, jalali_year
from core.jalali import TIMEZONE

DAY = timedelta(days=1)


def _day(value):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(TIMEZONE).date()
    if isinstance(value, date):
        return value
    raise TypeError("a date or a datetime is needed")


def _is_working(day, data):
    weekday = day.weekday()
    if weekday == FRIDAY or (weekday == THURSDAY and data.thursday_off):
        return False
    return day not in data.holidays(jalali_year(day))


def is_working_day(day):
    """Whether ``day`` is a working day."""
    return _is_working(_day(day), calendar_data())


def add_working_days(day, n):
    """The ``n``-th working day after ``day`` (``n`` ≥ 0; see the module's docstring)."""
    if n < 0:
        raise ValueError("n must not be negative")
    day, data = _day(day), calendar_data()
    if n == 0:
        while not _is_working(day, data):
            day += DAY
        return day
    while n:
        day += DAY
        if _is_working(day, data):
            n -= 1
    return day


def working_days_between(start, end):
    """The working days after ``start`` up to and including ``end`` (negative when ``end`` is
    before ``start``)."""
    start, end = _day(start), _day(end)
    if end < start:
        return -working_days_between(end, start)
    data = calendar_data()
    years = range(jalali_year(start), jalali_year(end) + 1)
    data.preload(years)
    off = _holidays_in(data, years)
    days_off = (FRIDAY, THURSDAY) if data.thursday_off else (FRIDAY,)
    count, day = 0, start
    while day < end:
        day += DAY
        count += day.weekday() not in days_off and day not in off
    return count


def _holidays_in(data, years):
    """The holidays of the Jalali ``years`` as one set, each year's kept to its own days as
    ``_is_working`` does (one calendar conversion a year rather than one a day)."""
    starts = [jdatetime.date(jy, 1, 1).togregorian() for jy in (*years, years[-1] + 1)]
    return {day for jy, first, after in zip(years, starts, starts[1:])
            for day in data.holidays(jy) if first <= day < after}
