"""The calendar's own hook implementation (registered as a core part in core.setup): the official
holidays and the occasions of the days shown, corrected by the admin, as all-day entries."""
from core.calendar.days import calendar_data
from core.plugins.hookspecs import hookimpl


@hookimpl
def ravabet_calendar_entries(start, end, user):
    return [{"title": occasion.title, "date": occasion.date, "end_date": occasion.end,
             "kind": "holiday" if occasion.holiday else "occasion"}
            for occasion in calendar_data().between(start, end)]
