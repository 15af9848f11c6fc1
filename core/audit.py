"""The audit log, written by one SQLAlchemy session hook for every model.

Models opt out with ``__audit__ = False`` and hide columns or collections with
``__audit_exclude__``. A change of ``deleted_at`` is logged as ``delete`` (to the trash) or
``restore``; a real row deletion as ``purge``. A change of a many-to-many collection (a
relationship with a ``secondary`` table, e.g. a department's members) is logged on the object
whose collection changed, as an ``update`` whose before/after are the lists of the related
objects' ``str()``. The acting user is the logged-in user, or ``g.audit_user_id`` (CLI, jobs).

Labels shown on the audit and trash pages: a model names itself in Persian with a class
attribute ``__label__`` (a lazy_gettext string) and its fields with ``__field_labels__``
(``{attribute: label}``); the core's own tables and common field names have built-in labels
(``CORE_ENTITY_LABELS``, ``COMMON_FIELD_LABELS``). See ``entity_label`` and ``field_label``.
"""
import datetime
import decimal
import enum

from flask import g, has_app_context, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import NO_VALUE

from core.db import SearchableMixin, db, utcnow

_installed = False
# Columns that carry no information of their own.
IGNORED_COLUMNS = {"created_at", "updated_at", "search_text", "deleted_by_id"}
_OLD_VALUES = "audit_old_values"  # session.info key: {state: {column: value}} for one flush


def install():
    global _installed
    if not _installed:
        event.listen(Session, "before_flush", _refresh_search_text)
        event.listen(Session, "before_flush", _read_unloaded_old_values)
        event.listen(Session, "after_flush", _write_audit_rows)
        _installed = True


def _refresh_search_text(session, flush_context, instances):
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, SearchableMixin):
            obj.refresh_search_text()


def _read_unloaded_old_values(session, flush_context, instances):
    """A column set while it was expired (typically after a commit) keeps no old value in its
    history; read those from the database before the flush overwrites them."""
    session.info[_OLD_VALUES] = old_values = {}
    for obj in session.dirty:
        state = inspect(obj)
        if not _audited(obj) or state.key is None:
            continue
        unloaded = [attr for attr in _columns(obj) if state.committed_state.get(attr.key) is NO_VALUE]
        if unloaded:
            keys = zip(state.mapper.primary_key, state.identity, strict=True)
            row = session.connection().execute(
                select(*(attr.columns[0] for attr in unloaded)).where(*(c == v for c, v in keys))).first()
            if row is not None:
                old_values[state] = dict(zip((attr.key for attr in unloaded), row, strict=True))


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes>"
    return value


def _audited(obj):
    return getattr(obj, "__audit__", True) and hasattr(obj, "__table__")


def _excluded(obj):
    return IGNORED_COLUMNS | set(getattr(obj, "__audit_exclude__", ()))


def _columns(obj):
    excluded = _excluded(obj)
    return [attr for attr in inspect(obj).mapper.column_attrs if attr.key not in excluded]


def _collections(obj):
    """The many-to-many relationships of ``obj`` (those kept in a secondary table)."""
    excluded = _excluded(obj)
    return [rel for rel in inspect(obj).mapper.relationships
            if rel.secondary is not None and not rel.viewonly and rel.key not in excluded]


def _labels(objects):
    return sorted(str(item) for item in objects)


def _snapshot(obj):
    snapshot = {attr.key: _jsonable(getattr(obj, attr.key)) for attr in _columns(obj)}
    state = inspect(obj)
    for rel in _collections(obj):
        if state.dict.get(rel.key):  # only a collection the code filled; never load one here
            snapshot[rel.key] = _labels(state.dict[rel.key])
    return snapshot


def _changes(obj, old_values):
    state = inspect(obj)
    before, after = {}, {}
    for attr in _columns(obj):
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else old_values.get(state, {}).get(attr.key)
            new = history.added[0] if history.added else None
            if old != new:
                before[attr.key], after[attr.key] = _jsonable(old), _jsonable(new)
    for rel in _collections(obj):
        # Only a loaded collection has a history (the side the code changed); the other side of
        # a back_populates pair has pending changes only, so one change is not logged twice.
        history = state.attrs[rel.key].history
        if history.added or history.deleted:
            old = _labels([*history.unchanged, *history.deleted])
            new = _labels([*history.unchanged, *history.added])
            if old != new:
                before[rel.key], after[rel.key] = old, new
    return before, after


