"""(being written)"""


def search_groups(query, user, limit):
    return []


def calendar_entries(start, end, user):
    return []
