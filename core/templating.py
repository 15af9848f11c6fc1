"""Jinja set-up: Persian/Jalali filters, globals for navigation and permissions, plugin helpers."""
from dataclasses import dataclass

from flask import current_app, get_flashed_messages, request
from flask_login import current_user
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from markupsafe import Markup, escape

from core import jalali, text
from core.exporting import table_body
from core.extensions import request_translations, translated
from core.permissions import ROLE_TITLES, user_can
from core.plugins.manager import enabled_modules
from core.urls import fixed_url, row_url


def init_app(app):
    env = app.jinja_env
    env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    env.globals["_"] = _gettext
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.filters.update(
        jdate=jalali.format_date,
        jdatetime=jalali.format_datetime,
        fa_num=text.fa_number,
        fa_digits=text.to_fa_digits,
        role_title=lambda role: ROLE_TITLES.get(role, role),
    )
    env.globals.update(
        can=lambda code, department_id=None: user_can(current_user, code, department_id),
        nav_items=nav_items,
        organization_name=lambda: current_app.config["ORGANIZATION_NAME"],
        module_enabled=lambda key: key in enabled_modules(),
        get_flashed_messages=get_flashed_messages,
        today=jalali.today,
        row_url=row_url,
        url_for=fixed_url,
        columns_table_body=table_body,
    )
    registry = app.extensions["ravabet_plugins"]
    for _key, helpers in registry.boot_collect("ravabet_template_helpers"):
        env.filters.update(helpers.get("filters", {}))
        env.globals.update(helpers.get("globals", {}))

    @app.context_processor
    def ui_macros():
        # The shared macros as a global, so blocks rendered alone (htmx fragments) see them too.
        return {"ui": env.get_template("macros/ui.html").module}


@pass_context
def _gettext(context, string, **variables):
    """The templates' ``_()``: Jinja's newstyle gettext, straight to the request's catalog (Jinja
    resolves ``gettext`` and calls it through the context twice: 9 µs → 3 µs; a list page has a
    hundred)."""
    message = request_translations().ugettext(string)
    if context.eval_ctx.autoescape:
        message = Markup(message)
    # Formatted as Jinja's, "%%" a "%" with or without values; without either it is unchanged.
    return message % variables if variables or "%" in message else message


@dataclass(slots=True)
class NavItem:
    """A navigation entry as the layout draws it: attributes, since Jinja looks a dict's keys up
    only after failing to find an attribute (1.5 µs → 0.3 µs a read; the layout reads a hundred)."""
    title: Markup
    url: str
    icon: str | None
    section: str
    order: int
    module: str


def nav_items(section="main"):
    """The navigation entries of ``section`` from the core and the enabled modules the user may see."""
    return [item for item in _all_nav_items() if item.section == section]


def _all_nav_items():
    """Every section's entries, gathered once per request (the layout asks for three sections)."""
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return []
    # Kept with the request, not in g: a test's outer application context would share g between
    # requests (another user, a module turned off).
    environ = request.environ
    cached = environ.get("ravabet.nav_items")
    if cached is not None:
        return cached
    registry = current_app.extensions["ravabet_plugins"]
    items = []
    for key, item in registry.call_flat("ravabet_nav_items", user=user):
        permission = item.get("permission")
        if permission and not user_can(user, permission):
            continue
        try:
            url = fixed_url(item["endpoint"], **item.get("url_args", {}))
        except Exception:  # a bad endpoint from one plugin must not break every page
            current_app.logger.exception("nav item of %s has a bad endpoint", key)
            continue
        # The title translated and escaped once (as the page would: a lazy message is taken as
        # markup), since it is sorted on and shown.
        items.append(NavItem(_markup(item["title"]), url, item.get("icon"), item.get("section", "main"),
                             item.get("order", 100), key))
    items.sort(key=lambda i: (i.order, i.title))
    environ["ravabet.nav_items"] = items
    return items


def _markup(title):
    """``escape(title)``, a lazy message read from the request's catalog (``translated``): escape
    takes a lazy string as markup, through Flask-Babel's slow lookup."""
    return Markup(translated(title)) if isinstance(title, LazyString) else escape(title)
