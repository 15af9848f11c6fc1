"""The Persian catalog is complete: every message the core's code and templates use is translated."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}


def extracted_messages():
    method_map = [("core/**.py", "python"), ("config.py", "python"), ("templates/**.html", "jinja2")]
    messages = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, keywords=KEYWORDS):
        if "scaffold/template" in filename:  # the scaffold's templates belong to generated plugins
            continue
        msgid = message[0] if isinstance(message, tuple) else message
        messages.setdefault(msgid, filename)
    return messages


def test_every_core_message_has_a_persian_translation():
    with open(ROOT / "core/translations/fa/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle, locale="fa")
    missing = sorted(f"{msgid!r} ({where})" for msgid, where in extracted_messages().items()
                     if not catalog.get(msgid) or not catalog.get(msgid).string or catalog.get(msgid).fuzzy)
    assert not missing, "untranslated messages:\n" + "\n".join(missing)
