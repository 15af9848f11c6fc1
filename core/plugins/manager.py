"""Plugin discovery, isolation and guarded hook calls.

Plugins are packages under plugins/ (plus folders listed in ``PLUGIN_PATHS``, which join the
``plugins`` package path) and installed distributions declaring the ``ravabet.plugins`` entry
point group. Each is loaded in its own guard: an import error, a misspelt hook or a boot-time hook
that raises marks that plugin as failed and the app starts without it.
"""
import functools
import importlib
import importlib.metadata
import logging
import pkgutil
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pluggy
from flask import current_app
from sqlalchemy import select

import plugins as plugins_package
from core.extensions import request_g
from core.plugins import hookspecs

log = logging.getLogger(__name__)
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
ENTRY_POINT_GROUP = "ravabet.plugins"
PLUGINS_DIR = Path(plugins_package.__file__).resolve().parent
# Keys the core uses for its own URL prefixes and tables; a plugin may not take them.
RESERVED_KEYS = {
    "admin", "static", "login", "logout", "account", "healthz", "directory", "trash", "core",
    "reports", "dashboard", "committees", "search", "calendar", "notifications", "sms", "files",
    "modules", "jobs", "assets", "public", "users", "departments",
}


@dataclass
class PluginRecord:
    key: str
    source: str
    title: str = ""
    icon: str = ""
    version: str = ""
    description: str = ""
    module: object = None
    error: str | None = None
    blueprints: list = field(default_factory=list)
    migrations_dir: str | None = None

    @property
    def loaded(self):
        return self.error is None


class PluginLoadError(Exception):
    pass