def _actor_id():
    if has_app_context() and g.get("audit_user_id"):
        return g.audit_user_id
    if has_request_context():
        from flask_login import current_user

        if current_user and current_user.is_authenticated:
            return current_user.id
    return None


def _identity(obj):
    # New objects get their identity only after the flush; their primary key is set already.
    state = inspect(obj)
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    return "-".join(str(v) for v in identity) if identity and None not in identity else None


def _write_audit_rows(session, flush_context):
    from core.models import AuditLog

    rows = []
    now = utcnow()
    user_id = _actor_id()
    old_values = session.info.pop(_OLD_VALUES, {})
    for obj in session.new:
        if _audited(obj):
            rows.append(("create", obj, {"after": _snapshot(obj)}))
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj):
            before, after = _changes(obj, old_values)
            if not after:
                continue
            action = "update"
            if "deleted_at" in after:
                action = "delete" if after["deleted_at"] else "restore"
            rows.append((action, obj, {"before": before, "after": after}))
    for obj in session.deleted:
        if _audited(obj):
            rows.append(("purge", obj, {"before": _snapshot(obj)}))
    if rows:
        session.connection().execute(AuditLog.__table__.insert(), [
            {"at": now, "user_id": user_id, "action": action, "entity": obj.__tablename__,
             "entity_id": _identity(obj), "summary": str(obj)[:300], "changes": changes}
            for action, obj, changes in rows
        ])


# --- labels for the audit log and the trash -------------------------------------------------

ACTION_LABELS = {
    "create": _l("Created"),
    "update": _l("Edited"),
    "delete": _l("Moved to the trash"),
    "restore": _l("Restored from the trash"),
    "purge": _l("Deleted permanently"),
}
CORE_ENTITY_LABELS = {
    "users": _l("User"),
    "departments": _l("Department"),
    "organizations": _l("Organization"),
    "people": _l("Person"),
    "modules": _l("Module state"),
    "role_permissions": _l("Role permission"),
}
COMMON_FIELD_LABELS = {
    "id": _l("Identifier"),
    "name": _l("Name"),
    "title": _l("Title"),
    "first_name": _l("First name"),
    "last_name": _l("Last name"),
    "full_name": _l("Full name"),
    "username": _l("Username"),
    "national_code": _l("National code"),
    "mobile": _l("Mobile"),
    "phone": _l("Phone"),
    "email": _l("Email"),
    "address": _l("Address"),
    "city": _l("City"),
    "type": _l("Type"),
    "position": _l("Position"),
    "photo": _l("Photo"),
    "organization_id": _l("Organization"),
    "department_id": _l("Department"),
    "head_id": _l("Head"),
    "members": _l("Members"),
    "departments": _l("Departments"),
    "role": _l("Role"),
    "permission": _l("Permission"),
    "granted": _l("Granted"),
    "active": _l("Active"),
    "enabled": _l("On"),
    "must_change_password": _l("Must change password"),
    "key": _l("Key"),
    "description": _l("Description"),
    "status": _l("Status"),
    "notes": _l("Notes"),
    "deleted_at": _l("Moved to the trash at"),
}


def model_for_table(table_name):
    """The mapped class whose table is ``table_name``, or None (a dropped or unloaded model)."""
    if table_name not in _models_by_table:  # built on first use, again for a table not seen yet
        _models_by_table.update({mapper.local_table.name: mapper.class_ for mapper in db.Model.registry.mappers
                                 if mapper.inherits is None and mapper.local_table is not None})
        _models_by_table.setdefault(table_name, None)
    return _models_by_table[table_name]


_models_by_table = {}


def entity_label(table_name):
    """The Persian name of what a table holds: the model's ``__label__``, the core's label, or
    the table name itself."""
    model = model_for_table(table_name)
    label = getattr(model, "__label__", None) if model is not None else None
    return label or CORE_ENTITY_LABELS.get(table_name, table_name)


def field_label(model, key):
    """The Persian name of a model's attribute: ``__field_labels__``, then the common labels."""
    labels = getattr(model, "__field_labels__", None) or {}
    return labels.get(key) or COMMON_FIELD_LABELS.get(key, key)
