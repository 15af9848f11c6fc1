"""The plugin system: hookspecs, discovery and the per-app registry."""
from core.plugins.hookspecs import hookimpl
from core.plugins.manager import PluginRecord, PluginRegistry, enabled_modules, registry

__all__ = ["PluginRecord", "PluginRegistry", "enabled_modules", "hookimpl", "registry"]
