"""The activity report (گزارش مختصر فعالیت‌ها) at /reports/: assembled from the enabled modules'
``ravabet_report_items`` for a Jalali period, grouped by department, edited before export, saved
as editions, exported as a printable page and a PDF.

Plugins call ``previous_occurrence`` (or ``previous_occurrences`` for several kinds at once) for
the automatic annotations (see core.reports.annotations).
"""
from flask import Blueprint

from core.reports.annotations import previous_occurrence, previous_occurrences

bp = Blueprint("reports", __name__, static_folder="static")

from core.reports import editions, settings, views  # noqa: E402,F401

__all__ = ["bp", "previous_occurrence", "previous_occurrences"]
