"""(being written)"""


def report_items(period):
    return []
