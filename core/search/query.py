"""The search query and the bounded look-up every module's ``ravabet_search`` runs.

Text is compared in its ``core.text.normalize_fa`` form on both sides: the query's words here,
the rows' ``search_text`` columns (``SearchableMixin``) when they are saved. So ي/ی, ك/ک, Persian,
Arabic-Indic and Latin digits, ZWNJ and diacritics never stand between a user and a record.

Each group costs at most two queries whatever the size of the table: the first ``limit`` rows,
and a count that stops at ``COUNT_CAP`` (shown as «بیش از ۱۰۰»). A word is a substring test
(``LIKE '%word%'``), served by the table's text index where a migration gave it one
(core.search.index) and otherwise a scan that the LIMITs keep bounded. On SQLite one statement
first asks every text index which of the words it holds: a group whose table lacks a word runs
no query at all (most of the 25 groups, for most searches).
"""
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from sqlalchemy import and_, bindparam, false, func, inspect, or_, select
from sqlalchemy.sql.elements import False_

from core.db import built_once, built_rows, db, skipping_deleted
from core.permissions import user_can
from core.search.index import TRIGRAM, held_words, indexed_table, matches
from core.text import clean_text, normalize_fa

MAX_QUERY_LENGTH = 100
MAX_WORDS = 6
MIN_LENGTH = 2
COUNT_CAP = 100


@dataclass(frozen=True)
class SearchQuery:
    """What the user typed: ``text`` (cleaned, at most ``MAX_QUERY_LENGTH`` characters, for a
    module's own list URL ``?q=``) and ``words`` (its normalized words, at most ``MAX_WORDS``)."""

    text: str
    words: tuple[str, ...]

    @classmethod
    def parse(cls, raw):
        text = (clean_text(raw or "") or "")[:MAX_QUERY_LENGTH].strip()
        words = []
        for word in normalize_fa(text).split():
            if word not in words:
                words.append(word)
        return cls(text=text, words=tuple(words[:MAX_WORDS]))

    @property
    def usable(self):
        """Long enough to search: a single letter would match nearly every row."""
        return sum(len(word) for word in self.words) >= MIN_LENGTH

    def match(self, *columns):
        """A condition: every word appears in one of ``columns`` (columns holding normalized text,
        such as ``SearchableMixin.search_text``). ``false()`` when the text indexes show a word in
        none of them: ``search_group`` then runs nothing."""
        indexes = [indexed_table(column) for column in columns]
        columns_of = {word: [column for column, name in zip(columns, indexes) if self._may_hold(name, word)]
                      for word in self.words}
        if not all(columns_of.values()):
            return false()
        if len(columns) == 1:  # all the words in one look-up of the column's index
            return matches(columns[0], *self.words)
        return and_(*(or_(*(matches(column, word) for column in columns_of[word])) for word in self.words))

    @cached_property
    def _held(self):
        """Which words each text index holds, asked once for the whole search (core.search.index)."""
        return held_words(self.words)

    def _may_hold(self, name, word):
        """May the column whose text index is ``name`` (None: it has none) hold ``word``?"""
        return name is None or len(word) < TRIGRAM or word in self._held.get(name, ())

    def __str__(self):
        return self.text


def capped_count(statement, cap=COUNT_CAP):
    """The number of rows of ``statement``, counting no further than ``cap + 1``."""
    limited = statement.order_by(None).limit(cap + 1).subquery()
    return db.session.scalar(select(func.count()).select_from(limited))


def _ruled_out(statement):
    """Is ``statement``'s WHERE false (``SearchQuery.match`` found a word in no index)?"""
    clause = statement.whereclause
    return isinstance(getattr(clause, "element", clause), False_)


def _rows(statement, limit):
    """``statement``'s first ``limit`` rows and their total (counted no further than ``COUNT_CAP + 1``)."""
    rows = db.session.scalars(statement.limit(limit)).unique().all()
    return rows, len(rows) if len(rows) < limit else capped_count(statement)


def found_group(key, title, rows, total, hit, more_url, permission):
    """The group as ``ravabet_search`` returns it (None: no rows); ``more_url`` is asked for (a
    function: called) only when there are rows."""
    if not rows:
        return None
    group = {"key": key, "title": title, "hits": [hit(row) for row in rows], "total": total,
             "more_url": more_url() if callable(more_url) else more_url}
    if permission:
        group["permission"] = permission
    return group


