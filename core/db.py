"""The SQLAlchemy instance, the declarative base and the column types and mixins every model uses."""
import functools
from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, ForeignKey, MetaData, TypeDecorator, and_, event
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Engine
from sqlalchemy.orm import (DeclarativeBase, Mapped, Session, make_transient_to_detached, mapped_column,
                            with_loader_criteria)

# Named constraints keep Alembic's batch mode (SQLite) and autogenerate deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def utcnow():
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SoftDeleteMixin:
    """Rows a user deletes go to the trash; queries skip them unless asked with
    ``execution_options(include_deleted=True)`` (see core.trash)."""

    # Not indexed: nearly every row has NULL here, and an index on it lured SQLite's planner away
    # from the date indexes that period queries need.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def soft_delete(self, user=None):
        self.deleted_at = utcnow()
        self.deleted_by_id = getattr(user, "id", None)

    def restore(self):
        self.deleted_at = None
        self.deleted_by_id = None


def _sqlite_from_hint(compiler, table, text):
    """``select().with_hint(table, "INDEXED BY ix_...", "sqlite")`` after the table's name, where
    SQLAlchemy's SQLite compiler drops the hint (it renders them for MySQL and SQL Server alone)."""
    return text


SQLiteCompiler.get_from_hint_text = _sqlite_from_hint


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """Foreign keys on, WAL for concurrent readers, a page cache of 64 MiB, and SAVEPOINT-safe
    transactions.

    SQLite's default cache (2 MiB a connection) holds less than the pages a worker's mix of lists,
    searches and the report reads, so each request read them again from the OS (system time: 0.2–0.4
    ms a request on the benchmark's news mix, none with this cache). It grows only as pages are read.

    pysqlite's own transaction handling breaks SAVEPOINTs (used by the per-test rollback), so the
    driver is put in autocommit mode and SQLAlchemy emits BEGIN itself (see _sqlite_begin)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA cache_size=-65536")  # KiB when negative
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection):
    """SQLite allows one writer: a request that may write (not GET/HEAD) takes the write lock as it
    begins (BEGIN IMMEDIATE, which waits for busy_timeout), because a transaction that read first
    and writes later fails at once ("database is locked") when another connection wrote meanwhile."""
    if connection.dialect.name == "sqlite":
        from flask import has_request_context, request

        writing = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


class DueMixin:
    """A task carried out by ``due_date`` (a resolution, a visit's follow-up action): overdue once
    that day has passed while ``status`` is not "done", in Python and in SQL. The model defines
    both columns."""

    @hybrid_property
    def is_overdue(self):
        from core.jalali import today

        return self.status != "done" and self.due_date is not None and self.due_date < today()

    @is_overdue.inplace.expression
    @classmethod
    def _is_overdue_expression(cls):
        from core.jalali import today

        return cls.overdue_on(today())

    @classmethod
    def overdue_on(cls, day):
        """``is_overdue`` in SQL as of ``day``: a date, or a bound parameter in a statement built
        once (core.db.built_once) that is valued with today's date at each run."""
        return and_(cls.status != "done", cls.due_date.is_not(None), cls.due_date < day)


class SearchableMixin:
    """Keeps ``search_text``, the normalized (core.text.normalize_fa) join of ``__search_fields__``,
    up to date on every flush so searches match ي/ی, ك/ک, digits and ZWNJ variants alike."""

    __search_fields__: tuple[str, ...] = ()
    search_text: Mapped[str] = mapped_column(db.Text, default="")

    def refresh_search_text(self):
        from core.text import normalize_fa

        parts = (getattr(self, name, None) for name in self.__search_fields__)
        self.search_text = normalize_fa(" ".join(str(p) for p in parts if p))


# One option for every query: it holds no state of its own.
_NOT_DELETED = with_loader_criteria(SoftDeleteMixin, lambda cls: cls.deleted_at.is_(None), include_aliases=True)


@event.listens_for(Session, "do_orm_execute")
def _skip_deleted_rows(state):
    """Soft-deleted rows are invisible to every ORM query unless asked for with
    ``execution_options(include_deleted=True)`` (the trash does); a ``built_once`` statement
    carries the criteria already."""
    options = state.execution_options
    if (state.is_select and not state.is_column_load and not options.get("include_deleted", False)
            and not options.get("deleted_rows_skipped", False)):
        state.statement = state.statement.options(_NOT_DELETED)


def built_once(build):
    """``build`` (a function of hashable arguments that returns a select) run once per arguments,
    its statement kept and reused: for a statement run on every request whose varying values are
    bound parameters given at execution (``core.stats.in_period``). Building a statement of a few
    aggregates costs more than running it, and so does its cache key, computed afresh at each run
    of a new statement (and of one the soft-delete criteria are added to: they go in here, once,
    so such a statement never reads the trash). Pass only arguments that live as long as the app
    (model attributes, constants): each new one keeps a statement."""
    @functools.cache
    @functools.wraps(build)
    def statement(*args):
        return skipping_deleted(build(*args))

    return statement


def skipping_deleted(statement):
    """``statement`` with the soft-delete criteria in it, for a statement kept and reused (see
    ``built_once``), which ``built_rows`` may run."""
    return statement.options(_NOT_DELETED).execution_options(deleted_rows_skipped=True)


def built_rows(statement, params=None, session=None):
    """The rows of a ``built_once`` statement of columns (not of model instances), run on the
    session's connection (``db.session`` unless given): it carries its soft-delete criteria
    already, and the ORM's execute around it costs more than a small aggregate (~100 µs). Pending
    changes are flushed first, as the session's autoflush would."""
    session = session or db.session
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement, params)


