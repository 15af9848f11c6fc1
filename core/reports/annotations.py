"""Automatic annotations of report items: «برای اولین بار» when a kind of activity has no earlier
record, «پس از N سال» when the previous one is N or more years old.

A plugin finds the latest earlier occurrence with ``previous_occurrence`` (one SQL query), or
those of several kinds with ``previous_occurrences`` (one GROUP BY query), and passes it as the
item's ``previous`` key; the core words the annotation.
"""
import datetime

from flask import current_app, has_app_context
from flask_babel import gettext as _
from sqlalchemy import func, select

from core.db import db
from core.jalali import TIMEZONE, jalali_date
from core.text import fa_number

DEFAULT_MIN_YEARS = 2


def previous_occurrence(date_column, before, *where):
    """The latest value of ``date_column`` earlier than ``before`` among the rows matching the
    ``where`` conditions, or None when there is none (one ``SELECT max(...)`` query; rows in the
    trash do not count).

    ``previous_occurrence(Item.date, period.start, Item.kind == "festival")``
    """
    return db.session.scalar(select(func.max(date_column)).where(date_column < before, *where))


def previous_occurrences(date_column, before, key_column, *where):
    """``previous_occurrence`` for several kinds at once: ``{value of key_column: latest value of
    date_column earlier than before}``, a kind without an earlier row left out (one GROUP BY query).

    ``previous_occurrences(Item.date, period.start, Item.kind).get("festival")``
    """
    return dict(db.session.execute(select(key_column, func.max(date_column))
                                   .where(date_column < before, *where).group_by(key_column)).all())


def _as_date(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return value.astimezone(TIMEZONE).date()
    return value


def full_years(earlier, later):
    """Whole Jalali years from ``earlier`` to ``later`` (dates or timestamps)."""
    a, b = (jalali_date(_as_date(d)) for d in (earlier, later))
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def min_years():
    """The gap, in years, from which «پس از N سال» is said (``REPORT_GAP_YEARS``, default 2)."""
    if has_app_context():
        return int(current_app.config.get("REPORT_GAP_YEARS", DEFAULT_MIN_YEARS))
    return DEFAULT_MIN_YEARS


def annotation(previous, occurred, at_least=None):
    """The wording for an item whose latest earlier occurrence was ``previous`` (None: never)
    and which happened (first) on ``occurred``; "" when there is nothing to say."""
    if previous is None:
        return _("for the first time")
    years = full_years(previous, occurred)
    if years >= (min_years() if at_least is None else at_least):
        return _("after %(years)s years", years=fa_number(years))
    return ""


def annotate(text, note):
    """Put the annotation in parentheses before the sentence's final full stop."""
    if not note:
        return text
    text = text.rstrip()
    if text.endswith("."):
        return f"{text[:-1]} ({note})."
    return f"{text} ({note})"
