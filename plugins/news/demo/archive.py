"""(being written)"""


def seed(session, context, base):
    pass
