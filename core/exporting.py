"""Exporting a list as it is shown (its filters and sort applied, not paginated) to XLSX or CSV.

A list view describes its columns once and adds the export with a few lines::

    PEOPLE_COLUMNS = [Column(_l("Name"), "first_name"), Column(_l("Organization"), "organization.name"),
                      Column(_l("Created"), "created_at", kind="datetime")]

    @bp.route("/people/")
    @permission_required("directory.view")
    def people():
        listing = _listing()
        response = export_list(listing, PEOPLE_COLUMNS, title=_("People"), filename=_("people"))
        if response is not None:  # ?format=xlsx or ?format=csv on the list's own URL
            return response
        ...

and links to it with ``{{ ui.export_links(page) }}``, which keeps the list's filters and sort. The same
columns can draw the page's table too: ``{{ ui.columns_table(page, PEOPLE_COLUMNS) }}`` (with
``sort=`` and ``link=`` on the columns that need them).

The files speak Persian: the headers are the columns' Persian titles, dates are Jalali text
(۱۴۰۳/۰۸/۲۵), numbers stay numbers, the XLSX sheet is right-to-left with a bold header and column
widths, and the CSV is UTF-8 with a byte-order mark so Excel reads it. At most ``EXPORT_MAX_ROWS``
rows are written; a larger list gets a Persian note above its header saying so.
"""
import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask import current_app, request, send_file
from flask_babel import gettext as _
from markupsafe import Markup, escape
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import func, inspect, select

from core.db import db
from core.jalali import format_date, format_datetime
from core.listing import sort_columns
from core.text import fa_number, to_fa_digits

FORMATS = ("xlsx", "csv")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_MAX_ROWS = 10_000
# A text starting with one of these is read as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Column:
    """One column of an exported list.

    :param title: the Persian header.
    :param value: an attribute path of the row (``"organization.name"``; a missing link gives an
        empty cell) or a function of the row.
    :param kind: ``text``, ``number``, ``date``, ``datetime`` or ``bool``; by default taken from
        the value (dates become Jalali text, numbers stay numbers).
    :param width: the XLSX column width in characters.
    :param sort: the list's sort key for this column (``ui.columns_table`` makes its header a link).
    :param link: a function of the row giving the URL the cell links to in ``ui.columns_table``.
    """

    title: Any
    value: str | Callable[[Any], Any]
    kind: str | None = None
    width: int = 20
    sort: str | None = None
    link: Callable[[Any], str] | None = None

    def __post_init__(self):
        # Worked out once, not for every cell of a page (25 rows × 6-8 columns): the attribute
        # path's names, and whether a text value is shown as it is (see display).
        self._path = None if callable(self.value) else tuple(self.value.split("."))
        self._text_as_is = self.kind in (None, "text", "number")

    def read(self, row):
        if self._path is None:
            return self.value(row)
        for name in self._path:
            if row is None:
                return None
            row = getattr(row, name)
        return row

    def display(self, row):
        """The cell as a page shows it: Jalali dates, Persian digits, «بله»/«خیر»; «—» when empty."""
        value = self.read(row)
        if type(value) is str and self._text_as_is:  # most cells: what the tests below end with
            return to_fa_digits(value) if value else "—"
        if value is None or value == "":
            return "—"
        if self.kind == "datetime" or isinstance(value, datetime.datetime):
            return format_datetime(value) if isinstance(value, datetime.datetime) else format_date(value)
        if self.kind == "date" or isinstance(value, datetime.date):
            return format_date(value)
        if self.kind == "bool" or isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, (int, float, Decimal)) and not self.kind == "text":
            return fa_number(value)
        return to_fa_digits(value)


def table_body(rows, columns) -> Markup:
    """The ``<tbody>`` of ``ui.columns_table`` (the template global ``columns_table_body``): in
    Python, not a loop of the macro, as it writes every cell of the page (25 rows × 6-8 columns).
    The first cell has no ``data-label`` (the row's title on a phone), a date column does not wrap."""
    cells = [("    <td" + ("" if index == 0 else f' data-label="{escape(str(column.title))}"')
              + (' class="nowrap">' if column.kind == "date" else ">"), column.link, column.display)
             for index, column in enumerate(columns)]
    html = ["<tbody>\n"]
    for row in rows:
        html.append("  <tr>\n")
        for opening, link, display in cells:
            value = escape(display(row))
            if link:
                value = f'<a href="{escape(link(row))}">{value}</a>'
            html.append(f"{opening}{value}</td>\n")
        html.append("  </tr>\n")
    html.append("  </tbody>")
    return Markup("".join(html))


