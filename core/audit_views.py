"""The admin's audit log page: every change, filtered by user, action, table, Jalali dates and
text, with a before/after view of each entry. The rows are written by core.audit alone."""
import datetime
from datetime import UTC

from flask import Blueprint, abort, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, inspect, or_, select
from sqlalchemy.orm import selectinload
from wtforms import SelectField

from core.audit import ACTION_LABELS, entity_label, field_label, model_for_table
from core.db import SoftDeleteMixin, db
from core.exporting import Column, export_format, export_list
from core.forms.fields import JalaliDateField, PersianStringField
from core.jalali import TIMEZONE, format_date, format_datetime
from core.listing import ListQuery, distinct_values
from core.models import AuditLog, User
from core.permissions import ROLE_TITLES, permission_required
from core.rendering import render
from core.text import clean_text, to_ascii_digits, to_fa_digits

bp = Blueprint("audit", __name__)

SYSTEM_USER = "system"  # the user filter's value for changes made by the CLI or jobs
HISTORY_LIMIT = 50


def _organization_type(code):
    from core.directory.labels import organization_type_label  # late: the package imports its views

    return organization_type_label(code)


# Stored codes of the core's columns shown by their Persian names.
VALUE_LABELS = {
    ("users", "role"): lambda code: ROLE_TITLES.get(code, code),
    ("organizations", "type"): _organization_type,
}


class AuditFilterForm(FlaskForm):
    """The filters, read from the query string (no CSRF: it only reads)."""

    class Meta:
        csrf = False

    q = PersianStringField(_l("Search in the description"))
    user = SelectField(_l("User"), validate_choice=False)
    action = SelectField(_l("Action"), validate_choice=False)
    entity = SelectField(_l("Record type"), validate_choice=False)
    since = JalaliDateField(_l("From date"))
    until = JalaliDateField(_l("To date"))


def _logged_tables():
    """The distinct ``entity`` values of the log (a handful of index lookups)."""
    return db.session.scalars(distinct_values(AuditLog.entity)).all()


def _filter_form():
    form = AuditFilterForm(formdata=request.args)
    users = db.session.execute(select(User.id, User.full_name).order_by(User.full_name)).all()
    form.user.choices = [("", _("All users")), (SYSTEM_USER, _("The system"))] + [
        (str(user_id), name) for user_id, name in users]
    form.action.choices = [("", _("All actions"))] + [(k, str(v)) for k, v in ACTION_LABELS.items()]
    tables = _logged_tables()
    form.entity.choices = [("", _("All record types"))] + sorted(
        ((table, str(entity_label(table))) for table in tables), key=lambda choice: choice[1])
    form.validate()
    return form


