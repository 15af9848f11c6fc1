"""The official holidays and occasions of a Jalali year as the sources give them, before an
admin's corrections (core.calendar.days applies those).

- Official holidays come from the maintained `holidays` library (Iran): the Jalali ones by rule,
  the religious ones as observed in Iran, confirmed for past years and estimated for later ones
  (Umm al-Qura plus one day, marked ``estimated``).
- Occasions that are not holidays are data (core.calendar.occasions_data). Hijri dates are
  converted with `hijridate` (Umm al-Qura) and then moved to the month as Iran observes it: when
  the library has an Islamic holiday in the same Hijri month, its date gives the month's offset
  from Umm al-Qura (0 in Shawwal 1445, +1 in most months); otherwise the library's own rule, +1.

Everything here is pure computation, cached per year in the process.
"""
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

import holidays
import jdatetime
from hijridate import Gregorian, Hijri

from core.calendar.occasions_data import HIJRI_OCCASIONS, JALALI_OCCASIONS
from core.jalali import days_in_month
from core.text import to_fa_digits

IRAN_OFFSET = 1  # Iran's Hijri months usually start a day after Umm al-Qura's (the library's rule)
_ESTIMATED = re.compile(r"\s*\(تخمینی\)\s*$")

# The library's (fa_IR) names of Islamic holidays with their Hijri month and day: each dates the
# start of its month in Iran. A name the library changes only loses its anchor (the +1 rule).
HOLIDAY_HIJRI_DAYS = {
    "تاسوعای حسینی": (1, 9),
    "عاشورای حسینی": (1, 10),
    "اربعین حسینی": (2, 20),
    "رحلت رسول اکرم؛شهادت امام حسن مجتبی علیه السلام": (2, 28),
    "شهادت امام حسن عسکری علیه السلام": (3, 8),
    "میلاد رسول اکرم و امام جعفر صادق علیه السلام": (3, 17),
    "شهادت حضرت فاطمه زهرا سلام الله علیها": (6, 3),
    "ولادت امام علی علیه السلام و روز پدر": (7, 13),
    "مبعث رسول اکرم (ص)": (7, 27),
    "ولادت حضرت قائم عجل الله تعالی فرجه و جشن نیمه شعبان": (8, 15),
    "شهادت حضرت علی علیه السلام": (9, 21),
    "عید سعید فطر": (10, 1),
    "تعطیل به مناسبت عید سعید فطر": (10, 2),
    "شهادت امام جعفر صادق علیه السلام": (10, 25),
    "عید سعید قربان": (12, 10),
    "عید سعید غدیر خم": (12, 18),
}


@dataclass(frozen=True)
class Occasion:
    """A holiday or an occasion on one day or several (``days``) of a Jalali year.

    ``key`` names it within its year for corrections: ``holiday:<library name>``,
    ``occasion:<data key>`` (``#2`` for a second one in the same year), ``admin:<id>``."""

    key: str
    title: str
    date: date
    days: int = 1
    holiday: bool = False
    source: str = "library"  # library, data or admin
    estimated: bool = False
    # Set by the admin's corrections (core.calendar.days):
    original_date: date | None = None
    removed: bool = False
    correction_id: int | None = field(default=None, compare=False)

    @property
    def end(self):
        return self.date + timedelta(days=self.days - 1)

    @property
    def moved(self):
        return self.original_date is not None

    def moved_to(self, day, correction_id):
        return replace(self, date=day, original_date=self.date, correction_id=correction_id)


def _gregorian(jy, jm, jd):
    return jdatetime.date(jy, jm, jd).togregorian()


def year_bounds(jy):
    """The first and last Gregorian days of Jalali year ``jy``."""
    return _gregorian(jy, 1, 1), _gregorian(jy, 12, days_in_month(jy, 12))


@lru_cache(maxsize=16)
def _library_year(gy):
    """The library's Iranian holidays of Gregorian year ``gy``: ``[(day, name, estimated)]``."""
    table = holidays.Iran(years=gy, language="fa_IR")
    rows = []
    for day in sorted(table):
        for name in table.get_list(day):
            clean = _ESTIMATED.sub("", name)
            rows.append((day, clean, clean != name))
    return rows


