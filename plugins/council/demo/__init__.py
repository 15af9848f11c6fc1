"""A realistic council: 160 members across the agencies' and the county governorates' PR units
with their cards, a year of meetings and training with certificates, the twelfth board election,
visits, appointment opinions, the Government Week evaluation, the county portals' monthly
evaluation, honors and a campaign.

Each part adds its rows in order, later parts picking from what the earlier ones made
(``CouncilDemo``); all of it comes from ``context.random``, so every run gives the same data."""
from core import modules

from . import appointments, elections, evaluation, honors, members, trainings, visits, voting
from .base import CouncilDemo

PARTS = (members, trainings, elections, voting, visits, appointments, evaluation, honors)
# The core's demo department that runs the module (core/demo_data.py).
DEPARTMENT = "دبیرخانه شورای هماهنگی روابط عمومی‌ها"


def seed(session, context):
    department = context.departments.get(DEPARTMENT)
    if department is None:
        return
    modules.assign("council", department.id)  # the demo shows the module on, in its department
    modules.set_enabled("council", True)
    demo = CouncilDemo(department=department)
    for part in PARTS:
        part.seed(session, context, demo)
        session.flush()