def search_group(key, title, statement, *, limit, hit, more_url=None, permission=None):
    """Run one group of a module's search and describe it as ``ravabet_search`` returns it.

    :param key: the group's id within the module (``"people"``).
    :param title: its Persian title (``«افراد»``).
    :param statement: a ``select()`` already filtered with ``query.match(...)`` (and by what the
        user may see) and ordered; it is run with ``LIMIT limit``.
    :param limit: the most hits to return.
    :param hit: a function turning one row into a hit dict (``title``, ``url``, optional
        ``detail`` and ``date``).
    :param more_url: the module's own list filtered by the query, for «همه نتیجه‌ها».
    :param permission: a code the user must hold to see the group (checked again by the core).
    :return: the group dict, or None when nothing matched.

    ``SearchGroup`` is the lazy form: nothing is built for a group whose words no index holds.
    """
    if _ruled_out(statement):
        return None
    return found_group(key, title, *_rows(statement, limit), hit, more_url, permission)


@dataclass(frozen=True)
class SearchGroup:
    """A group of a module's search that the core runs only if it may match: what
    ``ravabet_search`` returns instead of ``search_group``'s dict. The core first asks the text
    indexes (``SearchQuery.match``) whether every word is in one of ``columns``; only then does it
    build the statement and the link (most groups of a search hold none of its words, and building
    their statements cost the search box ~0.2 ms each).

    :param key, title, hit, permission: as for ``search_group``.
    :param columns: the searched columns (``Item.search_text``, ...), for ``query.match``.
    :param statement: a function of that match condition returning the ordered ``select()``
        (``lambda match: select(Item).where(match).order_by(Item.date.desc())``).
    :param more_url: a function returning the module's own list filtered by the query (or None).
    :param by_id: for a large table whose searches often match more than ``limit`` rows: the
        matches' ids read once in order (``COUNT_CAP + 1`` at most, their number the total) and
        the page's rows by id, instead of the rows and a count each searching the text (15,000
        news items, a common word: 5.1 → 2.2 ms).
    :param reads: with ``by_id``, the columns ``hit`` reads (the id among them): the page's rows
        are then these columns' plain rows (``row.title``) read by a statement built once, not
        model instances (a news item's whole row, its body included, loaded into the session).
    :param kept: with ``by_id``, ``statement`` is a module-level function of the match condition
        alone (not of the user, the query or the request): the statement of the matches' ids is
        then kept per condition, which ``SearchQuery.match`` reuses for the same words (building
        the statement and its cache key cost ~0.15 ms a group).
    """

    key: str
    title: object
    columns: tuple
    statement: Callable
    hit: Callable
    more_url: Callable | None = None
    permission: str | None = None
    by_id: bool = False
    reads: tuple = ()
    kept: bool = False

    def run(self, query, limit):
        """The group's dict as ``search_group`` gives it, or None (no statement when no index
        holds a word)."""
        match = query.match(*self.columns)
        if isinstance(match, False_):
            return None
        rows, total = self._rows_by_id(match, limit) if self.by_id else _rows(self.statement(match), limit)
        return found_group(self.key, self.title, rows, total, self.hit, self.more_url, self.permission)

    def _rows_by_id(self, match, limit):
        key, matching = (_kept_ids_statement if self.kept else _ids_statement)(self.statement, match)
        # On the session's connection, the trash's criteria in the statement: the ORM's execute
        # added ~0.1 ms to these ids.
        ids = built_rows(matching).scalars().all()
        if not ids:
            return [], 0
        if self.reads:
            return _plain_rows_of(key, self.reads, ids[:limit]), len(ids)
        return db.session.scalars(self.statement(key.in_(ids[:limit]))).unique().all(), len(ids)


def _ids_statement(build, match):
    """The primary key of ``build(match)``'s model and the statement of its first ``COUNT_CAP +
    1`` ids in order, with the trash's criteria."""
    statement = build(match)
    mapper = inspect(statement.column_descriptions[0]["entity"])
    # The mapped attribute, not the table's column: the trash's criteria follow the entity.
    key = mapper.get_property_by_column(mapper.primary_key[0]).class_attribute
    return key, skipping_deleted(statement.with_only_columns(key).limit(COUNT_CAP + 1))


# A kept group's statement for the conditions of the last searches: an immutable statement of
# its function and condition alone (SearchGroup.kept); the conditions are cached per words.
_kept_ids_statement = lru_cache(maxsize=256)(_ids_statement)


@built_once
def _columns_by_id(key, columns):
    return select(*columns).where(key.in_(bindparam("ids", expanding=True)))


def _plain_rows_of(key, columns, ids):
    """The rows of ``columns`` whose ``key`` is one of ``ids``, in the order of ``ids``."""
    rows = {getattr(row, key.key): row for row in built_rows(_columns_by_id(key, columns), {"ids": ids})}
    return [rows[id_] for id_ in ids if id_ in rows]


def run_groups(groups, query, user, limit):
    """A ``ravabet_search`` answer's groups as dicts: each ``SearchGroup`` the user may see run,
    those matching nothing left out; a group given as a dict kept as it is."""
    ran = []
    for group in groups:
        if isinstance(group, SearchGroup):
            if group.permission and not user_can(user, group.permission):
                continue
            group = group.run(query, limit)
        if group is not None:
            ran.append(group)
    return ran
