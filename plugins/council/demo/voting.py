"""Placeholder until the part's demo rows land."""


def seed(session, context, demo):
    pass
