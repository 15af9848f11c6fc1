"""The calendar's entries: collected from the core and the enabled modules through the hook
``ravabet_calendar_entries(start, end, user)`` and checked, one by one, into ``Entry`` objects.
An entry that is malformed (or whose endpoint does not build) is logged and left out; an entry whose
``permission`` the user lacks is left out."""
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from flask import url_for
from flask_babel import lazy_gettext as _l

from core.jalali import TIMEZONE
from core.permissions import user_can
from core.plugins.manager import registry
from core.text import to_fa_digits

log = logging.getLogger(__name__)

# Kinds with their Persian label; each has a colour class ``cal-<kind>`` in app.css.
KINDS = {
    "holiday": _l("Official holiday"),
    "occasion": _l("Occasion"),
    "meeting": _l("Meeting"),
    "press_conference": _l("Press conference"),
    "booking": _l("Booking"),
    "ceremony": _l("Ceremony"),
    "deadline": _l("Deadline"),
}
OTHER_KIND = _l("Event")


@dataclass
class Entry:
    title: str
    day: date  # the first day (Tehran)
    last_day: date  # the last day, inclusive
    kind: str  # a key of KINDS, or "other"
    kind_title: str
    url: str | None = None
    time: str | None = None  # "۱۴:۳۰" (Tehran), None for an all-day entry
    end_time: str | None = None
    detail: str = ""
    module: str = ""

    @property
    def all_day(self):
        return self.time is None

    @property
    def days(self):
        return (self.last_day - self.day).days + 1

    def on(self, day):
        return self.day <= day <= self.last_day

    @property
    def sort_key(self):
        order = list(KINDS).index(self.kind) if self.kind in KINDS else len(KINDS)
        return self.day, self.time is not None, self.time or "", order, self.title


def _local(value):
    if not isinstance(value, datetime):
        raise TypeError("start and end must be datetimes")
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(TIMEZONE)


def _clock(moment):
    return to_fa_digits(f"{moment:%H:%M}")


def build_entry(item, module=""):
    """An ``Entry`` from a hook's dict (see the hookspec); raises on a malformed one."""
    title = str(item["title"]).strip()
    if not title:
        raise ValueError("an entry needs a title")
    time = end_time = None
    if item.get("date") is not None:
        day = item["date"]
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError("date must be a datetime.date")
        last_day = item.get("end_date") or day
    else:
        start = _local(item["start"])
        end = _local(item["end"]) if item.get("end") is not None else start
        if end < start:
            raise ValueError("an entry cannot end before it starts")
        day, last_day = start.date(), end.date()
        if not item.get("all_day", False):
            time = _clock(start)
            end_time = _clock(end) if end != start and last_day == day else None
    if not isinstance(last_day, date) or last_day < day:
        raise ValueError("end_date must be a date on or after date")
    kind = item.get("kind") or "other"
    kind_title = item.get("kind_title") or KINDS.get(kind, OTHER_KIND)
    url = item.get("url")
    if url is None and item.get("endpoint"):
        url = url_for(item["endpoint"], **item.get("url_args", {}))
    return Entry(title=title, day=day, last_day=last_day, kind=kind if kind in KINDS else "other",
                 kind_title=str(kind_title), url=url, time=time, end_time=end_time,
                 detail=str(item.get("detail") or ""), module=module)


def collect(start, end, user):
    """The entries of the core and the enabled modules on the days ``start``..``end`` that ``user``
    may see, in order (all-day entries of a day first, then by time)."""
    entries = []
    for module, item in registry().call_flat("ravabet_calendar_entries", start=start, end=end, user=user):
        permission = item.get("permission") if isinstance(item, dict) else None
        if permission and not user_can(user, permission, item.get("department_id")):
            continue
        try:
            entry = build_entry(item, module)
        except Exception:
            log.exception("calendar entry of %s is malformed: %r", module, item)
            continue
        if entry.day <= end and entry.last_day >= start:
            entries.append(entry)
    return sorted(entries, key=lambda entry: entry.sort_key)


def by_day(entries, start, end):
    """``{day: [entries on that day]}`` for every day from ``start`` to ``end``."""
    days = {start + timedelta(days=offset): [] for offset in range((end - start).days + 1)}
    for entry in entries:
        day = max(entry.day, start)
        while day <= min(entry.last_day, end):
            days[day].append(entry)
            day += timedelta(days=1)
    return days
