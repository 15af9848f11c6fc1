"""Importing rows from a spreadsheet (XLSX or CSV), for any module.

A module describes its columns and how to save one valid row in an ``Importer``, then calls
``add_import_routes(bp, importer, permission)``. The user uploads a file, sees a preview of every
row with a Persian message on each bad cell, and confirms: the whole file (only when no row has
an error) or only its valid rows, saved in one transaction. Nothing is written before that.

Between the preview and the confirmation the parsed cells wait in a JSON file under
``INSTANCE_DIR/imports/`` named by a random token and tied to the user; the rows are checked
again on every preview and on confirmation, so a change in the database meanwhile is noticed.
"""
import csv
import io
import json
import re
import secrets
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from flask import abort, current_app, flash, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.db import db
from core.jalali import to_jalali_input
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.text import (
    clean_text,
    fa_number,
    normalize_fa,
    normalize_mobile,
    normalize_national_code,
    to_ascii_digits,
    to_fa_digits,
)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_XLSX_EXPANDED_BYTES = 200 * 1024 * 1024  # a workbook is a zip: refuse one that unpacks into a flood
MAX_COLUMNS = 50
HEADER_SEARCH_ROWS = 10  # the column titles may sit under a title row or two
PENDING_MAX_AGE = 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportFileError(ValueError):
    """The uploaded file cannot be used at all; ``str(exc)`` is the Persian message."""


@dataclass
class Column:
    """One column of an import.

    :param header: the Persian header the file must carry (matched ignoring spaces, ي/ی and the like).
    :param name: the key of the value in the row passed to ``save_row``.
    :param parse: cleaned cell text -> a JSON-serializable value, or ``ValueError`` with a Persian message.
    :param unique: a value repeated inside the file is an error on the later rows.
    :param choices: the allowed texts, offered as a drop-down list in the template.
    :param hint: a short Persian note shown on the upload page.
    :param aliases: other titles accepted for the column (an English one, an older wording).
    """

    header: Any
    name: str
    required: bool = False
    parse: Callable[[str], Any] | None = None
    unique: bool = False
    choices: Sequence[Any] = ()
    hint: Any = ""
    width: int = 20
    aliases: Sequence[str] = ()


@dataclass
class Row:
    number: int  # the row's number in the spreadsheet (the header is usually row 1)
    cells: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self):
        return not self.errors

    def add_error(self, name, message):
        self.errors.setdefault(name, str(message))


@dataclass
class Importer:
    """What a module imports.

    :param key: a short ASCII name, used in URLs and endpoint names (``import_<key>``).
    :param save_row: adds one valid row (its ``values``) to ``db.session``; never commits.
    :param check_rows: optional; gets every parsed row and adds errors that need the database or
        the whole file (``row.add_error(column_name, message)``); may also fill ``row.values``.
    :param list_endpoint: where the user goes after importing.
    """

    key: str
    title: Any
    columns: list[Column]
    save_row: Callable[[dict], None]
    list_endpoint: str
    check_rows: Callable[[list[Row]], None] | None = None
    template_name: Any = "template"
    max_rows: int = 5000


# --- parsers for Column.parse ----------------------------------------------------------------

def text(max_length):
    def parse(value):
        if len(value) > max_length:
            raise ValueError(_("At most %(max)s characters.", max=to_fa_digits(max_length)))
        return value
    return parse


def mobile(value):
    try:
        return normalize_mobile(value)
    except ValueError:
        raise ValueError(_("Enter a mobile number like 09123456789.")) from None


def national_code(value):
    try:
        return normalize_national_code(value)
    except ValueError:
        raise ValueError(_("Enter a valid 10-digit national code.")) from None


def phone(value):
    value = to_ascii_digits(value)
    if len(value) > 50 or not re.fullmatch(r"[0-9+\-() ]+", value):
        raise ValueError(_("Enter a phone number with digits only."))
    return value


