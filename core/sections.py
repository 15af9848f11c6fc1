"""Section tabs: the row of links to a module's sections that base.html draws above each page of
its blueprint, the current section marked.

    add_section_tabs(bp, [Section("items", "news.index", _l("The news items"), "news.view"), ...],
                     section_of={"imports": "items"})

A page belongs to the section named like the views module that holds it (``…views.items`` →
"items"); ``section_of`` maps the other modules, ``endpoint_prefixes`` maps endpoints by prefix (the
committee kit's pages mounted in a plugin). The templates also get ``plugin``, the plugin's record
(the title and icon of ``ravabet_plugin_info``)."""
from dataclasses import dataclass

from flask import current_app, request
from flask_login import current_user

from core.permissions import user_can
from core.plugins import registry


@dataclass(frozen=True)
class Section:
    key: str
    endpoint: str
    title: object
    permission: str


def current_section(section_of=None, endpoint_prefixes=None):
    """The key of the section of the current request's view."""
    endpoint = request.endpoint or ""
    for prefix, key in (endpoint_prefixes or {}).items():
        if endpoint.startswith(prefix):
            return key
    view = current_app.view_functions.get(endpoint)
    module = (getattr(view, "__module__", "") or "").rpartition(".")[2]
    return (section_of or {}).get(module, module)


def add_section_tabs(bp, sections, *, section_of=None, endpoint_prefixes=None):
    """Show ``sections`` (a sequence of ``Section``) as tabs on every page of ``bp``; a user sees
    the sections whose permission they hold."""
    sections = tuple(sections)

    def section_tabs():
        current = current_section(section_of, endpoint_prefixes)
        return [(s.endpoint, s.title, s.key == current) for s in sections if user_can(current_user, s.permission)]

    @bp.context_processor
    def _section_context():
        return {"plugin": registry().get(bp.name), "section_tabs": section_tabs}

    return section_tabs
