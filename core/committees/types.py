"""Meeting types: the kit's defaults plus those plugins add with ``ravabet_meeting_types``.

Collected once when the ``committees`` blueprint is registered (after every plugin is loaded);
a plugin whose hook raises or returns a bad or taken key is failed like any boot-time hook."""
import re
import traceback
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from core.extensions import translated

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,49}$")
EXTENSION_KEY = "ravabet_meeting_types"


@dataclass(frozen=True)
class MeetingType:
    key: str
    title: object
    kinds: tuple | None = None  # committee kinds it is offered for; None: every committee

    def offered_for(self, kind):
        return self.kinds is None or kind in self.kinds


DEFAULT_TYPES = (
    MeetingType("general", _l("General meeting")),
    MeetingType("board", _l("Board meeting")),
    MeetingType("training", _l("Training session")),
    MeetingType("critique", _l("Critique session")),
    MeetingType("visit", _l("Visit")),
)


def collect(app):
    """Build the app's table of meeting types from the defaults and every loaded plugin."""
    registry = app.extensions["ravabet_plugins"]
    types = {t.key: t for t in DEFAULT_TYPES}
    for key, items in registry.boot_collect("ravabet_meeting_types"):
        try:
            added = {}
            for item in items:
                type_key = item["key"]
                if not KEY_PATTERN.match(type_key) or type_key in types or type_key in added:
                    raise ValueError(f"meeting type {type_key!r} is invalid or already taken")
                kinds = item.get("kinds", [key])
                added[type_key] = MeetingType(type_key, item["title"], None if kinds == "all" else tuple(kinds))
        except Exception:
            registry.fail(key, traceback.format_exc())
            continue
        types.update(added)
    app.extensions[EXTENSION_KEY] = types


def all_types() -> dict[str, MeetingType]:
    return current_app.extensions[EXTENSION_KEY]


def types_for(kind) -> list[MeetingType]:
    """The types a committee of ``kind`` (None: a plain committee) may hold meetings of."""
    return [t for t in all_types().values() if t.offered_for(kind)]


def type_title(key) -> str:
    found = all_types().get(key)
    return translated(found.title) if found is not None else key
