"""The plugin's one blueprint, ``news``, mounted under /news/; the views modules add its routes.
Its pages show the section tabs below (core.sections)."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from core.sections import Section, add_section_tabs

bp = Blueprint("news", __name__, template_folder="templates")

add_section_tabs(bp, (
    Section("items", "news.index", _l("The news items"), "news.view"),
    Section("archive", "news.events", _l("Photo archive"), "news.view"),
    Section("captions", "news.captions", _l("Captions and clips"), "news.view"),
    Section("media", "news.outlets", _l("Media relations"), "news.view"),
    Section("press", "news.conferences", _l("Press conferences"), "news.view"),
    Section("announcements", "news.announcements", _l("Event announcements"), "news.view"),
    Section("bulletins", "news.bulletins", _l("Bulletins"), "news.view"),
    Section("analysis", "news.analysis", _l("Content analysis"), "news.view"),
    Section("settings", "news.settings", _l("Settings"), "news.settings"),
), section_of={"imports": "items", "feeds": "settings"})