def choice(labels: dict):
    """A cell holding one of the (lazy) Persian labels of ``labels`` ({code: label}); the value is the code."""
    def parse(value):
        by_label = {normalize_fa(str(label)): code for code, label in labels.items()}
        code = by_label.get(normalize_fa(value))
        if code is None:
            raise ValueError(_("Write one of: %(choices)s.", choices="، ".join(map(str, labels.values()))))
        return code
    return parse


# --- reading the file ------------------------------------------------------------------------

def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        return to_jalali_input(value)
    return clean_text(str(value)) or ""


def _read_xlsx(data, limit):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_EXPANDED_BYTES:
                raise ImportFileError(_("The workbook is too large to import. Split it into smaller files."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            lines = []
            for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
                cells = [_cell_text(v) for v in values]
                if any(cells):
                    lines.append((number, cells))
                    if len(lines) > limit:
                        break
            return lines
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged workbook
        current_app.logger.info("unreadable XLSX upload: %r", error)
        raise ImportFileError(_("The file could not be read as an Excel (XLSX) workbook. "
                                "Open it in Excel and save it again as XLSX.")) from None


def _read_csv(data, limit):
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is neither an XLSX workbook nor a CSV file in UTF-8. In Excel "
                                "choose Save As and pick \"Excel Workbook\" or \"CSV UTF-8\".")) from None
    if "\x00" in content:
        raise ImportFileError(_("The file is not an XLSX or CSV file."))
    first_line = content.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    lines = []
    try:
        for number, values in enumerate(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter), 1):
            cells = [_cell_text(v) for v in values[:MAX_COLUMNS]]
            if any(cells):
                lines.append((number, cells))
                if len(lines) > limit:
                    break
    except csv.Error:
        raise ImportFileError(_("The CSV file is damaged and could not be read.")) from None
    return lines


def read_lines(file_storage, limit):
    """Non-empty lines of the first sheet as (row number, [cell text]); at most ``limit + 1`` of them.

    The kind of file is decided by its content, not its name."""
    data = file_storage.stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than %(size)s MB.",
                                size=to_fa_digits(MAX_FILE_BYTES // (1024 * 1024))))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, limit)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("Old Excel files (XLS) cannot be read. Open the file in Excel and save it "
                                "as \"Excel Workbook (XLSX)\"."))
    return _read_csv(data, limit)


def _header_key(value):
    return "".join(normalize_fa(str(value)).split())


def parse_file(importer, file_storage):
    """(rows, ignored headers) of an upload, or ImportFileError."""
    lines = read_lines(file_storage, importer.max_rows + HEADER_SEARCH_ROWS)
    if not lines:
        raise ImportFileError(_("The file is empty."))
    by_header = {_header_key(title): c for c in importer.columns for title in (c.header, *c.aliases)}
    header_index = next((i for i, (_number, cells) in enumerate(lines[:HEADER_SEARCH_ROWS])
                         if any(_header_key(cell) in by_header for cell in cells)), 0)
    headers, data_lines = lines[header_index][1], lines[header_index + 1:]
    if len(data_lines) > importer.max_rows:
        raise ImportFileError(_("The file has more than %(count)s rows. Split it into smaller files.",
                                count=fa_number(importer.max_rows)))
    positions, ignored = {}, []
    for index, header in enumerate(headers):
        column = by_header.get(_header_key(header))
        if column is not None and column.name not in positions:
            positions[column.name] = index
        elif header:
            ignored.append(header)
    missing = [str(c.header) for c in importer.columns if c.required and c.name not in positions]
    if not positions or missing:
        names = missing or [str(c.header) for c in importer.columns]
        raise ImportFileError(_("The first row of the file must hold the column titles; missing: %(columns)s. "
                                "Download the template to see them.", columns="، ".join(names)))
    if not data_lines:
        raise ImportFileError(_("The file has column titles but no rows."))
    rows = [Row(number, {name: cells[i] if i < len(cells) else "" for name, i in positions.items()})
            for number, cells in data_lines]
    return rows, ignored


