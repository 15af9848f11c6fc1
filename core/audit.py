"""The audit log, written by one SQLAlchemy session hook for every model.

Models opt out with ``__audit__ = False`` and hide columns with ``__audit_exclude__``. A change
of ``deleted_at`` is logged as ``delete`` (to the trash) or ``restore``; a real row deletion as
``purge``. The acting user is the logged-in user, or ``g.audit_user_id`` (CLI, jobs).
"""
import datetime
import decimal
import enum

from flask import g, has_app_context, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from core.db import SearchableMixin, utcnow

_installed = False
# Columns that carry no information of their own.
IGNORED_COLUMNS = {"created_at", "updated_at", "search_text", "deleted_by_id"}


def install():
    global _installed
    if not _installed:
        event.listen(Session, "before_flush", _refresh_search_text)
        event.listen(Session, "after_flush", _write_audit_rows)
        _installed = True


def _refresh_search_text(session, flush_context, instances):
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, SearchableMixin):
            obj.refresh_search_text()


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


def _columns(obj):
    excluded = IGNORED_COLUMNS | set(getattr(obj, "__audit_exclude__", ()))
    return [attr for attr in inspect(obj).mapper.column_attrs if attr.key not in excluded]


def _snapshot(obj):
    return {attr.key: _jsonable(getattr(obj, attr.key)) for attr in _columns(obj)}


def _changes(obj):
    state = inspect(obj)
    before, after = {}, {}
    for attr in _columns(obj):
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                before[attr.key], after[attr.key] = _jsonable(old), _jsonable(new)
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
    identity = inspect(obj).identity
    return "-".join(str(v) for v in identity) if identity else None


def _write_audit_rows(session, flush_context):
    from core.models import AuditLog

    rows = []
    now = utcnow()
    user_id = _actor_id()
    for obj in session.new:
        if _audited(obj):
            rows.append(("create", obj, {"after": _snapshot(obj)}))
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
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
