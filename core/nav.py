"""The core's own navigation entries, through the same hook the plugins use."""
from flask_babel import lazy_gettext as _l

from core.plugins.hookspecs import hookimpl


# The same for every user and request (the titles are lazy, translated when shown; the layout
# filters by permission): built once instead of on every full page.
NAV_ITEMS = (
    {"title": _l("Home"), "endpoint": "pages.home", "order": 0, "icon": "⌂"},
    {"title": _l("Directory"), "endpoint": "directory.people", "permission": "directory.view",
     "order": 80, "icon": "☷"},
    {"title": _l("Performance dashboard"), "endpoint": "dashboard.index", "permission": "dashboard.view",
     "order": 10, "icon": "▥", "section": "reports"},
    {"title": _l("Committees"), "endpoint": "committees.index", "permission": "committees.view",
     "order": 75, "icon": "⚑"},
    {"title": _l("Activity report"), "endpoint": "reports.index", "permission": "reports.view",
     "order": 20, "icon": "▤", "section": "reports"},
    {"title": _l("Calendar"), "endpoint": "calendar.month", "permission": "calendar.view",
     "order": 65, "icon": "▦"},
    {"title": _l("SMS"), "endpoint": "sms.outbox", "permission": "sms.view", "order": 85, "icon": "✉"},
    {"title": _l("Module settings"), "endpoint": "modules.settings", "permission": "modules.toggle",
     "order": 10, "section": "admin"},
    {"title": _l("Users"), "endpoint": "admin.users", "permission": "users.manage",
     "order": 20, "section": "admin"},
    {"title": _l("Departments"), "endpoint": "admin.departments", "permission": "departments.manage",
     "order": 30, "section": "admin"},
    {"title": _l("Modules"), "endpoint": "admin.modules", "permission": "departments.manage",
     "order": 40, "section": "admin"},
    {"title": _l("Role permissions"), "endpoint": "admin.roles", "permission": "roles.manage",
     "order": 50, "section": "admin"},
    {"title": _l("Holidays and occasions"), "endpoint": "calendar.holidays", "permission": "calendar.manage",
     "order": 55, "section": "admin"},
    {"title": _l("Audit log"), "endpoint": "audit.log", "permission": "audit.view",
     "order": 60, "section": "admin"},
    {"title": _l("Trash"), "endpoint": "trash.index", "permission": "trash.manage",
     "order": 70, "section": "admin"},
    {"title": _l("Background jobs"), "endpoint": "jobs.index", "permission": "jobs.manage",
     "order": 80, "section": "admin"},
)


@hookimpl
def ravabet_nav_items(user):
    return NAV_ITEMS