def check(importer, rows):
    """Parse every cell, then find repeats inside the file, then the importer's own checks."""
    for row in rows:
        row.values, row.errors = {}, {}
        for column in importer.columns:
            value = row.cells.get(column.name, "")
            if not value:
                if column.required:
                    row.add_error(column.name, _("This column must not be empty."))
                row.values[column.name] = None
                continue
            try:
                row.values[column.name] = column.parse(value) if column.parse else value
            except ValueError as error:
                row.add_error(column.name, str(error))
    for column in importer.columns:
        if column.unique:
            first_seen = {}
            for row in rows:
                value = row.values.get(column.name)
                if value is None or column.name in row.errors:
                    continue
                key = normalize_fa(value) if isinstance(value, str) else value
                if key in first_seen:
                    row.add_error(column.name, _("Repeats row %(row)s of this file.",
                                                 row=to_fa_digits(first_seen[key])))
                else:
                    first_seen[key] = row.number
    if importer.check_rows:
        importer.check_rows(rows)
    return rows


# --- keeping the upload between preview and confirmation ----------------------------------------

def _pending_dir():
    return Path(current_app.config["INSTANCE_DIR"]) / "imports"


def _pending_path(token):
    if not _TOKEN.fullmatch(token or ""):
        abort(404)
    return _pending_dir() / f"{token}.json"


def _remove_stale():
    now = time.time()
    for path in _pending_dir().glob("*.json"):
        try:
            if now - path.stat().st_mtime > PENDING_MAX_AGE:
                path.unlink()
        except FileNotFoundError:
            pass


def store(importer, rows, filename, ignored):
    """Keep an upload for its preview; return its token."""
    _pending_dir().mkdir(parents=True, exist_ok=True)
    _remove_stale()
    token = secrets.token_urlsafe(24)
    pending = {"user_id": current_user.id, "importer": importer.key, "filename": filename,
               "ignored": ignored, "rows": [[row.number, row.cells] for row in rows],
               "checked": [row.number for row in rows if row.valid]}
    _save_pending(token, pending)
    return token


def _save_pending(token, pending):
    path = _pending_path(token)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(pending, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)


def load(importer, token):
    """The pending upload of this user for this importer, or 404."""
    path = _pending_path(token)
    try:
        pending = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        abort(404)
    if pending.get("user_id") != current_user.id or pending.get("importer") != importer.key:
        abort(404)
    return pending


def discard(token):
    _pending_path(token).unlink(missing_ok=True)


def _checked_rows(importer, pending):
    return check(importer, [Row(number, cells) for number, cells in pending["rows"]])


# --- saving ------------------------------------------------------------------------------------

class ImportFailed(Exception):
    def __init__(self, row):
        super().__init__(row.number)
        self.row = row


def save_rows(importer, rows):
    """Save every given row in one transaction: all of them, or none (ImportFailed)."""
    current = None
    try:
        for current in rows:
            importer.save_row(current.values)
        db.session.commit()
    except Exception:
        db.session.rollback()
        current_app.logger.exception("import %s failed at row %s", importer.key, current and current.number)
        raise ImportFailed(current) from None
    return len(rows)


# --- the template ------------------------------------------------------------------------------

