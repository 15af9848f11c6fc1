"""خبر و اطلاع‌رسانی: the ``news`` plugin of the news and information department.

News items and their publication on channels, the photo archive, media relations, press
conferences, event announcements, the monthly bulletins and the content analysis. The hooks below
are all the core knows of the plugin (core/plugins/hookspecs.py); each part of the work keeps its
pages in views/, its tables in models/ and its demo rows in demo/.
"""
from pathlib import Path

from flask_babel import lazy_gettext as _l

from core.permissions import Permission, user_can
from core.plugins import hookimpl

from . import dashboard, demo, models, reports  # noqa: F401  (models: the tables, for Alembic)
from .blueprint import bp
from .labels import conference_status_badges, item_status_badge, label, labels
from .views import archive, bulletins, items, media, press

KEY = "news"
TITLE = "خبر و اطلاع‌رسانی"
ICON = "✎"

# The parts whose records the search box finds, in the order their groups are shown.
SEARCH_PARTS = (items, archive, media, press, bulletins)


@hookimpl
def ravabet_plugin_info():
    return {"key": KEY, "title": TITLE, "icon": ICON, "version": "1.0.0",
            "description": "اخبار و انتشار آن‌ها، آرشیو تصاویر، ارتباط با رسانه‌ها، نشست‌های خبری، "
                           "بولتن ماهانه و تحلیل محتوا"}


@hookimpl
def ravabet_blueprints():
    return bp


@hookimpl
def ravabet_migrations_dir():
    return Path(__file__).parent / "migrations" / "versions"


@hookimpl
def ravabet_permissions():
    return [
        Permission("news.view", _l("See news, the photo archive and media relations"),
                   ("head", "staff", "viewer")),
        Permission("news.edit", _l("Record news, events, media contacts and press conferences"),
                   ("head", "staff")),
        Permission("news.publish", _l("Publish news and approve press conferences"), ("head",)),
        Permission("news.confidential", _l("See and prepare the confidential bulletin"), ("head",)),
        Permission("news.settings", _l("Manage channels, topics and delegated editors"), ("head",)),
    ]


@hookimpl
def ravabet_template_helpers():
    return {"filters": {"news_label": lambda code, group: label(group, code), "item_status_badge": item_status_badge,
                        "conference_status_badges": conference_status_badges},
            "globals": {"news_labels": labels, "news_item_body": items.item_table_body,
                        "news_conference_body": press.conference_table_body, "news_photo_grid": archive.photo_grid}}


@hookimpl
def ravabet_nav_items(user):
    return [{"title": TITLE, "endpoint": "news.index", "permission": "news.view", "icon": ICON, "order": 20}]


@hookimpl
def ravabet_dashboard_metrics(period, user, periods):
    return dashboard.metrics(period, user, periods)


@hookimpl
def ravabet_dashboard_charts(period, user):
    return dashboard.charts(period, user)


@hookimpl
def ravabet_report_items(period):
    return reports.report_items(period)


@hookimpl
def ravabet_calendar_entries(start, end, user):
    if not user_can(user, "news.view"):
        return []
    return [entry for part in (press, archive, media) for entry in part.calendar_entries(start, end, user)]


@hookimpl
def ravabet_search(query, user, limit):
    if not user_can(user, "news.view"):
        return None
    return [group for part in SEARCH_PARTS for group in part.search_groups(query, user, limit)]


@hookimpl
def ravabet_demo_data(session, context):
    demo.seed(session, context)
