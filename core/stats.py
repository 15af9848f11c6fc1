"""Counting rows in SQL for the dashboard and the reports: in a Jalali period (or several at once),
or per Jalali month.

Plugins call these from their hooks with a date column of one of their models::

    count_in(period, Item.date, Item.kind == "news")
    monthly_counts(Item.date, period)  # [(1403, 1, 12), (1403, 2, 0), ...]
    counts_in(periods, Item.date)  # [12, 9, 15]: one figure per period, for the dashboard's comparisons
    monthly_counts_by(Item.kind, Item.date, period)  # {"news": [(1403, 1, 7), ...], "visit": [...]}

``date_column`` is a ``Date`` column (compared with the period's days) or a timestamp column
(``DateTime``/``UTCDateTime``, stored in UTC: compared with the period's days in Tehran time).
Soft-deleted rows are not counted (the ORM hides them, see core.db). Each call runs ONE query,
with the same SQL on SQLite and PostgreSQL. ``per_period`` and ``in_any`` build the columns and the
condition of such a query when it needs joins or groups of its own.

A statement run on every request is built once (core.db.built_once) with ``in_period`` /
``PERIOD_START`` / ``PERIOD_END`` and run with ``period_params(period)``::

    @built_once
    def _held():
        return select(func.count()).select_from(Item).where(in_period(Item.date))

    db.session.scalar(_held(), period_params(period))
"""
from datetime import date, datetime, time, timedelta

from sqlalchemy import DateTime, Integer, and_, bindparam, case, func, literal_column, or_, select

from core.db import db
from core.jalali import TIMEZONE, today

_INTEGER = Integer()  # one instance: literal_column(…, Integer) would build a new one each time


def _column(date_column):
    """A model attribute's column expression: cheaper to compare, and to ask its type, many times."""
    return date_column.__clause_element__() if hasattr(date_column, "__clause_element__") else date_column


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


# A statement built once (core.db.built_once) for any period compares its dates with these bound
# parameters, valued at each run by ``period_params(period)``.
PERIOD_START, PERIOD_END = bindparam("period_start"), bindparam("period_end")


def in_period(date_column):
    """``in_days`` of the period given at execution (``period_params``)."""
    if _is_timestamp(date_column):
        return and_(date_column >= bindparam("period_from"), date_column < bindparam("period_until"))
    return date_column.between(PERIOD_START, PERIOD_END)


# Today's date in a built-once statement (e.g. ``Resolution.overdue_on(TODAY)``), valued by ``period_params``.
TODAY = bindparam("today")


def period_params(period) -> dict:
    """The values of a built-once statement's period: its days, and its bounds in Tehran time for
    a timestamp column; and today's date."""
    return days_params(period.start, period.end)


def days_params(start: date, end: date) -> dict:
    """``period_params`` of the days from ``start`` to ``end`` (inclusive)."""
    return {"period_start": start, "period_end": end, "period_from": _tehran_midnight(start),
            "period_until": _tehran_midnight(end + timedelta(days=1)), "today": today()}


def _until(date_column, end: date):
    """The condition "``date_column`` falls on ``end`` or before"."""
    if _is_timestamp(date_column):
        return date_column < _tehran_midnight(end + timedelta(days=1))
    return date_column <= end


def in_any(periods, date_column):
    """The condition "``date_column`` falls in one of ``periods``"."""
    column = _column(date_column)
    return or_(*(in_days(column, period.start, period.end) for period in periods))


def per_period(periods, date_column, *conditions, value=None):
    """One aggregate column per period: the rows with ``date_column`` in it (and ``conditions``)
    counted, or their ``value`` summed (0 without rows)."""
    column = _column(date_column)
    return _aggregates([in_days(column, period.start, period.end) for period in periods], conditions, value)


def _aggregates(withins, conditions=(), value=None):
    """``per_period``'s columns from the periods' conditions (built once when the query's WHERE uses
    them too)."""
    whens = [and_(within, *conditions) if conditions else within for within in withins]
    if value is None:
        return [func.count(case((when, literal_column("1")))) for when in whens]
    return [func.coalesce(func.sum(case((when, value))), 0) for when in whens]


def _select_from(statement, date_column):
    """Count over the column's model (so the ORM's soft-delete filter applies) or its table."""
    entity = getattr(date_column, "class_", None)
    return statement.select_from(entity if entity is not None else date_column.table)


def count_in(period, date_column, *where) -> int:
    """How many rows have ``date_column`` within ``period`` (and match ``where``)."""
    statement = select(func.count()).where(in_days(date_column, period.start, period.end), *where)
    return db.session.scalar(_select_from(statement, date_column)) or 0


def counts_in(periods, date_column, *where) -> list[int]:
    """``count_in`` of each of ``periods`` (in order), in one query."""
    column = _column(date_column)
    withins = [in_days(column, period.start, period.end) for period in periods]
    statement = select(*_aggregates(withins)).where(or_(*withins), *where)
    return list(db.session.execute(_select_from(statement, date_column)).one())


def figure_values(values) -> dict:
    """A dashboard figure's ``value`` (its first period's, as a caller without ``periods`` reads
    it) and ``values`` (one per period, as the dashboard reads them)."""
    values = list(values)
    return {"value": values[0], "values": values}


def monthly_counts(date_column, period, *where) -> list[tuple[int, int, int]]:
    """Rows per Jalali month of ``period`` as ``[(jy, jm, count), ...]``, every month of
    ``Period.months()`` in order (months without rows count 0; the first and last months are
    clipped to the period)."""
    return monthly_counts_by(literal_column("0"), date_column, period, *where, keys=(0,))[0]


def monthly_counts_by(group, date_column, period, *where, keys=()) -> dict:
    """``monthly_counts`` of each value of ``group`` (an expression over the counted rows), in one
    query: ``{value: [(jy, jm, count), ...]}`` for the values that have rows in the period and
    for ``keys`` (all months 0 without rows)."""
    months = period.months()
    # The rows are in the period, so a row's month is the first whose end it does not pass. The
    # month numbers are written into the SQL: as bound parameters PostgreSQL would not know their type.
    column = _column(date_column)
    bucket = case(
        *[(_until(column, end), literal_column(str(index), _INTEGER))
          for index, (_jy, _jm, _start, end) in enumerate(months)]
    ).label("bucket")
    # Grouped over a subquery: PostgreSQL would not accept GROUP BY on a CASE whose bound
    # parameters differ from the selected one's.
    rows = _select_from(select(bucket, group.label("grouped")).where(
        in_days(column, period.start, period.end), *where), date_column).subquery()
    counts = {key: {} for key in keys}
    for index, value, count in db.session.execute(
            select(rows.c.bucket, rows.c.grouped, func.count()).group_by(rows.c.bucket, rows.c.grouped)):
        counts.setdefault(value, {})[int(index)] = count
    return {value: [(jy, jm, by_month.get(index, 0)) for index, (jy, jm, _start, _end) in enumerate(months)]
            for value, by_month in counts.items()}