class PluginRegistry:
    """One per app (``app.extensions["ravabet_plugins"]``)."""

    def __init__(self):
        self.pm = pluggy.PluginManager("ravabet")
        self.pm.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self.core_names: set[str] = set()
        self.runtime_errors: dict[str, str] = {}
        self.blueprint_modules: dict[str, str] = {}  # blueprint name -> plugin key

    # --- boot --------------------------------------------------------------------------------

    def register_core(self, module):
        name = "core:" + module.__name__
        self.pm.register(module, name=name)
        self.core_names.add(name)

    def discover(self, extra_paths=(), only=None):
        """Find and load every plugin; ``only`` limits loading to the named keys (tests)."""
        folders = [str(PLUGINS_DIR)] + [str(path) for path in extra_paths]
        for folder in folders[1:]:
            if folder not in plugins_package.__path__:
                plugins_package.__path__.append(folder)  # so they import as plugins.<key>
        for info in sorted(pkgutil.iter_modules(folders), key=lambda m: m.name):
            if info.ispkg and not info.name.startswith("_") and (only is None or info.name in only):
                source = "plugins/" if info.module_finder.path == str(PLUGINS_DIR) else info.module_finder.path
                self._load(info.name, source, lambda n=info.name: importlib.import_module(f"plugins.{n}"))
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if only is None or ep.name in only:
                self._load(ep.name, f"entry point {ep.value}", ep.load)

    def _load(self, name, source, importer):
        record = PluginRecord(key=name, source=source)
        try:
            module = importer()
            record.module = module
            if name in self.records or name in RESERVED_KEYS or not KEY_PATTERN.match(name):
                raise PluginLoadError(f"plugin key {name!r} is invalid, reserved or already taken")
            self.pm.register(module, name=name)
            self._check_hook_names(module, name)
            self._read_info(record)
            record.blueprints = self._boot_call(name, "ravabet_blueprints", flatten=True)
            if not record.blueprints or record.blueprints[0].name != name:
                raise PluginLoadError(f"plugin {name!r} must give a blueprint named {name!r}")
            dirs = self._boot_call(name, "ravabet_migrations_dir")
            record.migrations_dir = str(dirs[0]) if dirs and dirs[0] else None
        except Exception:
            record.error = traceback.format_exc()
            log.error("plugin %s failed to load:\n%s", name, record.error)
            if self.pm.has_plugin(name):
                self.pm.unregister(name=name)
        self.records.setdefault(name, record)
        return record

    def _check_hook_names(self, module, name):
        """Catch misspelt hooks: a ravabet_* function must be a known, marked hook."""
        known = {impl.function for caller in self.pm.get_hookcallers(module) or []
                 for impl in caller.get_hookimpls() if impl.plugin_name == name}
        for attr, value in vars(module).items():
            if attr.startswith("ravabet_") and callable(value) and value not in known:
                raise PluginLoadError(
                    f"{attr} is not a Ravabet hook (misspelt, or missing @hookimpl)"
                )
        self.pm.check_pending()

    def _read_info(self, record):
        info = self._boot_call(record.key, "ravabet_plugin_info")
        if not info or not isinstance(info[0], dict):
            raise PluginLoadError("ravabet_plugin_info must return a dict")
        info = info[0]
        if info.get("key") != record.key:
            raise PluginLoadError(f"plugin info key {info.get('key')!r} differs from {record.key!r}")
        record.title = info.get("title") or record.key
        record.icon = info.get("icon", "")
        record.version = str(info.get("version", ""))
        record.description = info.get("description", "")

    def _boot_call(self, name, hook_name, flatten=False):
        results = [impl.function() for impl in getattr(self.pm.hook, hook_name).get_hookimpls()
                   if impl.plugin_name == name]
        if flatten:
            flat = []
            for result in results:
                flat.extend(result if isinstance(result, (list, tuple)) else [result] if result else [])
            return flat
        return results

    def boot_collect(self, hook_name):
        """Call a boot-time hook of every loaded plugin; a plugin whose call raises is failed."""
        collected = []
        for key in list(self.loaded_keys()):
            try:
                for result in self._boot_call(key, hook_name):
                    if result:
                        collected.append((key, result))
            except Exception:
                self.fail(key, traceback.format_exc())
        for name in self.core_names:
            for result in self._boot_call(name, hook_name):
                if result:
                    collected.append((name, result))
        return collected

    def fail(self, key, error):
        log.error("plugin %s failed:\n%s", key, error)
        self.records[key].error = error
        if self.pm.has_plugin(key):
            self.pm.unregister(name=key)

    # --- queries -----------------------------------------------------------------------------

    def loaded_keys(self):
        return [key for key, record in self.records.items() if record.loaded]

    def get(self, key):
        record = self.records.get(key)
        return record if record is not None and record.loaded else None

    def migration_dirs(self):
        return [r.migrations_dir for r in self.records.values() if r.loaded and r.migrations_dir]

    # --- request time --------------------------------------------------------------------------

    def call(self, hook_name, **kwargs):
        """Call a request-time hook on the core and the enabled modules.

        :return: a list of ``(plugin_key, result)`` for the implementations that returned
            something; an implementation that raises is logged and skipped.
        """
        enabled = enabled_modules()
        results = []
        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            name = impl.plugin_name
            if name not in self.core_names and name not in enabled:
                continue
            try:
                result = impl.function(*(kwargs[arg] for arg in impl.argnames))
            except Exception:
                self.runtime_errors[name] = traceback.format_exc()
                log.exception("hook %s of plugin %s failed", hook_name, name)
                continue
            if result is not None:
                results.append((name, result))
        return results

    def call_flat(self, hook_name, **kwargs):
        """Like ``call`` for hooks returning lists: one list of ``(key, item)`` pairs."""
        return [(key, item) for key, items in self.call(hook_name, **kwargs) for item in items]


def registry() -> PluginRegistry:
    return current_app.extensions["ravabet_plugins"]


def enabled_modules():
    """Keys of the loaded plugins whose module is on, read once per request from the database."""
    request_globals = request_g()
    if request_globals is not None and "enabled_modules" in request_globals:
        return request_globals.enabled_modules
    loaded = set(registry().loaded_keys())
    keys = {key for key, (enabled, _department_id) in module_states().items() if enabled and key in loaded}
    if request_globals is not None:
        request_globals.enabled_modules = keys
    return keys


def module_states():
    """``{key: (enabled, department id)}`` of the modules' rows: one small statement per request,
    so every worker process sees a change at once (what the access check and the permissions of
    a department's staff need)."""
    request_globals = request_g()
    if request_globals is not None and "module_states" in request_globals:
        return request_globals.module_states
    from core.db import plain_rows

    states = {key: (enabled, department_id) for key, enabled, department_id in plain_rows(_module_states())}
    if request_globals is not None:
        request_globals.module_states = states
    return states


@functools.cache
def _module_states():
    from core.models import ModuleState

    modules = ModuleState.__table__
    return select(modules.c.key, modules.c.enabled, modules.c.department_id)
