"""The steps of create_app: configuration, extensions, plugins, blueprints and request hooks."""
import logging
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url

import config as config_module
from core.extensions import babel, csrf, db, htmx, login_manager, migrate
from core.permissions import CORE_PERMISSIONS, PermissionTable
from core.plugins.manager import PluginRegistry

BASE_DIR = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


def configure(app: Flask, test_config=None):
    config_class = config_module.config_class()
    if test_config is not None and test_config.get("TESTING"):
        config_class = config_module.TestingConfig
    app.config.from_object(config_class)
    if test_config:
        app.config.update(test_config)
    if hasattr(config_class, "check"):
        config_class.check(app.config)
    _without_ping_on_sqlite(app.config)
    app.instance_path = app.config["INSTANCE_DIR"]
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    logging.basicConfig(level=logging.INFO if not app.config["TESTING"] else logging.WARNING)


def _without_ping_on_sqlite(config):
    """No ``pool_pre_ping`` on SQLite: a file has no server to drop the connection, so the ping
    would be a wasted statement at each request's checkout. A database server keeps it."""
    options = config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}
    if "pool_pre_ping" in options and make_url(config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() == "sqlite":
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {key: value for key, value in options.items() if key != "pool_pre_ping"}


def init_plugins(app: Flask):
    from core import nav
    from core.calendar import hooks as calendar_hooks
    from core.committees import hooks as committee_hooks
    from core.notifications import hooks as notification_hooks
    from core.search import directory as directory_search
    from core.search import reports as reports_search
    from core.search import users as users_search
    from core.sms import hooks as sms_hooks

    registry = PluginRegistry()
    app.extensions["ravabet_plugins"] = registry
    registry.register_core(nav)
    registry.register_core(committee_hooks)
    registry.register_core(calendar_hooks)
    for module in (directory_search, reports_search, users_search, notification_hooks):
        registry.register_core(module)
    registry.register_core(sms_hooks)
    registry.discover(extra_paths=app.config["PLUGIN_PATHS"], only=app.config.get("PLUGINS_ONLY"))

    table = PermissionTable()
    app.extensions["ravabet_permissions"] = table
    for permission in CORE_PERMISSIONS:
        table.add(permission)
    for key, permissions in registry.boot_collect("ravabet_permissions"):
        for permission in permissions:
            table.add(permission, module=None if key.startswith("core:") else key)


def init_core(app: Flask):
    import core.models  # noqa: F401  (register the core's tables)
    from core import audit, blueprints, cli, jobs, pages, security, templating

    registry = app.extensions["ravabet_plugins"]
    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True,
                     compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    translation_dirs = [str(BASE_DIR / "core" / "translations")]
    for record in registry.records.values():
        plugin_translations = Path(record.module.__file__).parent / "translations" if record.loaded else None
        if plugin_translations is not None and plugin_translations.is_dir():
            translation_dirs.append(str(plugin_translations))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_dirs)
    babel.init_app(app, locale_selector=lambda: "fa", timezone_selector=lambda: "Asia/Tehran")

    audit.install()
    security.init_app(app)
    templating.init_app(app)
    blueprints.register(app)
    pages.init_app(app)
    cli.init_app(app)
    jobs.init_app(app)


@migrate.configure
def _plugin_version_locations(alembic_config):
    """Add each loaded plugin's revision folder to Alembic's version locations."""
    import os

    from flask import current_app

    dirs = [str(BASE_DIR / "migrations" / "versions")]
    dirs += current_app.extensions["ravabet_plugins"].migration_dirs()
    alembic_config.set_main_option("version_locations", os.pathsep.join(dirs))
    return alembic_config
