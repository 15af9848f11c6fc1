"""The plugin's Persian catalog holds every message its code and templates use."""
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

import plugins.news

FOLDER = Path(plugins.news.__file__).parent


def _catalog():
    with open(FOLDER / "translations/fa/LC_MESSAGES/messages.po", "rb") as po_file:
        return read_po(po_file, locale="fa")


def _used():
    with open(FOLDER / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context in extract_from_dir(
                str(FOLDER), method_map, options_map, keywords={**DEFAULT_KEYWORDS, "_l": None})}


def test_every_message_of_the_plugin_has_a_persian_translation():
    catalog = _catalog()
    missing = sorted(m for m in _used() if not (catalog.get(m) and catalog.get(m).string))
    assert not missing, f"add these to translations/fa/LC_MESSAGES/messages.po: {missing}"


def test_the_catalog_holds_no_unused_messages():
    used = _used()
    unused = sorted(m.id for m in _catalog() if m.id and m.id not in used)
    assert not unused, f"remove from the catalog: {unused}"
