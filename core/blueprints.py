"""Registers the core's blueprints and every loaded plugin's blueprint under /<key>/."""
import traceback

from core.admin import bp as admin_bp
from core.audit_views import bp as audit_bp
from core.committees.blueprint import bp as committees_bp
from core.auth import bp as auth_bp
from core.calendar import bp as calendar_bp
from core.dashboard import bp as dashboard_bp
from core.directory import bp as directory_bp
from core.jobs import bp as jobs_bp
from core.modules_views import bp as modules_bp
from core.notifications import bp as notifications_bp
from core.pages import bp as pages_bp
from core.photos.blueprint import bp as files_bp
from core.reports import bp as reports_bp
from core.search import bp as search_bp
from core.sms import bp as sms_bp
from core.trash import bp as trash_bp

CORE_BLUEPRINTS = [
    (pages_bp, None),
    (auth_bp, None),
    (modules_bp, "/modules"),
    (admin_bp, "/admin"),
    (directory_bp, "/directory"),
    (audit_bp, "/admin/audit"),
    (trash_bp, "/trash"),
    (committees_bp, "/committees"),
    (dashboard_bp, "/dashboard"),
    (reports_bp, "/reports"),
    (files_bp, "/files"),
    (jobs_bp, "/jobs"),
    (calendar_bp, "/calendar"),
    (search_bp, None),
    (notifications_bp, "/notifications"),
    (sms_bp, "/sms"),
]


def register(app):
    for blueprint, prefix in CORE_BLUEPRINTS:
        app.register_blueprint(blueprint, url_prefix=prefix)
    registry = app.extensions["ravabet_plugins"]
    for key in registry.loaded_keys():
        record = registry.records[key]
        try:
            for blueprint in record.blueprints:
                app.register_blueprint(blueprint, url_prefix=f"/{key}")
                registry.blueprint_modules[blueprint.name] = key
        except Exception:
            registry.fail(key, traceback.format_exc())