def like_escaped(word):
    """``word`` as literal text in a LIKE pattern escaped with '/': what ``contains(word,
    autoescape=True)`` binds, for a statement built once whose words are bound at execution
    (``contains(bindparam(...), escape="/")``), where ``autoescape`` refuses a bound parameter."""
    return word.replace("/", "//").replace("%", "/%").replace("_", "/_")


def plain_rows(statement, **params):
    """Run a Core statement on the session's connection, without the ORM's execute (its events,
    the soft-delete criteria, the autoflush: 100 µs a statement, 15 µs so): for the few small
    statements every request runs, on tables without a trash."""
    return db.session.connection().execute(statement, params)


def loaded(model, row):
    """The ``model`` instance of a row of its table's columns (read with ``plain_rows``) as if the
    session had loaded it: persistent in the session, nothing to flush. The columns go straight
    into the instance's state, as the ORM's loading does, past the constructor's attribute events
    (which make_transient_to_detached would discard as committed anyway: 35 → 20 µs)."""
    instance = model._sa_class_manager.new_instance()
    instance._sa_instance_state.dict.update(row._mapping)
    make_transient_to_detached(instance)
    db.session.add(instance)
    return instance


def get_or_404(model, ident):
    """The row with this primary key, or a 404; a row in the trash counts as missing (``session.get``
    alone would return it from the identity map)."""
    from flask import abort

    obj = db.session.get(model, ident)
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        abort(404)
    return obj


def refresh_statistics():
    """Refresh the query planner's statistics (ANALYZE). SQLite keeps none until told, and then
    picks plans that read a large table whole (the photo archive's 150,000 rows) where an index
    would read a page; run after large loads and daily (docs/operations.md). SQLite's text indexes
    are merged then too (core.search.index.merge_search_indexes)."""
    from core.search.index import merge_search_indexes  # core.search imports this module

    connection = db.session.connection()  # the session's, so it also runs inside a test's transaction
    merge_search_indexes()  # first: ANALYZE then counts the merged index's pages
    connection.exec_driver_sql("ANALYZE")
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA optimize")
    db.session.commit()

