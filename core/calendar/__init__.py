"""The calendar (تقویم) at /calendar/: a Jalali month and an agenda list of the entries the core
and the enabled modules give through ``ravabet_calendar_entries``; the official holidays and the
occasions of any year (core.calendar.sources), corrected by an admin on /calendar/holidays
(core.calendar.days); working-day arithmetic on top of them lives in core.workdays."""
from flask import Blueprint

bp = Blueprint("calendar", __name__)

from core.calendar import admin, views  # noqa: E402,F401