def _day_start(day):
    """The UTC instant a Tehran calendar day starts."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=TIMEZONE).astimezone(UTC)


def _search(statement, value):
    for word in clean_text(value).split():
        variants = {word, to_ascii_digits(word), to_fa_digits(word)}
        statement = statement.where(or_(
            *(AuditLog.summary.contains(v, autoescape=True) for v in variants),
            AuditLog.entity_id == to_ascii_digits(word)))
    return statement


def _by_user(statement, value):
    if value == SYSTEM_USER:
        return statement.where(AuditLog.user_id.is_(None))
    return statement.where(AuditLog.user_id == int(value)) if value.isdigit() else statement


def _audit_query(form):
    since = form.since.data if not form.since.errors else None
    until = form.until.data if not form.until.errors else None
    return ListQuery(
        select(AuditLog),
        filters={
            "q": _search,
            "user": _by_user,
            "action": lambda s, v: s.where(AuditLog.action == v),
            "entity": lambda s, v: s.where(AuditLog.entity == v),
            "since": lambda s, v: s.where(AuditLog.at >= _day_start(since)) if since else s,
            "until": lambda s, v: (
                s.where(AuditLog.at < _day_start(until + datetime.timedelta(days=1))) if until else s),
        },
        sorts={"at": AuditLog.id},  # ids grow with time and break ties between one flush's rows
        default_sort="-at",
        max_count=10_000,  # ten years of changes: an exact count would cost more than the page
    )


EXPORT_COLUMNS = [
    Column(_l("Time"), "at", kind="datetime", width=20),
    Column(_l("User"), lambda entry: entry.user.full_name if entry.user else _("The system"), width=24),
    Column(_l("Action"), lambda entry: ACTION_LABELS.get(entry.action, entry.action), width=14),
    Column(_l("Record type"), lambda entry: entity_label(entry.entity), width=20),
    Column(_l("Record"), "summary", width=50),
    Column(_l("Changed fields"), lambda entry: "، ".join(str(f) for f in _changed_fields(entry)), width=40),
]


@bp.route("/")
@permission_required("audit.view")
def log():
    form = _filter_form()
    listing = _audit_query(form)
    if export_format():
        listing.statement = listing.statement.options(selectinload(AuditLog.user))
    export = export_list(listing, EXPORT_COLUMNS, title=_("Audit log"), filename=_("audit-log"))
    if export is not None:
        return export
    page = listing.page(db.session)
    users = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({e.user_id for e in page.items if e.user_id})))}
    return render("audit/log.html", block="results", form=form, page=page, users=users,
                  describe=_describe, changed_fields=_changed_fields)


@bp.route("/<int:entry_id>")
@permission_required("audit.view")
def detail(entry_id):
    entry = db.session.get(AuditLog, entry_id) or abort(404)
    history = db.session.scalars(
        select(AuditLog).where(AuditLog.entity == entry.entity, AuditLog.entity_id == entry.entity_id)
        .options(selectinload(AuditLog.user)).order_by(AuditLog.id.desc()).limit(HISTORY_LIMIT)
    ).all() if entry.entity_id else []
    return render("audit/detail.html", entry=entry, rows=_change_rows(entry), history=history,
                  describe=_describe)


def _describe(entry):
    return {"action": ACTION_LABELS.get(entry.action, entry.action), "entity": entity_label(entry.entity)}


def _changed_fields(entry):
    """The Persian names of the fields an update changed, for the list."""
    if entry.action != "update":
        return []
    model = model_for_table(entry.entity)
    return [field_label(model, key) for key in (entry.changes or {}).get("after", {})]


def _change_rows(entry):
    """``(field label, before, after)`` per field, the values shown as the user would read them."""
    changes = entry.changes or {}
    before, after = changes.get("before") or {}, changes.get("after") or {}
    model = model_for_table(entry.entity)
    keys = list(before) + [key for key in after if key not in before]
    return [(field_label(model, key),
             _display(model, entry.entity, key, before.get(key)) if key in before else None,
             _display(model, entry.entity, key, after.get(key)) if key in after else None)
            for key in keys]


def _display(model, table, key, value):
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return "، ".join(to_fa_digits(item) for item in value)
    if (table, key) in VALUE_LABELS:
        return str(VALUE_LABELS[table, key](value))
    column = inspect(model).columns.get(key) if model is not None else None
    if column is not None:
        if column.foreign_keys:
            return _related(column, value)
        python_type = _python_type(column)
        if python_type is datetime.datetime:
            return format_datetime(datetime.datetime.fromisoformat(value))
        if python_type is datetime.date:
            return format_date(datetime.date.fromisoformat(value))
    if isinstance(value, (int, float)) or to_ascii_digits(str(value)).isdigit():
        return to_fa_digits(value)
    return str(value)


def _python_type(column):
    sql_type = getattr(column.type, "impl_instance", column.type)  # a TypeDecorator's own says object
    try:
        return sql_type.python_type
    except NotImplementedError:
        return None


def _related(column, value):
    """A foreign key shown as the record it points to (deleted ones too), e.g. «اداره ارشاد (#۵)»."""
    target = model_for_table(next(iter(column.foreign_keys)).column.table.name)
    options = {"include_deleted": True} if target is not None and issubclass(target, SoftDeleteMixin) else {}
    related = db.session.get(target, value, execution_options=options) if target is not None else None
    number = to_fa_digits(f"#{value}")
    return f"{related} ({number})" if related is not None else number
