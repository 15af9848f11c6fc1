"""Jalali (Solar Hijri) dates and report periods.

Dates are stored Gregorian and timestamps in UTC (naive datetimes are taken as UTC);
this module converts at the edges: parsing user input, formatting for display, and
turning a Jalali period into a Gregorian date range for queries.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import jdatetime
from flask_babel import lazy_gettext as _l

from core.text import clean_text, to_ascii_digits, to_fa_digits

MONTH_NAMES = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
WEEKDAY_NAMES = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
QUARTER_NAMES = ("اول", "دوم", "سوم", "چهارم")
TIMEZONE = ZoneInfo("Asia/Tehran")
MIN_YEAR, MAX_YEAR = 1300, 1500

_DATE = re.compile(r"([0-9]{4})\s*[/\-.٫]\s*([0-9]{1,2})\s*[/\-.٫]\s*([0-9]{1,2})")
_TIME = re.compile(r"([0-9]{1,2})\s*:\s*([0-9]{2})")

_YEAR_ERROR = _l("The year must be between 1300 and 1500.")
_MONTH_ERROR = _l("The month must be between 1 and 12.")
_QUARTER_ERROR = _l("The quarter must be between 1 and 4.")
_MONTH_COUNT_ERROR = _l("The number of months must be between 1 and 12.")


class JalaliDateError(ValueError):
    """Invalid Jalali input; ``str(exc)`` is the (translated) message for the user."""


@lru_cache(maxsize=4096)
def jalali_date(d: date) -> jdatetime.date:
    """The Jalali date of ``d``, kept per day: jdatetime converts in ~30 µs, and a report asks for
    the same few days dozens of times (its period's bounds, the previous occurrences)."""
    return jdatetime.date.fromgregorian(date=d)


def _gregorian(jy: int, jm: int, jd: int) -> date:
    return jdatetime.date(jy, jm, jd).togregorian()


def days_in_month(jy: int, jm: int) -> int:
    """Number of days in Jalali month ``jm`` of year ``jy``."""
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if jdatetime.date(jy, 1, 1).isleap() else 29


def _check_year(jy: int) -> None:
    if not MIN_YEAR <= jy <= MAX_YEAR:
        raise JalaliDateError(_YEAR_ERROR)


def _check_month(jm: int) -> None:
    if not 1 <= jm <= 12:
        raise JalaliDateError(_MONTH_ERROR)


def _numeric(jy: int, jm: int, jd: int) -> str:
    return to_fa_digits(f"{jy:04d}/{jm:02d}/{jd:02d}")


def parse_jalali_date(text: str | None) -> date:
    """Parse a Jalali date such as ۱۴۰۳/۰۸/۲۵ (any digits; / - . separators) to a Gregorian date."""
    value = to_ascii_digits(clean_text(text or ""))
    if not value:
        raise JalaliDateError(_l("Enter a date."))
    match = _DATE.fullmatch(value)
    if not match:
        raise JalaliDateError(_l("Enter the date in the form 1403/08/25."))
    jy, jm, jd = (int(part) for part in match.groups())
    _check_year(jy)
    _check_month(jm)
    days = days_in_month(jy, jm)
    if not 1 <= jd <= days:
        raise JalaliDateError(
            _l(
                "The date %(date)s does not exist: %(month)s %(year)s has %(days)s days.",
                date=_numeric(jy, jm, jd),
                month=MONTH_NAMES[jm - 1],
                year=to_fa_digits(jy),
                days=to_fa_digits(days),
            )
        )
    return _gregorian(jy, jm, jd)


def parse_jalali_datetime(date_text: str | None, time_text: str | None) -> datetime:
    """Parse a Jalali date and an HH:MM Tehran time to an aware UTC datetime."""
    day = parse_jalali_date(date_text)
    match = _TIME.fullmatch(to_ascii_digits(clean_text(time_text or "")))
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise JalaliDateError(_l("Enter the time in the form 14:30."))
    clock = time(int(match.group(1)), int(match.group(2)))
    return datetime.combine(day, clock, tzinfo=TIMEZONE).astimezone(timezone.utc)


def _to_tehran(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(TIMEZONE)


def format_date(d: date | datetime | None, style: str = "long") -> str:
    """Format a date as Jalali with Persian digits.

    Styles: long "۲۵ آبان ۱۴۰۳", numeric "۱۴۰۳/۰۸/۲۵", weekday "جمعه ۲۵ آبان ۱۴۰۳",
    month "آبان ۱۴۰۳". Datetimes are converted to Tehran time first.
    """
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = _to_tehran(d).date()
    return _format_day(d, style)


@lru_cache(maxsize=4096)
def _format_day(d: date, style: str) -> str:
    """``format_date`` of a day: a list shows the same few dozen days on every page."""
    j = jalali_date(d)
    month = MONTH_NAMES[j.month - 1]
    if style == "long":
        return to_fa_digits(f"{j.day} {month} {j.year}")
    if style == "numeric":
        return _numeric(j.year, j.month, j.day)
    if style == "weekday":
        return to_fa_digits(f"{WEEKDAY_NAMES[j.weekday()]} {j.day} {month} {j.year}")
    if style == "month":
        return to_fa_digits(f"{month} {j.year}")
    raise ValueError(f"unknown date style: {style!r}")


def format_datetime(dt: datetime | None, style: str = "long") -> str:
    """Format a UTC timestamp (naive means UTC) in Tehran time.

    long "۲۵ آبان ۱۴۰۳، ساعت ۱۴:۳۰", numeric "۱۴۰۳/۰۸/۲۵ ۱۴:۳۰"; other date styles
    get ", ساعت HH:MM" appended the same way as long.
    """
    if dt is None:
        return ""
    local = _to_tehran(dt)
    clock = to_fa_digits(f"{local:%H:%M}")
    if style == "numeric":
        return f"{format_date(local.date(), 'numeric')} {clock}"
    return f"{format_date(local.date(), style)}، ساعت {clock}"


def to_jalali_input(d: date | datetime | None) -> str:
    """The value to prefill a date input with, e.g. ۱۴۰۳/۰۸/۲۵."""
    return format_date(d, "numeric")


def today() -> date:
    """Today's Gregorian date in Tehran."""
    return datetime.now(TIMEZONE).date()


_today = today  # for methods whose ``today`` parameter shadows the function


def jalali_today() -> jdatetime.date:
    """Today's Jalali date in Tehran."""
    return jalali_date(today())


def _shift_year_back(d: date) -> date:
    j = jalali_date(d)
    return _gregorian(j.year - 1, j.month, min(j.day, days_in_month(j.year - 1, j.month)))


@dataclass(frozen=True)
class Period:
    """A range of days for reports; ``start`` and ``end`` are Gregorian, ``end`` inclusive.

    ``kind`` is one of year, month, quarter, first (first N months of a year), custom
    and ytd (year to date), the same names ``from_args`` accepts.
    """

    start: date
    end: date
    kind: str
    label: str

    @classmethod
    def year(cls, jy: int) -> "Period":
        _check_year(jy)
        end = _gregorian(jy, 12, days_in_month(jy, 12))
        return cls(_gregorian(jy, 1, 1), end, "year", to_fa_digits(f"سال {jy}"))

    @classmethod
    def month(cls, jy: int, jm: int) -> "Period":
        _check_year(jy)
        _check_month(jm)
        start, end = _gregorian(jy, jm, 1), _gregorian(jy, jm, days_in_month(jy, jm))
        return cls(start, end, "month", to_fa_digits(f"{MONTH_NAMES[jm - 1]} {jy}"))

    @classmethod
    def quarter(cls, jy: int, q: int) -> "Period":
        _check_year(jy)
        if not 1 <= q <= 4:
            raise JalaliDateError(_QUARTER_ERROR)
        start = _gregorian(jy, 3 * q - 2, 1)
        end = _gregorian(jy, 3 * q, days_in_month(jy, 3 * q))
        return cls(start, end, "quarter", to_fa_digits(f"فصل {QUARTER_NAMES[q - 1]} {jy}"))

    @classmethod
    def first_months(cls, jy: int, n: int) -> "Period":
        """The first ``n`` months of year ``jy``."""
        _check_year(jy)
        if not 1 <= n <= 12:
            raise JalaliDateError(_MONTH_COUNT_ERROR)
        end = _gregorian(jy, n, days_in_month(jy, n))
        return cls(_gregorian(jy, 1, 1), end, "first", to_fa_digits(f"{n} ماه نخست سال {jy}"))

    @classmethod
    def custom(cls, start: date, end: date) -> "Period":
        if start > end:
            raise JalaliDateError(_l("The start date must not be after the end date."))
        label = f"از {format_date(start)} تا {format_date(end)}"
        return cls(start, end, "custom", label)

    @classmethod
    def year_to_date(cls, today: date | None = None) -> "Period":
        """From 1 Farvardin of the current Jalali year to today: the default report period."""
        end = today if today is not None else _today()
        j = jalali_date(end)
        label = to_fa_digits(f"از ۱ فروردین تا {j.day} {MONTH_NAMES[j.month - 1]} {j.year}")
        return cls(_gregorian(j.year, 1, 1), end, "ytd", label)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def days_so_far(self) -> int:
        """Its days up to today (at least 1): what a running period's averages divide by."""
        return max(1, (min(self.end, today()) - self.start).days + 1)

    def _params(self) -> tuple[int, int, int]:
        """Jalali year and month of the start and month of the end."""
        start, end = jalali_date(self.start), jalali_date(self.end)
        return start.year, start.month, end.month

    def previous(self) -> "Period":
        """The period just before: the previous year, month or quarter; for other kinds
        the range of the same length that ends the day before ``start``."""
        jy, jm, _ = self._params()
        if self.kind == "year":
            return Period.year(jy - 1)
        if self.kind == "month":
            return Period.month(jy, jm - 1) if jm > 1 else Period.month(jy - 1, 12)
        if self.kind == "quarter":
            q = (jm + 2) // 3
            return Period.quarter(jy, q - 1) if q > 1 else Period.quarter(jy - 1, 4)
        end = self.start - timedelta(days=1)
        return Period.custom(end - timedelta(days=self.days - 1), end)

    def same_period_last_year(self) -> "Period":
        """The same Jalali dates one year earlier (30 Esfand becomes 29 Esfand)."""
        jy, jm, end_month = self._params()
        if self.kind == "year":
            return Period.year(jy - 1)
        if self.kind == "month":
            return Period.month(jy - 1, jm)
        if self.kind == "quarter":
            return Period.quarter(jy - 1, (jm + 2) // 3)
        if self.kind == "first":
            return Period.first_months(jy - 1, end_month)
        if self.kind == "ytd":
            return Period.year_to_date(_shift_year_back(self.end))
        return Period.custom(_shift_year_back(self.start), _shift_year_back(self.end))

    def months(self) -> list[tuple[int, int, date, date]]:
        """The Jalali months overlapping the period as (jy, jm, start, end), clipped to it."""
        result = []
        j = jalali_date(self.start)
        jy, jm = j.year, j.month
        month_start = self.start - timedelta(days=j.day - 1)
        while month_start <= self.end:  # each month starts the day after the last one ends
            month_end = month_start + timedelta(days=days_in_month(jy, jm) - 1)
            result.append((jy, jm, max(month_start, self.start), min(month_end, self.end)))
            month_start = month_end + timedelta(days=1)
            jy, jm = (jy, jm + 1) if jm < 12 else (jy + 1, 1)
        return result

    def as_args(self) -> dict[str, str]:
        """Query-string arguments that ``from_args`` turns back into this period."""
        jy, jm, end_month = self._params()
        if self.kind == "year":
            return {"kind": "year", "y": str(jy)}
        if self.kind == "month":
            return {"kind": "month", "y": str(jy), "m": str(jm)}
        if self.kind == "quarter":
            return {"kind": "quarter", "y": str(jy), "q": str((jm + 2) // 3)}
        if self.kind == "first":
            return {"kind": "first", "y": str(jy), "n": str(end_month)}
        if self.kind == "ytd":
            return {"kind": "ytd"}
        return {
            "kind": "custom",
            "from": to_ascii_digits(to_jalali_input(self.start)),
            "to": to_ascii_digits(to_jalali_input(self.end)),
        }

    @classmethod
    def from_args(cls, args, today: date | None = None) -> "Period":
        """Build a period from query arguments (kind, y, m, q, n, from, to) in any digits.

        A missing kind means year to date; bad input raises JalaliDateError.
        """
        kind = (args.get("kind") or "").strip() or "ytd"
        if kind == "ytd":
            return cls.year_to_date(today)
        if kind == "custom":
            start, end = parse_jalali_date(args.get("from")), parse_jalali_date(args.get("to"))
            return cls.custom(start, end)
        if kind not in ("year", "month", "quarter", "first"):
            raise JalaliDateError(_l("Unknown period type."))
        jy = _int_arg(args, "y", _YEAR_ERROR)
        if kind == "year":
            return cls.year(jy)
        if kind == "month":
            return cls.month(jy, _int_arg(args, "m", _MONTH_ERROR))
        if kind == "quarter":
            return cls.quarter(jy, _int_arg(args, "q", _QUARTER_ERROR))
        n = _int_arg(args, "n", _MONTH_COUNT_ERROR)
        return cls.first_months(jy, n)


def _int_arg(args, key: str, message) -> int:
    value = to_ascii_digits(str(args.get(key) or "")).strip()
    if not re.fullmatch(r"[0-9]{1,4}", value):
        raise JalaliDateError(message)
    return int(value)
