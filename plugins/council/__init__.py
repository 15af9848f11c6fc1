"""شورای هماهنگی روابط عمومی‌ها: the ``council`` plugin of the PR coordination councils' secretariat.

Two bodies use it: the provincial council of the executive agencies' PR units and the council of
the county governorates' PR units. Their PR units and members with cards, meetings and training
(through the committee kit), the board election, visits, appointment opinions, performance
evaluation, honors and campaigns. The hooks below are all the core knows of the plugin
(core/plugins/hookspecs.py); each part of the work keeps its pages in views/, its tables in
models/, its report items and figures in reports/ and its demo rows in demo/.
"""
from pathlib import Path

from flask_babel import lazy_gettext as _l

from core.permissions import Permission, user_can
from core.plugins import hookimpl

from . import demo, models, reports  # noqa: F401  (models: the tables, for Alembic)
from .blueprint import bp
from .views import PARTS

KEY = "council"
TITLE = "شورای هماهنگی روابط عمومی‌ها"
ICON = "⚖"


@hookimpl
def ravabet_plugin_info():
    return {"key": KEY, "title": TITLE, "icon": ICON, "version": "1.0.0",
            "description": "روابط عمومی‌های عضو و کارت‌ها، جلسات و آموزش، انتخابات هیات رئیسه، بازدیدها، "
                           "نظر کارشناسی انتصاب، ارزیابی عملکرد و تجلیل"}


@hookimpl
def ravabet_blueprints():
    return bp


@hookimpl
def ravabet_migrations_dir():
    return Path(__file__).parent / "migrations" / "versions"


@hookimpl
def ravabet_permissions():
    return [
        Permission("council.view", _l("See the councils' members, meetings, elections and evaluations"),
                   ("head", "staff", "viewer")),
        Permission("council.edit", _l("Record members, cards, meetings, visits, opinions and evaluations"),
                   ("head", "staff")),
        Permission("council.manage", _l("Run elections, revoke cards, approve indicator sets and sign opinions"),
                   ("head",)),
    ]


@hookimpl
def ravabet_meeting_types():
    return [{"key": "council_trip", "title": _l("Trip to a county")}]


@hookimpl
def ravabet_nav_items(user):
    return [{"title": TITLE, "endpoint": "council.units", "permission": "council.view", "icon": ICON, "order": 30}]


@hookimpl
def ravabet_dashboard_metrics(period, user, periods):
    return reports.metrics(period, user, periods)


@hookimpl
def ravabet_dashboard_charts(period, user):
    return reports.charts(period, user)


@hookimpl
def ravabet_report_items(period):
    return reports.report_items(period)


@hookimpl
def ravabet_calendar_entries(start, end, user):
    if not user_can(user, "council.view"):
        return []
    return [entry for part in PARTS if hasattr(part, "calendar_entries")
            for entry in part.calendar_entries(start, end, user)]


@hookimpl
def ravabet_search(query, user, limit):
    if not user_can(user, "council.view"):
        return None
    return [group for part in PARTS if hasattr(part, "search_groups")
            for group in part.search_groups(query, user, limit)]


@hookimpl
def ravabet_deadlines(until):
    return [deadline for part in PARTS if hasattr(part, "deadlines") for deadline in part.deadlines(until)]


@hookimpl
def ravabet_demo_data(session, context):
    demo.seed(session, context)
