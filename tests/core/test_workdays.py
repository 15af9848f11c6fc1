"""Working-day arithmetic (core.workdays): Friday, Thursday by the admin's setting, the official
holidays with the admin's corrections, the counting rule, and bounded queries."""
from datetime import datetime, timezone

import jdatetime
import pytest

from core.calendar.days import forget, set_thursday_off
from core.calendar.models import CalendarCorrection
from core.db import db
from core.workdays import add_working_days, is_working_day, working_days_between


def J(jy, jm, jd):
    return jdatetime.date(jy, jm, jd).togregorian()


def jalali(day):
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day


pytestmark = pytest.mark.usefixtures("app")


@pytest.fixture
def thursday_works(app):
    set_thursday_off(False)
    db.session.commit()


def test_fridays_holidays_and_thursdays():
    assert not is_working_day(J(1404, 1, 15))  # a Friday
    assert not is_working_day(J(1404, 3, 14))  # Imam Khomeini's death, a Wednesday
    assert is_working_day(J(1404, 3, 17))  # a Saturday
    assert not is_working_day(J(1404, 3, 22))  # a Thursday: off by default


def test_the_thursday_setting_changes_the_arithmetic():
    start = J(1404, 3, 17)  # a Saturday
    assert add_working_days(start, 4) == J(1404, 3, 21)  # Wednesday
    assert add_working_days(start, 5) == J(1404, 3, 25)  # Sunday: Thu, Fri off, 24 Khordad is Eid al-Ghadir
    set_thursday_off(False)
    db.session.commit()
    assert is_working_day(J(1404, 3, 22))
    assert add_working_days(start, 5) == J(1404, 3, 22)  # Thursday now counts
    assert working_days_between(start, J(1404, 3, 31)) == 11  # 18–22, 25–29 and 31


def test_counting_rule():
    receipt = J(1404, 2, 6)  # a Saturday
    deadline = add_working_days(receipt, 10)
    assert jalali(deadline) == (1404, 2, 20)  # Sun–Wed, Sat–Wed, Sat: Thursdays and Fridays skipped
    assert working_days_between(receipt, deadline) == 10
    assert working_days_between(deadline, receipt) == -10
    assert working_days_between(receipt, receipt) == 0
    assert add_working_days(receipt, 0) == receipt
    assert add_working_days(J(1404, 2, 4), 0) == J(1404, 2, 6)  # a holiday moves on to the next working day
    with pytest.raises(ValueError):
        add_working_days(receipt, -1)


def test_a_datetime_counts_as_its_day_in_tehran():
    # 20:45 UTC on Friday 29 Farvardin 1404 is already Saturday 30 Farvardin in Tehran.
    moment = datetime(2025, 4, 18, 20, 45, tzinfo=timezone.utc)
    assert is_working_day(moment)
    assert is_working_day(moment.replace(tzinfo=None))
    assert not is_working_day(datetime(2025, 4, 18, 10, 0, tzinfo=timezone.utc))


def test_over_nowruz(thursday_works):
    # Sat 25 Esfand 1403 to the new year: 29 and 30 Esfand, 1–4 Farvardin (and the Friday 1 Farvardin),
    # Ramadan's 2 Farvardin, 11–13 Farvardin are holidays in 1404.
    start = J(1403, 12, 25)
    assert [jalali(add_working_days(start, n)) for n in range(1, 6)] == [
        (1403, 12, 26), (1403, 12, 27), (1403, 12, 28), (1404, 1, 5), (1404, 1, 6)]
    assert jalali(add_working_days(J(1404, 1, 10), 1)) == (1404, 1, 14)  # 11, 12, 13 off
    assert working_days_between(J(1403, 12, 28), J(1404, 1, 5)) == 1


def test_across_a_year_boundary_with_thursdays_off():
    # Monday 28 Esfand 1402: 29 Esfand (oil day), Nowruz 1–4 Farvardin 1403, then Sunday 5 Farvardin.
    assert jalali(add_working_days(J(1402, 12, 28), 1)) == (1403, 1, 5)
    assert jalali(add_working_days(J(1403, 1, 11), 1)) == (1403, 1, 14)  # 12, 13 Farvardin off, then Tuesday


def test_an_admin_correction_moves_the_holiday_for_the_arithmetic():
    eid = J(1404, 1, 11)  # the library's Eid al-Fitr 1404, a Monday
    assert not is_working_day(eid)
    db.session.add(CalendarCorrection(year=1404, action="move", key="holiday:عید سعید فطر", date=J(1404, 1, 10)))
    db.session.commit()
    assert is_working_day(eid) and not is_working_day(J(1404, 1, 10))
    db.session.add(CalendarCorrection(year=1404, action="add", date=J(1404, 1, 14), title="تعطیلی اضطراری",
                                      holiday=True))
    db.session.commit()
    assert not is_working_day(J(1404, 1, 14))
    db.session.add(CalendarCorrection(year=1404, action="remove", key="holiday:روز طبیعت"))
    db.session.commit()
    assert is_working_day(J(1404, 1, 13))  # Nature Day removed: a Wednesday like any other
    assert working_days_between(J(1404, 1, 9), J(1404, 1, 16)) == 3  # 11, 12 and 13


def test_queries_are_bounded_per_year(count_queries):
    forget()
    with count_queries() as statements:
        working_days_between(J(1402, 6, 1), J(1404, 6, 1))
        add_working_days(J(1403, 12, 20), 30)
        is_working_day(J(1404, 2, 2))
    corrections = [s for s in statements if "calendar_corrections" in s]
    assert len(corrections) == 1 and len(statements) == 2  # three years in one query, and the setting
