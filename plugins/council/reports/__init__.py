"""The council's and the county council's sections of the activity report, and their dashboard
figures and charts: each part of the work counts its own records in its module here."""
from . import appointments, elections, evaluation, honors, members, trainings, visits, voting

PARTS = (members, trainings, elections, voting, visits, appointments, evaluation, honors)


def report_items(period):
    """The parts' items. The councils' records start when the secretariat began to use Ravabet
    (its twelfth board, its cards since 1402), so no earlier record does not mean a first time:
    an item whose ``previous`` is None loses it and gets no «برای اولین بار»; «پس از N سال» stays."""
    items = [item for part in PARTS for item in part.report_items(period)]
    for item in items:
        if "previous" in item and item["previous"] is None:
            del item["previous"]
    return items


def metrics(period, user, periods=None):
    """The parts' figures of ``period``, with ``values`` for each of ``periods`` (``period`` first)."""
    periods = periods or [period]
    return [metric for part in PARTS for metric in part.metrics(period, user, periods)]


def charts(period, user):
    return [chart for part in PARTS for chart in part.charts(period, user)]
