"""Lists that filter, search, sort and paginate from query-string arguments.

The same arguments drive a plain link (no JavaScript) and an htmx request that swaps only the
results block; counting is done in SQL.
"""
import copy
import math
from collections import defaultdict
from dataclasses import dataclass
from types import FunctionType
from urllib.parse import urlencode

from flask import current_app, request
from sqlalchemy import bindparam, false, func, inspect, select

from core.db import built_once, built_rows, skipping_deleted
from core.jalali import JalaliDateError, parse_jalali_date
from core.search.index import COMMON, bound_search, matched_from, matches, search_values
from core.text import normalize_fa, to_ascii_digits


# From this many rows skipped, a page's rows are read by a deferred join (ListQuery._page_statement).
DEFERRED_JOIN_OFFSET = 500
# The statements a list keeps, one per shape (ListQuery.page).
MAX_SHAPES = 64


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int
    sort: str
    args: dict
    capped: bool = False  # more rows than ListQuery.max_count: ``total`` is that cap
    sums: dict | None = None  # ListQuery.page(sums=...): each sum over the rows counted

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    def url(self, **changes):
        """The current list's URL with some arguments changed (``None`` removes one)."""
        args = {**self.args, **changes}
        query = urlencode({k: v for k, v in args.items() if v not in (None, "")})
        return request.path + ("?" + query if query else "")

    def sort_url(self, key):
        return self.url(sort=("-" + key) if self.sort == key else key, page=None)

    def sort_state(self, key):
        """``ascending``, ``descending`` or None: for aria-sort and the arrow in the header."""
        if self.sort == key:
            return "ascending"
        if self.sort == "-" + key:
            return "descending"
        return None


# Filters for ``ListQuery(filters=...)``: each takes the statement and the argument's text, or is
# a BoundFilter, which does the same and lets the list build its statements once per shape.

NOTHING = object()  # a BoundFilter's parse: the text matches no row
IGNORED = object()  # a BoundFilter's parse: the filter is left out (a mistyped date)


class BoundFilter:
    """A filter whose condition goes into statements built once per list and shape (which
    filters are present, see ListQuery.page), its value bound at execution: building a filtered
    count and page and their cache keys cost about as much as running them (0.6 ms a page).

    :param parse: the argument's text → the value to bind, ``NOTHING`` or ``IGNORED``.
    :param apply: ``(statement, value) → statement``, ``value`` a bound parameter (or the value
        itself when the filter is called as a plain one: ``ListQuery.filtered``).
    """

    __slots__ = ("parse", "apply")

    def __init__(self, parse, apply):
        self.parse = parse
        self.apply = apply

    def __call__(self, statement, text):
        value = self.parse(text)
        if value is IGNORED:
            return statement
        return statement.where(false()) if value is NOTHING else self.apply(statement, value)


def record_id(value):
    """An id typed in the query string (any digits), or None."""
    text = to_ascii_digits(value or "").strip()
    return int(text) if text.isdigit() else None


def parse_id(text):
    """A BoundFilter's parse of an id (Persian digits welcome): anything else matches nothing."""
    found = record_id(text)
    return NOTHING if found is None else found


def where(condition):
    """A BoundFilter's apply: ``condition(value)`` narrows the statement."""
    return lambda statement, value: statement.where(condition(value))


def id_filter(target):
    """An id argument (Persian digits welcome): ``target`` is a column (``column == id``) or a
    function of the id giving the condition. A value that is not an id matches nothing."""
    return BoundFilter(parse_id, where(target if isinstance(target, FunctionType) else (lambda found: target == found)))


def code_filter(column, codes):
    """``column == code`` for one of ``codes``; anything else matches nothing."""
    return BoundFilter(lambda text: text if text in codes else NOTHING, where(lambda code: column == code))


def _parsed_date(text):
    try:
        return parse_jalali_date(text)
    except JalaliDateError:
        return IGNORED


def date_filter(compare):
    """A filter on a Jalali date (any digits): ``compare(day)`` is the condition. A mistyped date
    filters nothing; the list's filter form shows its error."""
    return BoundFilter(_parsed_date, where(compare))


def date_range(column, start="start", end="end"):
    """The ``start`` and ``end`` filters (Jalali, both days included) on a date column."""
    return {start: date_filter(lambda day: column >= day), end: date_filter(lambda day: column <= day)}


def distinct_values(column, name="distinct_values"):
    """A ``select`` of the distinct non-null values of ``column`` for a filter's choices, found by
    hopping through the column's index from one value to the next (one lookup per value) where
    ``DISTINCT`` reads every row: the record types of 350,000 audit rows, the 12 officials of
    15,000 news items. ``column`` must lead an index; use the result in ``column.in_(...)``."""
    found = select(func.min(column).label("value")).cte(name, recursive=True)
    following = select(func.min(column)).where(column > found.c.value).scalar_subquery()
    found = found.union_all(select(following).where(found.c.value.is_not(None)))
    return select(found.c.value).where(found.c.value.is_not(None))


@built_once
def _of_ids(statement):
    return statement.where(statement.selected_columns[0].in_(bindparam("ids", expanding=True)))


