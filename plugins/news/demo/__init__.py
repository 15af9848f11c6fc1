"""A realistic year of the news department: officials, events with photos, news items on their
channels, reporters and media contacts, press conferences, announcements and bulletins.

Each part adds its rows in order, later parts picking from what the earlier ones made
(``DemoBase``); all of it comes from ``context.random``, so every run gives the same data."""
from core import modules

from . import archive, bulletins, items, media, press
from .base import DemoBase

PARTS = (archive, items, media, press, bulletins)
# The core's demo department that runs the module (core/demo_data.py).
DEPARTMENT = "واحد خبر و اطلاع‌رسانی"


def seed(session, context):
    department = context.departments.get(DEPARTMENT)
    if department is not None:  # the demo shows the module on, in its department
        modules.assign("news", department.id)
        modules.set_enabled("news", True)
    base = DemoBase.build(session, context)
    for part in PARTS:
        part.seed(session, context, base)
        session.flush()