def _title(name):
    return to_fa_digits(re.sub(r"؛(?=\S)", "؛ ", name))


def _hijri_date(hy, hm, hd):
    """The Umm al-Qura Gregorian date of a Hijri day (the 30th of a 29-day month is its last day),
    or None outside hijridate's range."""
    try:
        length = Hijri(hy, hm, 1).month_length()
        day = Hijri(hy, hm, min(hd, length)).to_gregorian()
    except (OverflowError, ValueError):
        return None
    return date(day.year, day.month, day.day)


def _hijri_year(day):
    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (OverflowError, ValueError):
        return None


@lru_cache(maxsize=16)
def _offsets(gy):
    """``{(hijri year, month): days}``: how far Iran's month is from Umm al-Qura's, dated by the
    library's Islamic holidays of Gregorian year ``gy``."""
    offsets = {}
    for day, name, _estimated in _library_year(gy):
        if name not in HOLIDAY_HIJRI_DAYS:
            continue
        hm, hd = HOLIDAY_HIJRI_DAYS[name]
        try:
            uq = Gregorian(day.year, day.month, day.day).to_hijri()
        except (OverflowError, ValueError):
            continue
        hy = uq.year + (1 if hm == 1 and uq.month == 12 else -1 if hm == 12 and uq.month == 1 else 0)
        reference = _hijri_date(hy, hm, hd)
        if reference is not None and abs((day - reference).days) <= 2:
            offsets.setdefault((hy, hm), (day - reference).days)
    return offsets


def hijri_to_gregorian(hy, hm, hd):
    """The Gregorian date of a Hijri day as observed in Iran (see the module's docstring), or None
    outside the supported range (1343–1500 AH)."""
    uq = _hijri_date(hy, hm, hd)
    if uq is None:
        return None
    month_start = _hijri_date(hy, hm, 1)
    for gy in sorted({month_start.year, (month_start + timedelta(days=29)).year}):
        offsets = _offsets(gy)
        if (hy, hm) in offsets:
            return uq + timedelta(days=offsets[hy, hm])
    return uq + timedelta(days=IRAN_OFFSET)


def _numbered(prefix, items):
    """Give each ``(name, occasion)`` its key, numbering repeats within the year."""
    seen = Counter()
    result = []
    for name, occasion in items:
        seen[name] += 1
        suffix = f"#{seen[name]}" if seen[name] > 1 else ""
        result.append(replace(occasion, key=f"{prefix}:{name}{suffix}"))
    return result


@lru_cache(maxsize=32)
def library_holidays(jy):
    """The official holidays of Jalali year ``jy`` from the library, in date order."""
    start, end = year_bounds(jy)
    rows = [row for gy in range(start.year, end.year + 1) for row in _library_year(gy)]
    items = [(name, Occasion("", _title(name), day, holiday=True, source="library", estimated=estimated))
             for day, name, estimated in rows if start <= day <= end]
    return tuple(_numbered("holiday", items))


@lru_cache(maxsize=32)
def data_occasions(jy):
    """The occasions of core.calendar.occasions_data in Jalali year ``jy``, in date order."""
    start, end = year_bounds(jy)
    items = [(key, Occasion("", title, _gregorian(jy, month, min(day, days_in_month(jy, month))), days,
                            source="data"))
             for key, title, month, day, days in JALALI_OCCASIONS]
    first, last = _hijri_year(start), _hijri_year(end)
    if first is not None and last is not None:
        for hy in range(first, last + 1):
            for key, title, month, day, days in HIJRI_OCCASIONS:
                when = hijri_to_gregorian(hy, month, day)
                if when is not None and start <= when <= end:
                    items.append((key, Occasion("", title, when, days, source="data")))
    items.sort(key=lambda item: item[1].date)
    return tuple(_numbered("occasion", items))
