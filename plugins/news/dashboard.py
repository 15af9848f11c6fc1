"""(being written)"""


def metrics(period, user):
    return []


def charts(period, user):
    return []
