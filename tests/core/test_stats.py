"""core.stats: counting in a Jalali period, in several periods at once and per Jalali month, in one SQL
query each."""
import datetime

import pytest
from sqlalchemy import select

from core.db import db
from core.jalali import Period, parse_jalali_date
from core.stats import count_in, counts_in, figure_values, in_any, monthly_counts, monthly_counts_by, per_period


@pytest.fixture(autouse=True)
def _sample_model(app):
    """The scaffolded example plugin (tests/conftest.py) is importable once the app exists."""
    global Item
    from plugins.sample.models import Item


def add_items(*jalali_dates, title="مورد"):
    for text in jalali_dates:
        db.session.add(Item(title=title, date=parse_jalali_date(text)))
    db.session.commit()


def test_monthly_counts_puts_esfand_30_of_a_leap_year_in_esfand(app, count_queries):
    # 1403 is a leap year: 30 Esfand 1403 exists (2025-03-20); 1 Farvardin 1404 is the next day.
    add_items("1403/12/30", "1403/12/01", "1403/11/30", "1404/01/01")
    with count_queries() as statements:
        counts = monthly_counts(Item.date, Period.year(1403))
    assert len(statements) == 1
    assert counts[-2:] == [(1403, 11, 1), (1403, 12, 2)]
    assert [month for _jy, month, _n in counts] == list(range(1, 13))
    assert sum(n for _jy, _jm, n in counts) == 3  # 1 Farvardin 1404 is outside the year


def test_monthly_counts_clips_the_first_and_last_months_to_the_period(app):
    add_items("1403/07/09", "1403/07/10", "1403/07/30", "1403/08/01", "1403/09/05", "1403/09/06")
    period = Period.custom(parse_jalali_date("1403/07/10"), parse_jalali_date("1403/09/05"))
    assert monthly_counts(Item.date, period) == [(1403, 7, 2), (1403, 8, 1), (1403, 9, 1)]


def test_monthly_counts_spans_years_and_applies_the_extra_conditions(app):
    add_items("1402/12/29", "1403/01/15", "1403/01/16")
    add_items("1403/01/20", title="دیگر")
    period = Period.custom(parse_jalali_date("1402/12/01"), parse_jalali_date("1403/02/31"))
    assert monthly_counts(Item.date, period, Item.title == "مورد") == [
        (1402, 12, 1), (1403, 1, 2), (1403, 2, 0)]


def test_soft_deleted_rows_are_not_counted(app):
    add_items("1403/05/05", "1403/05/06")
    item = db.session.scalars(db.select(Item)).first()
    item.soft_delete()
    db.session.commit()
    assert count_in(Period.month(1403, 5), Item.date) == 1
    assert monthly_counts(Item.date, Period.month(1403, 5)) == [(1403, 5, 1)]


def test_count_in_is_one_query_and_counts_the_inclusive_range(app, count_queries):
    add_items("1403/08/01", "1403/08/30", "1403/09/01")
    with count_queries() as statements:
        assert count_in(Period.month(1403, 8), Item.date) == 2
    assert len(statements) == 1


@pytest.mark.parametrize("moment, month", [
    # 23:30 UTC on 21 Oct 2024 is 03:00 on 1 Aban 1403 in Tehran (UTC+3:30).
    (datetime.datetime(2024, 10, 21, 23, 30, tzinfo=datetime.UTC), 8),
    (datetime.datetime(2024, 10, 21, 20, 0, tzinfo=datetime.UTC), 7),
])
def test_timestamp_columns_are_bucketed_by_the_tehran_day(app, moment, month):
    db.session.add(Item(title="زمان‌دار", date=datetime.date(2024, 10, 21), created_at=moment))
    db.session.commit()
    period = Period.custom(datetime.date(2024, 10, 1), datetime.date(2024, 11, 1))
    counts = monthly_counts(Item.created_at, period, Item.title == "زمان‌دار")
    assert [(jm, n) for _jy, jm, n in counts if n] == [(month, 1)]


def test_counts_in_counts_each_period_in_one_query(app, count_queries):
    add_items("1403/08/01", "1403/08/30", "1403/07/15", "1402/08/10", "1402/08/11", "1403/09/01")
    add_items("1403/08/02", title="دیگر")
    periods = [Period.month(1403, 8), Period.month(1403, 7), Period.month(1402, 8), Period.month(1401, 1)]
    with count_queries() as statements:
        counts = counts_in(periods, Item.date, Item.title == "مورد")
    assert counts == [2, 1, 2, 0]
    assert len(statements) == 1
    assert counts == [count_in(period, Item.date, Item.title == "مورد") for period in periods]


