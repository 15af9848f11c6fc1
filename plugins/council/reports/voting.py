"""Placeholder until the part's report items land."""


def report_items(period):
    return []


def metrics(period, user):
    return []


def charts(period, user):
    return []
