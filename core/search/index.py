"""Text indexes that serve ``search_text`` substring searches (``LIKE '%word%'``).

Without one, every search reads the whole table (15,000 news items: tens of ms a word). A
migration gives a searchable table its index with ``create_search_index(op, "news_items")``:

- SQLite: an FTS5 table ``<table>_search`` with the trigram tokenizer over ``search_text``
  (external content: it stores only the index), kept in step by triggers; ``matches`` asks it for
  the row ids (``rowid IN (… LIKE '%word%')``, which FTS5 answers from its index).
- PostgreSQL: a GIN trigram index ``ix_<table>_search_trgm`` (the pg_trgm extension), which the
  planner uses for the same ``LIKE`` on the column itself. Where the extension cannot be created
  (no privilege) the index is left out and searches scan, as before.

A table without an index is searched by scanning, so a plugin that adds none still works.
"""
import logging

from sqlalchemy import column as sql_column
from sqlalchemy import select, table, text

from core.db import db

log = logging.getLogger(__name__)
SUFFIX = "_search"
# FTS5 leaves an ESCAPE clause to a full scan, so a word with LIKE wildcards is matched on the table.
WILDCARDS = ("%", "_")
TRIGRAM = 3  # letters in a trigram: shorter words cannot use the SQLite index
_indexed = {}  # engine url -> names of the tables with an FTS5 index (SQLite)


def _sqlite_ddl(name):
    index = name + SUFFIX
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5(search_text, content='{name}', content_rowid='id', "
        f"tokenize='trigram')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {name} BEGIN "
        f"INSERT INTO {index}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {name} BEGIN "
        f"INSERT INTO {index}({index}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF search_text ON {name} BEGIN "
        f"INSERT INTO {index}({index}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {index}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
    ]


def create_search_index(op, name):
    """Index ``search_text`` of the table ``name`` (in a migration's ``upgrade``)."""
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for statement in _sqlite_ddl(name):
            op.execute(statement)
    elif connection.dialect.name == "postgresql":
        try:
            with connection.begin_nested():
                connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except Exception as error:  # no privilege: searches scan the table
            log.warning("pg_trgm is not available (%s); %s is searched without an index", error, name)
            return
        op.execute(f"CREATE INDEX ix_{name}_search_trgm ON {name} USING gin (search_text gin_trgm_ops)")
    _indexed.clear()


def drop_search_index(op, name):
    """Undo ``create_search_index`` (in a migration's ``downgrade``)."""
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}{SUFFIX}_{trigger}")
        op.execute(f"DROP TABLE IF EXISTS {name}{SUFFIX}")
    else:
        op.execute(f"DROP INDEX IF EXISTS ix_{name}_search_trgm")
    _indexed.clear()


def is_search_index(name, type_):
    """Is this reflected table or index one of these (kept out of Alembic's comparison)?"""
    if type_ == "index":
        return name.endswith("_search_trgm")
    return type_ == "table" and any(name.endswith(SUFFIX + part)
                                    for part in ("", "_data", "_idx", "_docsize", "_config", "_content"))


def _sqlite_indexed():
    url = str(db.engine.url)
    if url not in _indexed:
        rows = db.session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"))
        _indexed[url] = {name.removesuffix(SUFFIX) for (name,) in rows}
    return _indexed[url]


def matches(column, word):
    """``column`` (a ``search_text``) contains ``word``: through the table's index where it has one.
    SQLite's trigram index finds nothing for a word shorter than a trigram (3.40), so those scan."""
    owner = getattr(column, "table", None)
    if (column.key == "search_text" and owner is not None and db.session.get_bind().dialect.name == "sqlite"
            and len(word) >= TRIGRAM and not any(mark in word for mark in WILDCARDS)
            and owner.name in _sqlite_indexed()):
        index = table(owner.name + SUFFIX, sql_column("rowid"), sql_column("search_text"))
        return owner.c.id.in_(select(index.c.rowid).where(index.c.search_text.like(f"%{word}%")))
    return column.contains(word, autoescape=True)
