"""Photo counts kept on the owners' records, so that a list of records (or a sum over thousands of
them) reads one column instead of counting the photos on every request.

An owner names the column once: ``register_attachment_owner("news_events", ..., photo_count=Event.frames)``.
From then on every flush that adds photos to a record, moves them to the trash or back, purges
them or gives them to another record recounts those records' photos outside the trash in the same
transaction: uploads and imports (jobs too), the trash and its restore and purge, alike. A caption
or a new place in the set changes no count and costs nothing.

Rows written without the ORM (a bulk INSERT, a script) are not seen: recount after them with
``recount_photos()`` or ``flask photos recount`` (docs/operations.md).
"""
import click
from flask.cli import with_appcontext
from sqlalchemy import event, func, inspect, select, update
from sqlalchemy.orm import Session

from core.attachments import photo_count_columns
from core.db import db
from core.photos.models import Photo

_SET_KEYS = ("entity", "entity_id", "deleted_at")  # what puts a photo in a record's count, or out


def _count_statement(entity, column, ids=None):
    """Set ``column`` of the records (all, or those of ``ids``) to their photos outside the trash.
    On the tables, not the ORM: a count is not an edit of the record, so its ``onupdate``
    timestamps keep their values, and the ORM's trash criteria are spelt out."""
    table = column.table
    key = table.primary_key.columns.values()[0]
    photos = Photo.__table__
    count = (select(func.count()).where(photos.c.entity == entity, photos.c.entity_id == key,
                                        photos.c.deleted_at.is_(None)).scalar_subquery())
    kept = {stamp: stamp for stamp in table.c if stamp.onupdate is not None}
    statement = update(table).values({column: count, **kept})
    return statement if ids is None else statement.where(key.in_(sorted(ids)))


def _changed_sets(session) -> dict[str, set]:
    """``{entity: {entity id}}`` of the photo sets the flush changed (before and after a move)."""
    changed = {}
    for photo in (*session.new, *session.deleted):
        if isinstance(photo, Photo):
            changed.setdefault(photo.entity, set()).add(photo.entity_id)
    for photo in session.dirty:
        if not isinstance(photo, Photo):
            continue
        attrs = inspect(photo).attrs
        histories = [attrs[name].history for name in _SET_KEYS]
        if any(history.has_changes() for history in histories):
            entity, entity_id = histories[0], histories[1]
            changed.setdefault(photo.entity, set()).add(photo.entity_id)
            old_entity = entity.deleted[0] if entity.deleted else photo.entity
            changed.setdefault(old_entity, set()).add(entity_id.deleted[0] if entity_id.deleted else photo.entity_id)
    return changed


@event.listens_for(Session, "after_flush")
def _recount_changed_sets(session, _context):
    changed = _changed_sets(session)
    columns = photo_count_columns() if changed else {}
    for entity, ids in changed.items():
        column = columns.get(entity)
        if column is None:
            continue
        connection = session.connection()
        # The records locked first: a transaction adding photos to the same record waits for this
        # one's commit, and then counts them (PostgreSQL's next statement sees what was committed;
        # SQLite lets one writer at a time anyway).
        key = column.expression.table.primary_key.columns.values()[0]
        connection.execute(select(key).where(key.in_(sorted(ids))).with_for_update())
        connection.execute(_count_statement(entity, column.expression, ids))
        # The records loaded in this session read their new count on next access.
        mapper = column.parent
        for entity_id in ids:
            record = session.identity_map.get(mapper.identity_key_from_primary_key([entity_id]))
            if record is not None:
                session.expire(record, [column.key])


def recount_photos(entity=None):
    """Recount the photos of every record of the owners that keep a count (or of ``entity`` alone),
    after photo rows were written without the ORM. The caller commits."""
    for counted, column in photo_count_columns().items():
        if entity in (None, counted):
            db.session.execute(_count_statement(counted, column.expression))


@click.group("photos")
def photos_group():
    """Photo sets of records."""


@photos_group.command("recount")
@click.option("--entity", default=None, help="Only the records of this table (e.g. news_events).")
@with_appcontext
def recount_command(entity):
    """Recount the photos kept on the records (after photos were loaded without the app)."""
    recount_photos(entity)
    db.session.commit()
    click.echo("photo counts recounted")
