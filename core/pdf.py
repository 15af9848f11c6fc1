"""Persian PDF documents: a Jinja template that extends ``pdf/base.html``, rendered with xhtml2pdf.

xhtml2pdf 0.2.28 needs care with Persian (docs/architecture.md, "PDF documents"):
- text is shaped with arabic-reshaper into presentation forms; ``pdf/base.html`` declares
  ``dir="rtl"`` and ``<pdf:language name="persian"/>`` so lines and tables run right to left;
- fonts outside the document's directory are refused by its resource policy and the text then
  silently falls back to Helvetica, so the policy here allows the app's static folder and nothing
  else (no network at all), and a missing font file is an error rather than black boxes;
- it drops the hamza above (U+0654), so «ه» + hamza is written «ۀ» before rendering;
- a long table is split again at every page, which costs more than linear time: see the
  ``long_table`` macro in ``pdf/macros.html``.
The text layer of the PDF holds real Persian letters and digits (``_to_unicode_cmap``), so the
document can be searched and copied from, and tests read it back with pdftotext.
"""
import base64
import io
import logging
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import arabic_reshaper
import qrcode
from flask import Response, current_app, render_template, url_for
from flask_babel import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError
from reportlab.pdfbase import ttfonts
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from core.files import content_disposition

log = logging.getLogger(__name__)

# Portrait sizes in millimetres; "card" is an ID-1 card (member cards) held the wide way.
PAGE_SIZES = {
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "card": (85.6, 54.0),
}
FONT_FILES = (
    "Vazirmatn-FD-Regular.ttf",
    "Vazirmatn-FD-Bold.ttf",
    "Vazirmatn-Regular.ttf",
    "Vazirmatn-Bold.ttf",
)
# What a refused resource is replaced with: nothing, and nothing is fetched.
REFUSED = "data:,"
MAX_IMAGE_SIDE = 1200

_HAMZA_ABOVE = {"ه\u0654": "ۀ", "ی\u0654": "ئ"}
_HAMZA_PATTERN = re.compile("|".join(_HAMZA_ABOVE))


class PdfError(Exception):
    """A document could not be made; ``str(error)`` is the Persian message for the user."""


# --- the text layer ----------------------------------------------------------------------------

_PERSIAN_DIGITS = {ord(a): p for a, p in zip("0123456789", "۰۱۲۳۴۵۶۷۸۹")}


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode CMap, saying which text each drawn glyph stands for.

    ReportLab maps a glyph to the code point it was drawn from. For Persian that is an Arabic
    presentation form (ﮔ, not گ), which PDF readers search and copy badly, so those map to
    their base letters; and the Farsi-digits cut of Vazirmatn draws 0-9 as ۰-۹, so in that
    font they map to the Persian digits the reader sees.
    """
    farsi_digits = "Vazirmatn-FD" in fontname

    def text(code_point):
        char = chr(code_point)
        if 0xFB50 <= code_point <= 0xFDFF or 0xFE70 <= code_point <= 0xFEFF:
            # A ligature (لا) stands for several letters. The page holds glyphs in drawing order
            # and readers reverse right-to-left text letter by letter, so give them reversed.
            char = unicodedata.normalize("NFKC", char)[::-1]
        elif farsi_digits:
            char = char.translate(_PERSIAN_DIGITS)
        return char.encode("utf-16-be").hex().upper()

    entries = [f"<{index:02X}> <{text(code_point)}>" for index, code_point in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *entries,
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
# xhtml2pdf joins letters with arabic-reshaper's default reshaper. Vazirmatn has no isolated
# presentation form of «ۀ» (U+FBA4), and one missing glyph makes xhtml2pdf draw the whole run
# unjoined; the base letters are the isolated shapes in the font, so use them instead.
arabic_reshaper.default_reshaper.configuration["use_unshaped_instead_of_isolated"] = "yes"


# --- resources ---------------------------------------------------------------------------------

def _static_folder() -> Path:
    return Path(current_app.static_folder).resolve()


def link_callback(uri, rel=None) -> str:
    """Where xhtml2pdf may read a resource from: a ``data:`` URI or a file of the app's static
    folder (named by its ``url_for('static', ...)`` URL). Anything else is refused and logged."""
    uri = str(uri or "")
    if uri.startswith("data:"):
        return uri
    # url_for gives an absolute URL outside a request when SERVER_NAME is set: still our own file.
    prefixes = {url_for("static", filename=""), current_app.static_url_path + "/"}
    prefix = next((p for p in prefixes if uri.startswith(p)), None)
    if prefix is not None and not urlsplit(uri).query:
        folder = _static_folder()
        path = (folder / unquote(uri[len(prefix):])).resolve()
        if path.is_relative_to(folder) and path.is_file():
            return str(path)
    log.warning("PDF resource refused (only static files and data: URIs): %.200s", uri)
    return REFUSED


def _resource_policy() -> ResourceAccessPolicy:
    return ResourceAccessPolicy.server(
        base_dir=None,
        extra_roots=(_static_folder(),),
        allow_remote=False,
        max_render_seconds=180,
        max_document_bytes=50 * 1024 * 1024,
    )


def _check_fonts():
    folder = _static_folder() / "vendor" / "fonts"
    missing = [name for name in FONT_FILES if not (folder / name).is_file()]
    if missing:
        log.error("PDF fonts missing from %s: %s (run make setup)", folder, ", ".join(missing))
        raise PdfError(_("The fonts for PDF documents are not installed; run make setup."))


# --- rendering ---------------------------------------------------------------------------------

def page_setup(page_size="A4", landscape=False) -> dict:
    """The page a document is laid out on, as the template sees it (``pdf_page``).

    ``page_size`` is a name of ``PAGE_SIZES`` or (width, height) in millimetres;
    ``landscape=True`` puts the longer side horizontal.
    """
    if isinstance(page_size, str):
        if page_size not in PAGE_SIZES:
            raise ValueError(f"unknown page size {page_size!r}; use one of {sorted(PAGE_SIZES)}")
        width, height = PAGE_SIZES[page_size]
    else:
        width, height = map(float, page_size)
    if landscape and height > width:
        width, height = height, width
    short_side = min(width, height)
    # Margins and type shrink with the page: A4 2 cm / 11 pt, A5 1.5 cm / 10 pt, A6 1 cm / 9 pt.
    margin = 20 if short_side >= 200 else 15 if short_side >= 140 else 10
    font_pt = 11 if short_side >= 200 else 10 if short_side >= 140 else 9
    top, bottom = margin * 1.7, margin * 1.2  # room for the header and footer frames
    row_mm = font_pt * 1.93 * 25.4 / 72  # a one-line row of table.grid, measured
    return {
        "width_mm": width,
        "height_mm": height,
        "landscape": width > height,
        "css_size": f"{width:g}mm {height:g}mm",
        "margin_mm": margin,
        "top_mm": top,
        "bottom_mm": bottom,
        "font_pt": font_pt,
        # One-line table rows that fit under the column titles of a page, with one to spare.
        "table_rows": int((height - top - bottom) / row_mm) - 2,
    }


def prepare_text(html: str) -> str:
    """Write what xhtml2pdf would lose in a form it keeps (the hamza above as ۀ and ئ)."""
    return _HAMZA_PATTERN.sub(lambda m: _HAMZA_ABOVE[m.group()], unicodedata.normalize("NFC", html))


def _page_for(template_name, page_size, landscape) -> dict:
    if not current_app.select_jinja_autoescape(template_name):
        raise ValueError(f"PDF templates must be autoescaped .html files: {template_name}")
    return page_setup(page_size, landscape)


def render_html(template_name, *, page_size="A4", landscape=False, **context) -> str:
    """The HTML that ``render_pdf`` hands to xhtml2pdf (for tests, benchmarks and previews)."""
    page = _page_for(template_name, page_size, landscape)
    return prepare_text(render_template(template_name, pdf_page=page, **context))


def render_pdf(template_name, *, page_size="A4", landscape=False, **context) -> bytes:
    """Render ``template_name`` (extending ``pdf/base.html``) to PDF bytes; raise PdfError.

    A wrong page size or a template that is not autoescaped is the caller's bug (ValueError)."""
    _check_fonts()
    page = _page_for(template_name, page_size, landscape)
    try:
        html = prepare_text(render_template(template_name, pdf_page=page, **context))
    except Exception as exc:
        log.exception("PDF template %s failed", template_name)
        raise PdfError(_failed()) from exc
    return html_to_pdf(html, name=template_name)


