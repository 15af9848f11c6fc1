"""Text indexes that serve ``search_text`` substring searches (``LIKE '%word%'``).

Without one, every search reads the whole table (15,000 news items: tens of ms a word). A
migration gives a searchable table its index with ``create_search_index(op, "news_items")``:

- SQLite: an FTS5 table ``<table>_search`` with the trigram tokenizer over ``search_text``
  (external content: it stores only the index), kept in step by triggers; ``matches`` asks it for
  the row ids of all the words at once (``rowid IN (… MATCH '"word" "other"')``). A quoted
  trigram phrase is an exact substring test answered from the index alone; a ``LIKE`` on the
  FTS5 table gives the same rows but reads every candidate's text back from the table to check
  it (a common word: 5 times the time).
- PostgreSQL: a GIN trigram index ``ix_<table>_search_trgm`` (the pg_trgm extension), which the
  planner uses for the same ``LIKE`` on the column itself. Where the extension cannot be created
  (no privilege) the index is left out and searches scan, as before.

A table without an index is searched by scanning, so a plugin that adds none still works. A large
soft-deleted table also gets ``create_live_index`` (SQLite only).
"""
import functools
import logging
import weakref

from sqlalchemy import column as sql_column
from sqlalchemy import and_, bindparam, literal_column, select, table, text, true

from core.db import built_rows, db, like_escaped

log = logging.getLogger(__name__)
SUFFIX = "_search"
LIVE = "_search_live"  # the (id, deleted_at) index of create_live_index
TRIGRAM = 3  # letters in a trigram: shorter words cannot use the SQLite index
COMMON = 200  # rows matching a list's words from which its page reads them in order (matches)
# engine -> names of its tables with an FTS5 index (SQLite): asked ~60 times by a search box
_indexed = weakref.WeakKeyDictionary()


def _sqlite_ddl(name, key):
    index = name + SUFFIX
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5(search_text, content='{name}', content_rowid='{key}', "
        f"tokenize='trigram')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {name} BEGIN "
        f"INSERT INTO {index}(rowid, search_text) VALUES (new.{key}, new.search_text); END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {name} BEGIN "
        f"INSERT INTO {index}({index}, rowid, search_text) VALUES ('delete', old.{key}, old.search_text); END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF search_text ON {name} BEGIN "
        f"INSERT INTO {index}({index}, rowid, search_text) VALUES ('delete', old.{key}, old.search_text); "
        f"INSERT INTO {index}(rowid, search_text) VALUES (new.{key}, new.search_text); END",
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
    ]


def create_search_index(op, name, key="id"):
    """Index ``search_text`` of the table ``name`` (in a migration's ``upgrade``); ``key``: its
    integer primary key (the FTS5 rowid of its rows)."""
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for statement in _sqlite_ddl(name, key):
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


def create_live_index(op, name, *columns):
    """Give the soft-deleted table ``name`` an index of its rows' ``(id, deleted_at)`` on SQLite,
    where ``matches`` hands the rows of a word to the list by id and each is checked against the
    trash: from this index, not from the whole row (1,100 news items of a word: 1.3 → 0.5 ms). On
    PostgreSQL the trigram index's bitmap reads the rows anyway: nothing to add.

    ``columns``: more of the row that a search's count reads, kept in the index too (a sum of the
    matches' photos: read from the row, behind its long text, it took twice the count)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"CREATE INDEX ix_{name}{LIVE} ON {name} ({', '.join(('id', 'deleted_at', *columns))})")


def drop_live_index(op, name):
    """Undo ``create_live_index``."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS ix_{name}{LIVE}")


def is_search_index(name, type_):
    """Is this reflected table or index one of these (kept out of Alembic's comparison)?"""
    if type_ == "index":
        return name.endswith(("_search_trgm", LIVE))
    return type_ == "table" and any(name.endswith(SUFFIX + part)
                                    for part in ("", "_data", "_idx", "_docsize", "_config", "_content"))


def _sqlite_indexed():
    """The names of the tables with an FTS5 index (none but on SQLite)."""
    engine = db.session.get_bind().engine  # the session's engine, or its connection's in a test
    names = _indexed.get(engine)
    if names is None:
        names = frozenset()
        if engine.dialect.name == "sqlite":
            rows = db.session.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"))
            names = frozenset(name.removesuffix(SUFFIX) for (name,) in rows)
        _indexed[engine] = names
    return names


def merge_search_indexes():
    """Merge each FTS5 index into one segment (its ``optimize`` command), with the statistics
    (core.db.refresh_statistics). Rows saved one by one leave an index in many segments, each read
    by every look-up: the 54 probes of a two-word search box took 2.8 ms on 15,000 news items,
    0.7 ms merged. PostgreSQL's GIN indexes need nothing of the kind."""
    for name in sorted(_sqlite_indexed()):
        index = name + SUFFIX
        db.session.execute(text(f"INSERT INTO {index}({index}) VALUES ('optimize')"))


def _phrase(word):
    """``word`` as an FTS5 phrase: quoted, so every character (``%``, ``*``, ``"``…) is literal."""
    return '"' + word.replace('"', '""') + '"'


def indexed_table(column):
    """The name of ``column``'s table when an FTS5 index serves it (a ``search_text`` on SQLite)."""
    if column.key != "search_text":
        return None
    # A mapped attribute's column: asking the attribute for ``table`` costs 20 µs, 60 times a search.
    owner = getattr(getattr(column, "expression", column), "table", None)
    return owner.name if owner is not None and owner.name in _sqlite_indexed() else None


