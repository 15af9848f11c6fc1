"""The plugin's one blueprint, ``council``, mounted under /council/; the views modules add its
routes (the committee kit's pages under /council/committees/). Its pages show the section tabs
below (core.sections)."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from core.sections import Section, add_section_tabs

bp = Blueprint("council", __name__, template_folder="templates")

add_section_tabs(bp, (
    Section("units", "council.units", _l("PR units and members"), "council.view"),
    Section("cards", "council.cards", _l("Member cards"), "council.view"),
    Section("meetings", "council.committees_index", _l("Councils and committees"), "council.view"),
    Section("trainings", "council.trainings", _l("Training"), "council.view"),
    Section("elections", "council.elections", _l("Board elections"), "council.view"),
    Section("visits", "council.visits", _l("Visits"), "council.view"),
    Section("appointments", "council.appointments", _l("Appointment opinions"), "council.view"),
    Section("evaluation", "council.evaluations", _l("Performance evaluation"), "council.view"),
    Section("honors", "council.honors", _l("Honors and campaigns"), "council.view"),
), section_of={"member_imports": "units", "certificates": "trainings", "voting": "elections",
               "paper": "elections", "portal": "evaluation", "campaigns": "honors"},
    endpoint_prefixes={"council.committees_": "meetings"})