def _failed() -> str:
    return _("The PDF document could not be made. Try again, and tell the administrator if it "
             "keeps failing.")


def html_to_pdf(html: str, name="document") -> bytes:
    """xhtml2pdf alone, with the app's resource policy and link callback; raise PdfError."""
    out = io.BytesIO()
    try:
        status = pisa.CreatePDF(html, dest=out, encoding="utf-8", link_callback=link_callback,
                                resource_policy=_resource_policy())
        failed = bool(status.err)
    except Exception:
        log.exception("xhtml2pdf failed on %s", name)
        failed = True
    if failed:
        raise PdfError(_failed())
    return out.getvalue()


def write_pdf(path, template_name, **kwargs) -> Path:
    """Render and save a PDF atomically: the file appears whole or not at all."""
    data = render_pdf(template_name, **kwargs)
    path = Path(path)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        log.exception("cannot write the PDF %s", path)
        raise PdfError(_("The PDF file could not be saved.")) from exc
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)  # left only when something failed
    return path


def pdf_response(template_name, filename, *, as_attachment=False, **kwargs) -> Response:
    """The rendered PDF as a response named ``filename``; raises PdfError for the view to show."""
    response = Response(render_pdf(template_name, **kwargs), mimetype="application/pdf")
    name = filename if filename.lower().endswith(".pdf") else f"{filename}.pdf"
    response.headers["Content-Disposition"] = content_disposition(name, as_attachment, default="document")
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- images ------------------------------------------------------------------------------------

def _data_uri(data: bytes, mimetype: str) -> str:
    return f"data:{mimetype};base64,{base64.b64encode(data).decode('ascii')}"


def qr_data_uri(text: str) -> str:
    """A QR code of ``text`` as a PNG data URI, for ``<img src>`` in a PDF template."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2)
    code.add_data(text)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return _data_uri(buffer.getvalue(), "image/png")


def image_data_uri(path_or_bytes, max_side=MAX_IMAGE_SIDE) -> str:
    """A photo or logo (file path or bytes) as a JPEG or PNG data URI, turned upright and no
    larger than ``max_side`` pixels a side; PdfError when it is not a readable image."""
    try:
        data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            upright = image.getexif().get(ExifTags.Base.Orientation, 1) == 1
            if kind in ("JPEG", "PNG") and upright and max(image.size) <= max_side:
                return _data_uri(data, f"image/{kind.lower()}")
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_side, max_side))
            buffer = io.BytesIO()
            if kind == "JPEG":
                image.convert("RGB").save(buffer, format="JPEG", quality=88)
                return _data_uri(buffer.getvalue(), "image/jpeg")
            image.save(buffer, format="PNG")
            return _data_uri(buffer.getvalue(), "image/png")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        log.warning("image for a PDF could not be read: %s", exc)
        raise PdfError(_("An image of the document could not be read.")) from exc
