"""A realistic year of the news department: officials, events with photos, news items on their
channels, reporters and media contacts, press conferences, announcements and bulletins.

Each part adds its rows in order, later parts picking from what the earlier ones made
(``DemoBase``); all of it comes from ``context.random``, so every run gives the same data."""
from . import archive, bulletins, items, media, press
from .base import DemoBase

PARTS = (archive, items, media, press, bulletins)


def seed(session, context):
    base = DemoBase.build(session, context)
    for part in PARTS:
        part.seed(session, context, base)
        session.flush()
