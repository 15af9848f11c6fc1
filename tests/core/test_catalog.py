"""The Persian catalog is complete and clean: every message the core's code and templates use is
translated, and the catalog holds nothing they no longer use."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "core/translations/fa/LC_MESSAGES/messages.po"
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2),
            "_h": ((1, "c"), 2), "pgettext": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2)}


def extracted_messages():
    """{(msgid, context): file} for every message of the core's Python code and templates."""
    method_map = [("core/**.py", "python"), ("config.py", "python"), ("templates/**.html", "jinja2")]
    messages = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, keywords=KEYWORDS):
        if "scaffold/template" in filename:  # the scaffold's templates belong to generated plugins
            continue
        msgid = message[0] if isinstance(message, tuple) else message
        messages.setdefault((msgid, context), filename)
    return messages


def _catalog():
    with open(CATALOG, "rb") as handle:
        return read_po(handle, locale="fa")


def test_every_core_message_has_a_persian_translation():
    catalog = _catalog()
    missing = []
    for (msgid, context), where in extracted_messages().items():
        entry = catalog.get(msgid, context=context)
        if entry is None or not entry.string or entry.fuzzy:
            missing.append(f"{msgid!r} ({where})")
    assert not missing, "untranslated messages:\n" + "\n".join(sorted(missing))


def test_catalog_holds_no_unused_messages():
    used = extracted_messages()
    unused = [f"{m.id!r}" for m in _catalog() if m.id and (m.id, m.context) not in used]
    assert not unused, "remove from the catalog:\n" + "\n".join(unused)


def test_a_message_reads_the_same_in_every_catalog():
    """The core's and the plugins' catalogs are merged into one at run time (the last one loaded
    wins), so a msgid translated two ways would change the wording of the other's pages: a
    plugin that needs other words uses another msgid."""
    catalogs = {"core": CATALOG, **{path.parents[3].name: path
                                    for path in sorted(ROOT.glob("plugins/*/translations/fa/LC_MESSAGES/messages.po"))}}
    seen, conflicts = {}, []
    for name, path in catalogs.items():
        with open(path, "rb") as handle:
            for message in read_po(handle, locale="fa"):
                if not message.id or not message.string:
                    continue
                first = seen.setdefault((message.id, message.context), (name, message.string))
                if first[1] != message.string:
                    conflicts.append(f"{message.id!r}: {first[0]} «{first[1]}», {name} «{message.string}»")
    assert not conflicts, "\n".join(conflicts)
