"""Generate a working plugin from the files in core/scaffold/template/ (``flask plugin new``).

Every file there is a ``string.Template`` named ``<name>.tmpl``: ``$key``, ``$title``, ``$rev``,
``$core_rev``, ``$day`` and ``$create_date`` are replaced in its path and its text, and ``.tmpl``
is dropped. ``template/plugin`` becomes ``<dest>/<key>/``, ``template/tests`` becomes
``<tests_dest>/<key>/``.
"""
from datetime import datetime
from pathlib import Path
from string import Template

from alembic.script import ScriptDirectory
from alembic.util import rev_id
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from core.plugins.manager import KEY_PATTERN, RESERVED_KEYS
from core.text import clean_text

BASE_DIR = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = Path(__file__).resolve().parent / "template"
SUFFIX = ".tmpl"


class ScaffoldError(Exception):
    """A plugin cannot be generated; the message says why."""


def check_key(key):
    if not KEY_PATTERN.match(key):
        raise ScaffoldError(
            f"{key!r} is not a valid plugin key: use 2 to 31 lower-case letters, digits and "
            "underscores, starting with a letter (it becomes the URL prefix, table prefix and "
            "migration branch)")
    if key in RESERVED_KEYS:
        raise ScaffoldError(f"{key!r} is reserved by the core; choose another key")


def check_title(title):
    """The Persian title, normalized; it is written into a Python string literal."""
    title = clean_text(title or "")
    if not title or any(c in title for c in "\"\\"):
        raise ScaffoldError("the title must be non-empty Persian text without quotes or backslashes")
    return title


def core_head():
    """The newest revision of the core's Alembic branch, which the plugin's first one depends on,
    as Python source for ``depends_on`` (a tuple while the core has several heads, e.g. when two
    changes to the core are being developed side by side)."""
    versions = BASE_DIR / "migrations" / "versions"
    heads = sorted(ScriptDirectory(str(versions.parent), version_locations=[str(versions)]).get_heads())
    return repr(heads[0]) if len(heads) == 1 else repr(tuple(heads))


def _render(source_root, target_root, values):
    written = []
    for source in sorted(source_root.rglob("*" + SUFFIX)):
        relative = Template(str(source.relative_to(source_root))).substitute(values)
        target = target_root / relative.removesuffix(SUFFIX)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(Template(source.read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
        written.append(target)
    return written


def compile_catalogs(plugin_dir):
    """Compile the plugin's .po files, as ``pybabel compile`` (and ``make setup``) would."""
    for po_path in plugin_dir.glob("translations/*/LC_MESSAGES/*.po"):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, catalog)


def generate(key, title, dest, tests_dest):
    """Write plugin ``key`` to ``dest/key`` and its tests to ``tests_dest/key``.

    :return: the paths written.
    :raises ScaffoldError: for an invalid or reserved key, or when either folder exists.
    """
    check_key(key)
    title = check_title(title)
    plugin_dir, tests_dir = Path(dest) / key, Path(tests_dest) / key
    for folder in (plugin_dir, tests_dir):
        if folder.exists():
            raise ScaffoldError(f"{folder} already exists; refusing to overwrite it")
    now = datetime.now()
    values = {
        "key": key,
        "title": title,
        "rev": rev_id(),
        "core_rev": core_head(),
        "day": now.strftime("%Y%m%d"),  # the revision file is named like migrations/alembic.ini says
        "create_date": now.isoformat(sep=" ", timespec="seconds"),
    }
    written = _render(TEMPLATE_DIR / "plugin", plugin_dir, values)
    written += _render(TEMPLATE_DIR / "tests", tests_dir, values)
    package_marker = Path(tests_dest) / "__init__.py"
    if not package_marker.exists():  # so pytest names the module tests.plugins.<key>.test_<key>
        package_marker.touch()
        written.append(package_marker)
    compile_catalogs(plugin_dir)
    return written