def template_workbook(importer):
    """An XLSX with the Persian headers on a right-to-left sheet, its cells formatted as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", str(importer.title))[:31]
    sheet.sheet_view.rightToLeft = True
    sheet.freeze_panes = "A2"
    header_fill = PatternFill("solid", fgColor="DDE7EC")
    for index, column in enumerate(importer.columns, 1):
        cell = sheet.cell(row=1, column=index, value=str(column.header))
        cell.font = Font(bold=True, color="A3262A" if column.required else "1D2733")
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        # Text cells keep the leading zeros of codes and mobile numbers.
        sheet.column_dimensions[letter].number_format = "@"
        if column.choices:
            listed = ",".join(str(c) for c in column.choices)
            validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=not column.required)
            validation.add(f"{letter}2:{letter}{importer.max_rows + 1}")
            sheet.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


# --- pages -------------------------------------------------------------------------------------

class UploadForm(FlaskForm):
    file = FileField(_l("Spreadsheet file"), description=_l("An Excel file (XLSX) or a CSV file in UTF-8, with the "
                                                            "titles of the template in its first row."),
                     validators=[FileRequired(_l("Choose a file."))],
                     render_kw={"accept": ".xlsx,.csv,text/csv," + XLSX_MIMETYPE})


def add_import_routes(bp, importer, permission):
    """Add the import pages of ``importer`` to ``bp`` under ``/import/<key>``, guarded by ``permission``.

    Endpoints: ``import_<key>`` (upload), ``import_<key>_template``, ``import_<key>_preview``
    (GET shows, POST confirms) and ``import_<key>_cancel``."""
    endpoint = f"import_{importer.key}"
    base = f"/import/{importer.key}"
    guard = permission_required(permission)

    def preview_url(token, **args):
        return url_for(f"{bp.name}.{endpoint}_preview", token=token, **args)

    def upload():
        form = UploadForm()
        if form.validate_on_submit():
            try:
                rows, ignored = parse_file(importer, form.file.data)
            except ImportFileError as error:
                form.file.errors.append(str(error))
            else:
                check(importer, rows)
                token = store(importer, rows, clean_text(form.file.data.filename or ""), ignored)
                return redirect_to(preview_url(token))
        return render_form("importing/upload.html", form, importer=importer, endpoint=f"{bp.name}.{endpoint}")

    def template():
        return send_file(template_workbook(importer), mimetype=XLSX_MIMETYPE, as_attachment=True,
                         download_name=f"{importer.template_name}.xlsx")

    def show(token, pending, rows, status=200, error=None):
        only_errors = request.args.get("only") == "errors"
        return render("importing/preview.html", status=status, importer=importer, token=token,
                      pending=pending, rows=[r for r in rows if not r.valid] if only_errors else rows,
                      total=len(rows), valid_count=sum(r.valid for r in rows), only_errors=only_errors,
                      error=error, endpoint=f"{bp.name}.{endpoint}")

    def preview(token):
        pending = load(importer, token)
        rows = _checked_rows(importer, pending)
        valid = [row.number for row in rows if row.valid]
        if request.method == "GET":
            if valid != pending["checked"]:
                pending["checked"] = valid
                _save_pending(token, pending)
            return show(token, pending, rows)
        if valid != pending["checked"]:
            pending["checked"] = valid
            _save_pending(token, pending)
            flash(_("The directory changed since this preview was made. Check the rows again, then confirm."),
                  "warning")
            return redirect_to(preview_url(token))
        mode = request.form.get("mode")
        if mode == "all" and len(valid) != len(rows):
            return show(token, pending, rows, status=422, error=_(
                "The whole file cannot be imported while some rows have errors. Correct them in the file and "
                "upload it again, or import only the valid rows."))
        if mode not in ("all", "valid") or not valid:
            return show(token, pending, rows, status=422, error=_("No row of this file can be imported."))
        try:
            count = save_rows(importer, [row for row in rows if row.valid])
        except ImportFailed as failure:
            return show(token, pending, rows, status=422, error=_(
                "Saving row %(row)s failed, so nothing was imported. Try again; if it fails again, "
                "correct that row or leave it out.", row=to_fa_digits(failure.row.number)))
        discard(token)
        flash(_("%(count)s rows were imported.", count=to_fa_digits(count)), "success")
        return redirect_to(url_for(importer.list_endpoint))

    def cancel(token):
        load(importer, token)
        discard(token)
        flash(_("The import was cancelled; nothing was written."), "success")
        return redirect_to(url_for(f"{bp.name}.{endpoint}"))

    bp.add_url_rule(base, endpoint, guard(upload), methods=["GET", "POST"])
    bp.add_url_rule(f"{base}/template.xlsx", f"{endpoint}_template", guard(template))
    bp.add_url_rule(f"{base}/<token>", f"{endpoint}_preview", guard(preview), methods=["GET", "POST"])
    bp.add_url_rule(f"{base}/<token>/cancel", f"{endpoint}_cancel", guard(cancel), methods=["POST"])