def test_counts_in_counts_a_row_in_every_period_it_falls_in(app):
    add_items("1403/08/10")
    assert counts_in([Period.month(1403, 8), Period.year(1403)], Item.date) == [1, 1]


def test_per_period_sums_a_value_and_in_any_is_the_union(app):
    add_items("1403/08/01", "1403/08/02", "1402/01/01")
    periods = [Period.month(1403, 8), Period.year(1402), Period.month(1401, 1)]
    statement = (select(*per_period(periods, Item.date, value=Item.id * 0 + 2), *per_period(periods, Item.date))
                 .where(in_any(periods, Item.date)))
    assert list(db.session.execute(statement).one()) == [4, 2, 0, 2, 1, 0]


def test_monthly_counts_by_gives_each_group_and_the_keys_asked_for(app, count_queries):
    add_items("1403/07/09", "1403/08/01", title="جلسه")
    add_items("1403/08/05", title="بازدید")
    period = Period.custom(parse_jalali_date("1403/07/01"), parse_jalali_date("1403/08/30"))
    with count_queries() as statements:
        by_title = monthly_counts_by(Item.title, Item.date, period, keys=("جلسه", "تجلیل"))
    assert len(statements) == 1
    assert by_title == {"جلسه": [(1403, 7, 1), (1403, 8, 1)], "بازدید": [(1403, 7, 0), (1403, 8, 1)],
                        "تجلیل": [(1403, 7, 0), (1403, 8, 0)]}
    assert by_title["جلسه"] == monthly_counts(Item.date, period, Item.title == "جلسه")


def test_figure_values_gives_the_first_period_as_the_value(app):
    assert figure_values(iter([3, None, 1])) == {"value": 3, "values": [3, None, 1]}


def test_a_statement_built_once_counts_any_period_given_at_execution(app, count_queries):
    """core.db.built_once with core.stats.in_period: one statement object for every period, the
    soft-deleted rows still skipped, a timestamp column read by the Tehran day."""
    from core.db import built_once
    from core.stats import in_period, period_params

    @built_once
    def counted(date_column):
        return select(db.func.count(Item.id)).where(in_period(date_column))

    add_items("1403/08/01", "1403/08/30", "1403/09/01", "1403/09/02")
    db.session.scalars(select(Item).where(Item.date == parse_jalali_date("1403/09/02"))).one().soft_delete()
    # 23:30 UTC on 21 Oct 2024 is 1 Aban 1403 in Tehran.
    db.session.add(Item(title="زمان‌دار", date=datetime.date(2024, 10, 21),
                        created_at=datetime.datetime(2024, 10, 21, 23, 30, tzinfo=datetime.UTC)))
    db.session.commit()
    assert counted(Item.date) is counted(Item.date)
    with count_queries() as statements:
        assert db.session.scalar(counted(Item.date), period_params(Period.month(1403, 8))) == 2
        assert db.session.scalar(counted(Item.date), period_params(Period.month(1403, 9))) == 1
    assert len(statements) == 2
    assert db.session.scalar(counted(Item.created_at), period_params(Period.month(1403, 8))) == 1
    assert db.session.scalar(counted(Item.created_at), period_params(Period.month(1403, 7))) == 0


def test_built_rows_skips_the_trash_and_sees_pending_changes(app):
    """core.db.built_rows runs a built-once statement on the connection, past the ORM's execute:
    the statement's own criteria still skip soft-deleted rows, and rows added but not yet flushed
    are counted as the session's autoflush would count them (not when autoflush is off)."""
    from core.db import built_once, built_rows
    from core.stats import in_period, period_params

    @built_once
    def titles():
        return select(Item.title).where(in_period(Item.date)).order_by(Item.title)

    params = period_params(Period.month(1403, 8))
    add_items("1403/08/01", "1403/08/02", title="الف")
    db.session.scalars(select(Item)).first().soft_delete()
    db.session.commit()
    assert built_rows(titles(), params).scalars().all() == ["الف"]
    db.session.add(Item(title="ب", date=parse_jalali_date("1403/08/03")))
    with db.session.no_autoflush:
        assert built_rows(titles(), params).scalars().all() == ["الف"]
    assert built_rows(titles(), params).scalars().all() == ["الف", "ب"]
    db.session.rollback()
