"""The plugin's one blueprint, ``news``, mounted under /news/; the views modules add its routes.
Its templates get the plugin's record and its section tabs (templates/news/_tabs.html)."""
from flask import Blueprint, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from core.permissions import user_can
from core.plugins import registry

bp = Blueprint("news", __name__, template_folder="templates")

# The sections: (views module, the section's first page, title, permission). A page belongs to
# the section of the views module that holds it; SECTION_OF maps the modules without a tab.
TABS = (
    ("items", "news.index", _l("The news items"), "news.view"),
    ("archive", "news.events", _l("Photo archive"), "news.view"),
    ("captions", "news.captions", _l("Captions and clips"), "news.view"),
    ("media", "news.outlets", _l("Media relations"), "news.view"),
    ("press", "news.conferences", _l("Press conferences"), "news.view"),
    ("announcements", "news.announcements", _l("Event announcements"), "news.view"),
    ("bulletins", "news.bulletins", _l("Bulletins"), "news.view"),
    ("analysis", "news.analysis", _l("Content analysis"), "news.view"),
    ("settings", "news.settings", _l("Settings"), "news.settings"),
)
SECTION_OF = {"imports": "items", "feeds": "settings"}


def _current_section():
    view = current_app.view_functions.get(request.endpoint)
    module = (getattr(view, "__module__", "") or "").rpartition(".")[2]
    return SECTION_OF.get(module, module)


def news_tabs():
    """[(endpoint, title, current)] of the sections the user may open."""
    current = _current_section()
    return [(endpoint, title, section == current) for section, endpoint, title, permission in TABS
            if user_can(current_user, permission)]


@bp.context_processor
def plugin_record():
    """``plugin`` (the title and icon of ravabet_plugin_info) and ``news_tabs`` in the templates."""
    return {"plugin": registry().get(bp.name), "news_tabs": news_tabs}