def export_format():
    """``xlsx`` or ``csv`` when the request asks for an export (``?format=``), else None."""
    value = request.args.get("format", "")
    return value if value in FORMATS else None


def max_rows():
    return current_app.config.get("EXPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def fetch(listing, args=None, limit=None):
    """The rows of a ``core.listing.ListQuery`` with its filters and sort from ``args`` (the
    request's by default), not paginated: ``(rows, total)``, at most ``limit`` rows (the row cap by
    default). ``total`` is counted only when the cap cuts the list."""
    args = request.args if args is None else args
    limit = max_rows() if limit is None else limit
    statement = listing.filtered(args)
    sort = args.get("sort") or listing.default_sort
    if sort and sort.lstrip("-") in listing.sorts:
        statement = statement.order_by(*sort_columns(listing.sorts[sort.lstrip("-")], sort.startswith("-")))
    # The primary key last, as the list's pages do, so equal sort values keep the list's order.
    statement = statement.order_by(*inspect(listing.statement.column_descriptions[0]["entity"]).primary_key)
    rows = listing.rows(db.session, statement.limit(limit + 1))
    if len(rows) <= limit:
        return rows, len(rows)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    return rows[:limit], total


def cell_value(value, kind=None):
    """A value as it goes into a cell: Jalali text for dates, «بله»/«خیر» for booleans, numbers as
    numbers, None as empty."""
    if value is None:
        return None
    if kind == "datetime" or (kind is None and isinstance(value, datetime.datetime)):
        return format_datetime(value, "numeric") if isinstance(value, datetime.datetime) else format_date(value, "numeric")
    if kind == "date" or (kind is None and isinstance(value, datetime.date)):
        return format_date(value, "numeric")
    if kind == "bool" or isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return float(value)
    if kind == "number" or isinstance(value, (int, float)):
        return value if isinstance(value, (int, float)) else str(value)
    return str(value)


def _truncation_note(shown, total):
    return _("Only the first %(shown)s of %(total)s rows are in this file. Narrow the list with its filters "
             "to export the rest.", shown=fa_number(shown), total=fa_number(total))


def _sheet_rows(rows, columns):
    for row in rows:
        yield [cell_value(column.read(row), column.kind) for column in columns]


def xlsx_bytes(rows, columns, *, title, total=None):
    """An XLSX workbook of one right-to-left sheet: a bold Persian header, column widths, Jalali
    dates as text and numbers as numbers; a note above the header when ``total`` exceeds the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_SHEET_NAME_FORBIDDEN.sub(" ", str(title))[:31] or "Sheet")
    sheet.sheet_view.rightToLeft = True
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    rows = list(rows)
    if total is not None and total > len(rows):
        note = WriteOnlyCell(sheet, value=_truncation_note(len(rows), total))
        note.font = Font(bold=True, color="A3262A")
        sheet.append([note])
        sheet.freeze_panes = "A3"
    else:
        sheet.freeze_panes = "A2"
    header_fill = PatternFill("solid", fgColor="DDE7EC")
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.title))
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    for values in _sheet_rows(rows, columns):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(rows, columns, *, total=None):
    """CSV in UTF-8 with a byte-order mark (so Excel reads the Persian), the header first; a note
    line above it when ``total`` exceeds the rows."""
    rows = list(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    if total is not None and total > len(rows):
        writer.writerow([_truncation_note(len(rows), total)])
    writer.writerow([str(column.title) for column in columns])
    for values in _sheet_rows(rows, columns):
        writer.writerow([_csv_text(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_response(rows, columns, *, title, filename, fmt, total=None):
    """A download of ``rows`` as ``fmt`` (``xlsx`` or ``csv``) named ``<filename>.<fmt>`` (Persian
    names are sent RFC 5987 encoded)."""
    if fmt == "xlsx":
        data, mimetype = xlsx_bytes(rows, columns, title=title, total=total), XLSX_MIMETYPE
    elif fmt == "csv":
        data, mimetype = csv_bytes(rows, columns, total=total), "text/csv; charset=utf-8"
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    response = send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True,
                         download_name=f"{filename}.{fmt}", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def export_list(listing, columns, *, title, filename, prepare=None, args=None):
    """The export of a ``ListQuery`` when the request asks for one (``?format=xlsx|csv``), else
    None. ``prepare(rows)`` may turn the fetched rows into what the columns read (for example
    ``[(committee, counts[committee.id]) ...]`` after one grouped query); ``args`` replaces the
    request's arguments (for example without a filter the view found invalid)."""
    fmt = export_format()
    if fmt is None:
        return None
    rows, total = fetch(listing, args)
    if prepare is not None:
        rows = prepare(rows)
    return export_response(rows, columns, title=title, filename=filename, fmt=fmt, total=total)