@functools.lru_cache(maxsize=32)
def _held_statement(names, count):
    """``held_words``' statement for the tables ``names`` and ``count`` words, built once: parsing
    its ~50 bound parameters took 0.25 ms a search."""
    return text("SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {name}{SUFFIX} WHERE search_text MATCH :w{i} LIMIT 1)"
                                      for name in names for i in range(count)))


def held_words(words):
    """``{table: the words of words its index holds}`` for every table with an FTS5 index, in one
    statement (each look-up stops at the first row). Words shorter than a trigram are not asked."""
    words = [word for word in words if len(word) >= TRIGRAM]
    names = tuple(sorted(_sqlite_indexed()))
    pairs = [(name, word) for name in names for word in words]
    if not pairs:
        return {}
    # On the session's connection: the ORM's execute adds ~0.1 ms to these index look-ups.
    row = built_rows(_held_statement(names, len(words)),
                     {f"w{i}": _phrase(word) for i, word in enumerate(words)}).one()
    held = {}
    for (name, word), found in zip(pairs, row):
        if found:
            held.setdefault(name, set()).add(word)
    return held


def matches(column, *words, in_order=False):
    """``column`` (a ``search_text``) contains every one of ``words``: through the table's index
    where it has one. SQLite's trigram index finds nothing for a word shorter than a trigram
    (3.40), so those scan.

    ``in_order``, for a page of a list that ``COMMON`` rows or more match: SQLite then reads the
    rows in the order of the list's index and looks each up among the matches, stopping at the
    page's end, where starting from the matches would read and sort them all (2,500 events of a
    common word: 8 → 1 ms). A count, or a rarer word, is quicker from the matches."""
    return _matches(column, indexed_table(column), words, in_order)


def matched_from(statement, column, *words):
    """``statement`` narrowed to its rows whose ``column`` contains every one of ``words``, for a
    count: joined to the rows the FTS5 index matches on SQLite, where ``matches``' ``IN`` first
    gathers and sorts their ids (2,500 events of a common word: 1.6 → 1.2 ms). The same rows
    (an index row per table row); elsewhere, or for words too short for the index, ``matches``."""
    name = indexed_table(column)
    indexed = tuple(word for word in words if len(word) >= TRIGRAM) if name else ()
    if not indexed:
        return statement.where(matches(column, *words))
    rest = tuple(like_escaped(word) for word in words if word not in indexed)
    return _joined(statement, column, name, " ".join(_phrase(word) for word in indexed), rest)


def _joined(statement, column, name, phrases, scanned):
    """``matched_from``'s statement: joined to the FTS5 query ``phrases`` of the index of the table
    ``name``, ``column`` containing each of ``scanned`` (escaped: ``core.db.like_escaped``)."""
    index = _index_table(name)
    statement = statement.join(index, index.c.rowid == _row_key(column)).where(
        index.c.search_text.match(phrases))
    return statement.where(_condition(column, None, None, scanned, False)) if scanned else statement


def search_values(column, words):
    """A search of ``words`` in ``column`` for a statement built once per shape (core.listing):
    ``(shape, values)``, the shape saying which words the index serves and the values to bind
    (``bound_search``). The same SQL as ``matches`` and ``matched_from``."""
    name = indexed_table(column)
    served = tuple(name is not None and len(word) >= TRIGRAM for word in words)
    values = {f"search_word{i}": like_escaped(word) for i, word in enumerate(
        word for word, indexed in zip(words, served) if not indexed)}
    if any(served):
        values["search_phrases"] = " ".join(_phrase(word) for word, indexed in zip(words, served) if indexed)
    return (name, served), values


def bound_search(statement, column, shape, in_order=False, counting=False):
    """``statement`` narrowed to the words of a search of ``shape`` (``search_values``), bound
    at execution: as ``matched_from`` for a ``counting`` statement, else as ``matches``."""
    name, served = shape
    phrases = bindparam("search_phrases") if any(served) else None
    scanned = tuple(bindparam(f"search_word{i}") for i in range(served.count(False)))
    if counting and phrases is not None:
        return _joined(statement, column, name, phrases, scanned)
    return statement.where(_condition(column, name, phrases, scanned, in_order))


def _row_key(column):
    """The integer primary key of ``column``'s table: its FTS5 index's rowid (``id``, or the
    ``meeting_id`` of a meeting's details)."""
    return column.expression.table.primary_key.columns[0]


@functools.lru_cache(maxsize=64)
def _index_table(name):
    """The FTS5 table of the table ``name``, as a FROM for a statement."""
    return table(name + SUFFIX, sql_column("rowid"), sql_column("search_text"))


@functools.lru_cache(maxsize=512)
def _matches(column, name, words, in_order):
    """``matches``' condition for ``column`` served by the index of the table ``name`` (None: by
    none), built once for the same words: building it took 0.1 ms, twice for a list's search (its
    count, then its page in order). A condition is immutable: statements share it safely."""
    indexed = [word for word in words if len(word) >= TRIGRAM] if name else []
    phrases = " ".join(_phrase(word) for word in indexed) if indexed else None
    return _condition(column, name, phrases, tuple(like_escaped(word) for word in words if word not in indexed), in_order)


def _condition(column, name, phrases, scanned, in_order):
    """The rows of the FTS5 query ``phrases`` (None: no word for the index of the table ``name``)
    whose ``column`` contains each of ``scanned`` (escaped: ``core.db.like_escaped``): values or bound
    parameters."""
    conditions = [column.contains(word, escape="/") for word in scanned]
    if phrases is not None:
        index = _index_table(name)
        row_id = _row_key(column)
        row_id = row_id + literal_column("0") if in_order else row_id  # + 0: not a key
        conditions.insert(0, row_id.in_(select(index.c.rowid).where(index.c.search_text.match(phrases))))
    return and_(true(), *conditions)  # true() drops out of the SQL, and stands for no words
