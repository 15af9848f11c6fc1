"""The trash: soft-deleted rows of every model, with restore and (admins only) permanent deletion.

The registry of trashable models is SQLAlchemy's own: every mapped class with SoftDeleteMixin
(core.db) and a one-column primary key is listed, the core's and the plugins' alike, named by
``core.audit.entity_label``. A plugin's tables carry its key as prefix (``<key>_``): their rows
are listed only while the module is on, and a department head sees the core's rows and those of
the modules assigned to their departments. Restoring and purging are audited by core.audit.
"""
import math
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, abort, current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import String, cast, func, literal, select, union_all
from sqlalchemy.exc import IntegrityError

from core.audit import entity_label
from core.db import SoftDeleteMixin, db
from core.listing import Page
from core.models import User
from core.permissions import module_department, permission_required
from core.plugins.manager import enabled_modules, registry
from core.rendering import redirect_to, render
from core.text import to_ascii_digits

bp = Blueprint("trash", __name__)


@dataclass
class TrashRow:
    entity: str
    item_id: str
    label: str
    item: object
    deleted_at: datetime
    deleted_by: User | None


def trashable_models():
    """``{table name: model}`` of every model whose rows go to the trash."""
    models = {}
    for mapper in db.Model.registry.mappers:
        if (mapper.inherits is None and issubclass(mapper.class_, SoftDeleteMixin)
                and len(mapper.primary_key) == 1):
            models[mapper.local_table.name] = mapper.class_
    return dict(sorted(models.items()))


def module_key(table, plugin_keys):
    """The plugin a table belongs to by its ``<key>_`` prefix (the longest key wins), or None
    for the core's tables."""
    owners = [key for key in plugin_keys if table.startswith(key + "_")]
    return max(owners, key=len) if owners else None


def visible_tables(tables, plugin_keys, enabled, allowed_module):
    """The tables whose rows the trash shows: the core's, and those of modules that are on and
    that ``allowed_module(key)`` lets the user see."""
    return [table for table in tables
            if (key := module_key(table, plugin_keys)) is None or (key in enabled and allowed_module(key))]


def _allowed_module(key):
    if current_user.is_admin:
        return True
    return module_department(key) in current_user.department_ids()


def _user_models():
    models = trashable_models()
    tables = visible_tables(models, registry().records, enabled_modules(), _allowed_module)
    return {table: models[table] for table in tables}


def _primary_key(model):
    return model.__mapper__.primary_key[0]


def _deleted_rows(models):
    """One statement over every model's trash: entity, item id (as text), deleted at and by."""
    parts = [select(literal(table, String).label("entity"), cast(_primary_key(model), String).label("item_id"),
                    model.deleted_at.label("deleted_at"), model.deleted_by_id.label("deleted_by_id"))
             .where(model.deleted_at.is_not(None))
             for table, model in models.items()]
    return union_all(*parts).subquery()


def _page(models, args):
    per_page = current_app.config["PAGE_SIZE"]
    rows, total = [], 0
    if models:
        deleted = _deleted_rows(models)
        total = db.session.scalar(select(func.count()).select_from(deleted)
                                  .execution_options(include_deleted=True))
    pages = max(1, math.ceil(total / per_page))
    raw = to_ascii_digits(args.get("page") or "1")
    number = min(max(int(raw), 1), pages) if raw.isdigit() else 1
    if total:
        rows = db.session.execute(
            select(deleted).order_by(deleted.c.deleted_at.desc(), deleted.c.entity, deleted.c.item_id)
            .limit(per_page).offset((number - 1) * per_page).execution_options(include_deleted=True)).all()
    kept = {key: args[key] for key in ("type", "page") if args.get(key)}
    return Page(items=_load(models, rows), total=total, page=number, per_page=per_page, sort="", args=kept)


def _load(models, rows):
    """The page's rows with their objects and deleting users, one query per table."""
    ids = {}
    for row in rows:
        ids.setdefault(row.entity, []).append(_key_value(models[row.entity], row.item_id))
    objects = {}
    for table, values in ids.items():
        model = models[table]
        statement = select(model).where(_primary_key(model).in_(values)).execution_options(include_deleted=True)
        objects.update({(table, str(model.__mapper__.primary_key_from_instance(item)[0])): item
                        for item in db.session.scalars(statement)})
    user_ids = {row.deleted_by_id for row in rows if row.deleted_by_id}
    users = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(user_ids)))}
    return [TrashRow(row.entity, row.item_id, entity_label(row.entity), objects[row.entity, row.item_id],
                     row.deleted_at, users.get(row.deleted_by_id))
            for row in rows if (row.entity, row.item_id) in objects]


def _key_value(model, raw):
    try:
        return _primary_key(model).type.python_type(raw)
    except (NotImplementedError, ValueError):
        return raw


@bp.route("/")
@permission_required("trash.manage")
def index():
    models = _user_models()
    chosen = request.args.get("type", "")
    listed = {chosen: models[chosen]} if chosen in models else models
    types = sorted(((table, str(entity_label(table))) for table in models), key=lambda choice: choice[1])
    return render("trash/index.html", block="results", page=_page(listed, request.args), types=types,
                  chosen=chosen if chosen in models else "")


def _deleted_item(entity, item_id):
    """The trashed object, after the same checks as the list: 404 for an unknown table or a
    module that is off, 403 for a module of another department."""
    models = trashable_models()
    model = models.get(entity) or abort(404)
    key = module_key(entity, registry().records)
    if key is not None and key not in enabled_modules():
        abort(404)
    if key is not None and not _allowed_module(key):
        abort(403)
    statement = (select(model).where(_primary_key(model) == _key_value(model, item_id),
                                     model.deleted_at.is_not(None))
                 .execution_options(include_deleted=True))
    return db.session.scalar(statement) or abort(404)


@bp.route("/<entity>/<item_id>/restore", methods=["POST"])
@permission_required("trash.manage")
def restore(entity, item_id):
    item = _deleted_item(entity, item_id)
    item.restore()
    db.session.commit()
    flash(_("%(type)s «%(item)s» was restored.", type=entity_label(entity), item=item), "success")
    return redirect_to(url_for("trash.index"))


@bp.route("/<entity>/<item_id>/purge", methods=["POST"])
@permission_required("trash.purge")
def purge(entity, item_id):
    item = _deleted_item(entity, item_id)
    name = str(item)
    db.session.delete(item)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        flash(_("«%(item)s» cannot be deleted permanently: other records still refer to it.", item=name),
              "danger")
    else:
        flash(_("%(type)s «%(item)s» was deleted permanently.", type=entity_label(entity), item=name),
              "success")
    return redirect_to(url_for("trash.index"))
