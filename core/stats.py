"""Counting rows in SQL for the dashboard and the reports: in a Jalali period, or per Jalali month.

Plugins call these from their hooks with a date column of one of their models::

    count_in(period, Item.date, Item.kind == "news")
    monthly_counts(Item.date, period)  # [(1403, 1, 12), (1403, 2, 0), ...]

``date_column`` is a ``Date`` column (compared with the period's days) or a timestamp column
(``DateTime``/``UTCDateTime``, stored in UTC: compared with the period's days in Tehran time).
Soft-deleted rows are not counted (the ORM hides them, see core.db). Each call runs ONE query,
with the same SQL on SQLite and PostgreSQL.
"""
from datetime import date, datetime, time, timedelta

from sqlalchemy import DateTime, Integer, and_, case, func, literal_column, select

from core.db import db
from core.jalali import TIMEZONE


def _is_timestamp(date_column):
    column_type = date_column.type
    return isinstance(getattr(column_type, "impl_instance", column_type), DateTime)


def _tehran_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=TIMEZONE)


def in_days(date_column, start: date, end: date):
    """The condition "``date_column`` falls on a day from ``start`` to ``end`` (inclusive)"."""
    if _is_timestamp(date_column):
        return and_(date_column >= _tehran_midnight(start),
                    date_column < _tehran_midnight(end + timedelta(days=1)))
    return date_column.between(start, end)


def _select_from(statement, date_column):
    """Count over the column's model (so the ORM's soft-delete filter applies) or its table."""
    entity = getattr(date_column, "class_", None)
    return statement.select_from(entity if entity is not None else date_column.table)


def count_in(period, date_column, *where) -> int:
    """How many rows have ``date_column`` within ``period`` (and match ``where``)."""
    statement = select(func.count()).where(in_days(date_column, period.start, period.end), *where)
    return db.session.scalar(_select_from(statement, date_column)) or 0


def monthly_counts(date_column, period, *where) -> list[tuple[int, int, int]]:
    """Rows per Jalali month of ``period`` as ``[(jy, jm, count), ...]``, every month of
    ``Period.months()`` in order (months without rows count 0; the first and last months are
    clipped to the period)."""
    months = period.months()
    # The month numbers are written into the SQL: as bound parameters PostgreSQL would not know
    # their type.
    bucket = case(
        *[(in_days(date_column, start, end), literal_column(str(index), Integer))
          for index, (_jy, _jm, start, end) in enumerate(months)]
    ).label("bucket")
    # Grouped over a subquery: PostgreSQL would not accept GROUP BY on a CASE whose bound
    # parameters differ from the selected one's.
    rows = _select_from(select(bucket).where(in_days(date_column, period.start, period.end), *where),
                        date_column).subquery()
    counts = {int(index): count for index, count in
              db.session.execute(select(rows.c.bucket, func.count()).group_by(rows.c.bucket)) if index is not None}
    return [(jy, jm, counts.get(index, 0)) for index, (jy, jm, _start, _end) in enumerate(months)]