def grouped_rows(session, statement, ids):
    """``{id: [row, ...]}``: the rows of ``statement`` (a ``select`` whose first column is the
    parent's id, kept for the life of the app: a module's constant) for the ``ids`` of a page. A
    list's related names loaded as plain rows, where a ``selectinload`` builds and tracks an ORM
    object for each (the officials and channels of 25 news items: 2.5 ms → 1 ms); the statement
    for a list of ids is built once (``core.db.built_once``), the ids bound at each run."""
    found = defaultdict(list)
    if ids:
        for row in built_rows(_of_ids(statement), {"ids": list(ids)}, session):
            found[row[0]].append(row)
    return found


def sort_columns(sort, descending):
    """ORDER BY terms for a sort of ``ListQuery.sorts``: one column or a tuple of them."""
    columns = sort if isinstance(sort, tuple) else (sort,)
    return [column.desc() if descending else column.asc() for column in columns]


class ListQuery:
    """Describe a list once: its base statement, search column, filters and sortable columns.

    :param statement: a ``select()`` of the model, or of columns (the first of the model's table)
        for a page of plain rows, where a page shows a few columns of many rows (48 photos).
    :param search_column: a column holding ``normalize_fa`` text (``SearchableMixin.search_text``).
    :param filters: ``{arg_name: function(statement, value) -> statement}``, or a ``BoundFilter``
        (``id_filter``, ``code_filter``, ``date_range``…), which lets the list's statements be built
        once per shape of the filters present.
    :param sorts: ``{arg_name: column or tuple of columns}`` (a tuple matching an index lets the
        database read the rows in order); ``default_sort`` is one of them, ``-name`` for descending.
    :param count_filters: ``{arg_name: function(statement, value) -> statement}``: a filter's shape
        for the count alone, where the rows counted are cheaper to find another way than the page's
        (a join from an index to them, where the page's EXISTS stops at its last row in order); a
        ``BoundFilter``'s, a ``BoundFilter`` of the same parse.
    :param max_count: count at most this many rows (the page then says "more than"), for lists so
        long that an exact count on every request would cost more than the page itself.
    """

    def __init__(self, statement, *, search_column=None, filters=None, sorts=None, default_sort=None,
                 count_filters=None, max_count=None):
        self.statement = statement
        self.max_count = max_count
        self.search_column = search_column
        self.filters = filters or {}
        self.count_filters = count_filters or {}
        self.sorts = sorts or {}
        self.default_sort = default_sort
        self._of_columns = len(statement.column_descriptions) > 1
        self._key = inspect(statement.column_descriptions[0]["entity"]).primary_key
        self._built = {}  # the list's statements, built once per shape (see page)

    def with_options(self, *options):
        """The same list loading more (``selectinload`` of what only its export shows, say)."""
        other = copy.copy(self)
        other.statement = self.statement.options(*options)
        other._built = {}
        return other

    def rows(self, session, statement, params=None, built=False):
        """What ``statement`` (this list's, filtered and sorted) reads: the model's instances, or
        plain rows when the list selects columns (a ``built`` one on the session's connection)."""
        if self._of_columns:
            return (built_rows(statement, params, session) if built else session.execute(statement, params)).all()
        return session.scalars(statement, params).unique().all()

    def _words(self, args):
        query = (args.get("q") or "").strip()
        return normalize_fa(query).split() if query and self.search_column is not None else []

    def filtered(self, args, in_order=False, counting=False):
        statement = self.statement
        words = self._words(args)
        if words and counting:
            statement = matched_from(statement, self.search_column, *words)
        elif words:
            statement = statement.where(matches(self.search_column, *words, in_order=in_order))
        for name, apply in self.filters.items():
            value = (args.get(name) or "").strip()
            if value:
                statement = (self.count_filters.get(name, apply) if counting else apply)(statement, value)
        return statement

    def _shape(self, args):
        """``(shape, values)``: which of the filters and search ``args`` ask for are present and
        how (``_bound_filtered``), and the values to bind; ``(None, None)`` when a filter present
        is a plain function, which the list's statements then take as it is, built per request."""
        present, values = [], {}
        for name, apply in self.filters.items():
            text = (args.get(name) or "").strip()
            if not text:
                continue
            if not (isinstance(apply, BoundFilter) and isinstance(self.count_filters.get(name, apply), BoundFilter)):
                return None, None
            value = apply.parse(text)  # a count filter parses as its list's filter
            if value is IGNORED:
                continue
            if value is not NOTHING:
                values["filter_" + name] = value
            present.append((name, value is NOTHING))
        search = None
        words = self._words(args)
        if words:
            search, found = search_values(self.search_column, words)
            values.update(found)
        return (search, tuple(present)), values

    def _bound_filtered(self, shape, in_order=False, counting=False):
        """``filtered`` for a ``shape`` of ``_shape``, its values bound parameters."""
        search, present = shape
        statement = self.statement
        if search is not None:
            statement = bound_search(statement, self.search_column, search, in_order=in_order, counting=counting)
        for name, nothing in present:
            if nothing:
                statement = statement.where(false())
            else:
                apply = self.count_filters.get(name, self.filters[name]) if counting else self.filters[name]
                statement = apply.apply(statement, bindparam("filter_" + name))
        return statement

    def _count_statement(self, filtered, sums):
        # Counted by the primary key alone: the database may then count from an index, and a capped
        # count does not read 10,000 whole rows (the audit log's changes: 4 ms → 0.5 ms).
        counted = filtered.order_by(None).with_only_columns(
            *self._key, *(expression.label(name) for name, expression in sums.items()),
            maintain_column_froms=True)
        if self.max_count is not None:  # stop counting early on very long lists
            counted = counted.limit(self.max_count + 1)
        counted = counted.subquery()
        return select(func.count(), *(func.coalesce(func.sum(counted.c[name]), 0) for name in sums)).select_from(counted)

    def _page_statement(self, statement, sort, deferred):
        """The statement of a page's rows (``statement`` filtered), sorted by ``sort`` (a key of
        ``sorts``, ``-key`` for descending, or None), its bounds bound at execution (``limit``
        and ``offset``). Far down a list (``deferred``), a deferred join: the page's ids found by
        the filtered and sorted statement reading the key alone (from an index where one covers
        the order), then only their rows read, in the same order. The plain OFFSET reads every
        skipped row whole (the last page of 15,000 news items: 30 → 1 ms)."""
        primary_key = self._key
        order = sort_columns(self.sorts[sort.lstrip("-")], sort.startswith("-")) if sort else []
        # The primary key last, so rows with equal sort values keep one order from page to page.
        order = [*order, *primary_key]
        statement = statement.order_by(*order)
        bounds = bindparam("limit"), bindparam("offset")
        if not deferred or len(primary_key) != 1:
            return statement.limit(bounds[0]).offset(bounds[1])
        ids = statement.with_only_columns(*primary_key, maintain_column_froms=True).limit(bounds[0]).offset(bounds[1])
        return self.statement.where(primary_key[0].in_(ids)).order_by(*order)

    def _built_statement(self, key, build, *args):
        """A statement of the list built once for its shape: ``key`` says which. The oldest goes
        past ``MAX_SHAPES`` (searches of ever more words would each keep one)."""
        statement = self._built.get(key)
        if statement is None:
            statement = build(*args)
            if not self.statement.get_execution_options().get("include_deleted", False):
                statement = skipping_deleted(statement)
            if len(self._built) >= MAX_SHAPES:
                del self._built[next(iter(self._built))]
            self._built[key] = statement
        return statement

    def page(self, session, args=None, per_page=None, sums=None):
        """The page of rows ``args`` ask for. ``sums``: ``{name: expression of a row}`` summed over
        the rows by the count's statement (``Page.sums``), where a statement of their own would
        find the rows again (the events' frames of a search: 1.3 ms); its expressions live as long
        as the list (model attributes): the statement is kept for them.

        The count and the page are read by statements built once per shape of the list (which
        filters are present, the search's words, the sort…), their values bound at each run, where
        building them and their cache keys cost about as much as running them (the news items'
        count and page: 0.5 ms); those of a list with a plain function among its filters present
        are built per request."""
        args = request.args if args is None else args
        per_page = per_page or current_app.config["PAGE_SIZE"]
        sums = sums or {}
        shape, values = self._shape(args)
        if shape is not None:
            counting = self._built_statement(("count", shape, tuple(sums.items())), lambda: self._count_statement(
                self._bound_filtered(shape, counting=True), sums))
            total, *summed = built_rows(counting, values, session).one()
        else:
            total, *summed = session.execute(self._count_statement(self.filtered(args, counting=True), sums)).one()
        capped = self.max_count is not None and total > self.max_count
        total = min(total, self.max_count) if capped else total
        sort = args.get("sort") or self.default_sort
        if not (sort and sort.lstrip("-") in self.sorts):
            sort = None
        pages = max(1, math.ceil(total / per_page))
        raw_page = to_ascii_digits(args.get("page") or "1")
        number = min(max(int(raw_page), 1), pages) if raw_page.isdigit() else 1
        bounds = {"limit": per_page, "offset": (number - 1) * per_page}
        deferred = bounds["offset"] >= DEFERRED_JOIN_OFFSET
        # A common word's matches are read in the page's order (see matches).
        in_order = total >= COMMON and bool(self._words(args))
        if shape is not None:
            statement = self._built_statement(("page", shape, sort, deferred, in_order), lambda: self._page_statement(
                self._bound_filtered(shape, in_order=in_order), sort, deferred))
            items = self.rows(session, statement, {**values, **bounds}, built=True)
        else:
            items = self.rows(session, self._page_statement(self.filtered(args, in_order=in_order), sort, deferred),
                              bounds)
        kept = {k: v for k, v in args.items() if k in self.filters or k in ("q", "sort", "page")}
        return Page(items=items, total=total, page=number, per_page=per_page, sort=sort or "", args=kept,
                    capped=capped, sums=dict(zip(sums, summed)))
