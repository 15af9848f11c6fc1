"""The council's and the county council's sections of the activity report, and their dashboard
figures and charts: each part of the work counts its own records in its module here."""
from . import appointments, elections, evaluation, honors, members, trainings, visits, voting

PARTS = (members, trainings, elections, voting, visits, appointments, evaluation, honors)


def report_items(period):
    return [item for part in PARTS for item in part.report_items(period)]


def metrics(period, user):
    return [metric for part in PARTS for metric in part.metrics(period, user)]


def charts(period, user):
    return [chart for part in PARTS for chart in part.charts(period, user)]
