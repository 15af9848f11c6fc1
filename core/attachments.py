"""Attachments: files kept with any record (``core.models.Attachment``), checked by content.

An upload is accepted by what it is, never by its name or the browser's content type: a PDF must
start with ``%PDF-`` and parse, an image must decode with Pillow (core.files), a DOCX or XLSX must
be a zip with the parts of that format (and an XLSX must open in openpyxl). Each use passes its
allow-list (``SCANS`` for a scanned letter, ``DOCUMENTS`` for a meeting's files) and a size limit.
Files are stored under FILES_DIR/attachments with random names, outside the web root; the
user's file name is kept in the database and sent back in an RFC 5987 Content-Disposition.

Who may download a file is the caller's business: serve it from a view that checks the record
the attachment belongs to (see core.committees.views).
"""
import io
import logging
import os
import re
import secrets
import unicodedata
import zipfile
from typing import NamedTuple
from urllib.parse import quote

from flask import abort, current_app, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from wtforms.utils import unset_value
from wtforms.validators import ValidationError

from core import files
from core.db import db
from core.files import FileRejected
from core.models import Attachment
from core.text import clean_text, to_fa_digits

log = logging.getLogger(__name__)


class Kind(NamedTuple):
    content_type: str
    extension: str
    label: object  # shown to users in the list of accepted kinds
    inline: bool  # browsers show it themselves; otherwise it is downloaded


KINDS = {
    "pdf": Kind("application/pdf", "pdf", "PDF", True),
    "jpeg": Kind("image/jpeg", "jpg", "JPEG", True),
    "png": Kind("image/png", "png", "PNG", True),
    "webp": Kind("image/webp", "webp", "WebP", True),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
                 _l("Word (DOCX)"), False),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
                 _l("Excel (XLSX)"), False),
}
SCANS = ("pdf", "jpeg", "png", "webp")
DOCUMENTS = ("pdf", "jpeg", "png", "webp", "docx", "xlsx")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a DOCX/XLSX is a zip: refuse one that unpacks into a flood
KEPT_MAX_AGE = 24 * 3600
_STORED_NAME = re.compile(r"[0-9a-f]{32}\.(pdf|jpg|png|webp|docx|xlsx)")
_PIL_KINDS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}


class StoredFile(NamedTuple):
    """A checked upload written to disk, not yet attached to a record."""

    stored_name: str
    original_name: str
    content_type: str
    size: int


# --- checking by content -----------------------------------------------------------------------

def _is_pdf(data):
    if not data.startswith(b"%PDF-"):
        return False
    from pypdf import PdfReader

    try:
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        return len(PdfReader(io.BytesIO(data)).pages) > 0
    except Exception:  # pypdf raises many kinds of errors on a damaged or encrypted file
        return False


def _office_kind(data):
    """"docx" or "xlsx" for a well-formed Office Open XML file, else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
                return None
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names:
                return None
            content_types = archive.read("[Content_Types].xml")
            if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in content_types:
                return "docx" if archive.testzip() is None else None
            if "xl/workbook.xml" not in names or b"spreadsheetml.sheet.main+xml" not in content_types:
                return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, EOFError):
        return None
    from openpyxl import load_workbook

    try:
        load_workbook(io.BytesIO(data), read_only=True).close()
    except Exception:  # openpyxl raises many kinds of errors on a damaged workbook
        return None
    return "xlsx"


def _image_kind(data):
    if not (data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")):
        return None
    try:
        _image, pil_format = files._open_image(data)
    except FileRejected:
        return None
    return _PIL_KINDS.get(pil_format)


def detect_kind(data: bytes) -> str | None:
    """The key in ``KINDS`` of what ``data`` really is, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf" if _is_pdf(data) else None
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return _image_kind(data)


def kinds_label(kinds) -> str:
    """«PDF، JPEG، ... یا اکسل (XLSX)»: the accepted kinds in a sentence."""
    # Each name isolated (FSI…PDI), so the Latin names keep their places in the Persian sentence.
    labels = [f"\u2068{KINDS[kind].label}\u2069" for kind in kinds]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s or %(last)s", first="، ".join(labels[:-1]), last=labels[-1])


def upload_hint(kinds=DOCUMENTS, max_bytes=MAX_ATTACHMENT_BYTES) -> str:
    return _("%(kinds)s, at most %(size)s MB.", kinds=kinds_label(kinds),
             size=to_fa_digits(max_bytes // (1024 * 1024)))


def clean_filename(filename: str | None, extension: str) -> str:
    """The user's file name without folders or control characters, ending in ``extension``."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C" or c == "\u200c")
    name = clean_text(name) or ""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" .")[:150] or _("file")
    return f"{stem}.{extension}"


# --- storing -----------------------------------------------------------------------------------

def _path(stored_name: str):
    if not _STORED_NAME.fullmatch(stored_name or ""):
        raise FileNotFoundError(stored_name)
    return files.files_dir() / "attachments" / stored_name


def store_upload(file_storage, kinds=DOCUMENTS, max_bytes=MAX_ATTACHMENT_BYTES) -> StoredFile:
    """Check an upload by its content against ``kinds`` and write it under a random name.

    :raises core.files.FileRejected: with the Persian message for the user.
    """
    data = file_storage.stream.read(max_bytes + 1)
    if not data:
        raise FileRejected(_("The file is empty."))
    if len(data) > max_bytes:
        raise FileRejected(_("The file is larger than %(size)s MB.", size=to_fa_digits(max_bytes // (1024 * 1024))))
    kind = detect_kind(data)
    if kind not in kinds:
        raise FileRejected(_("This file is not accepted. Accepted files: %(kinds)s.", kinds=kinds_label(kinds)))
    spec = KINDS[kind]
    stored_name = f"{secrets.token_hex(16)}.{spec.extension}"
    path = _path(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return StoredFile(stored_name, clean_filename(file_storage.filename, spec.extension), spec.content_type,
                      len(data))


def attach(stored: StoredFile, entity: str, entity_id: int, purpose="", user=None) -> Attachment:
    """Record a stored file as an attachment of row ``entity_id`` of table ``entity``."""
    attachment = Attachment(entity=entity, entity_id=entity_id, purpose=purpose, stored_name=stored.stored_name,
                            original_name=stored.original_name, content_type=stored.content_type,
                            size=stored.size, uploaded_by_id=getattr(user, "id", None))
    db.session.add(attachment)
    return attachment


def attachments_of(entity: str, ids, purpose=None) -> dict[int, list[Attachment]]:
    """``{entity id: [Attachment, ...]}`` (oldest first) for many rows in one query."""
    ids = list(ids)
    found = {entity_id: [] for entity_id in ids}
    if not ids:
        return found
    statement = select(Attachment).where(Attachment.entity == entity, Attachment.entity_id.in_(ids))
    if purpose is not None:
        statement = statement.where(Attachment.purpose == purpose)
    for attachment in db.session.scalars(statement.order_by(Attachment.id)):
        found[attachment.entity_id].append(attachment)
    return found


def _serializer():
    return URLSafeTimedSerializer(current_app.secret_key, salt="core.attachments.kept")


def sign(stored: StoredFile) -> str:
    return _serializer().dumps(list(stored))


def unsign(token: str) -> StoredFile | None:
    """The stored file a form kept while it had other errors, or None for a bad or old token."""
    try:
        stored = StoredFile(*_serializer().loads(token, max_age=KEPT_MAX_AGE))
        return stored if _path(stored.stored_name).is_file() else None
    except (BadSignature, TypeError, ValueError, FileNotFoundError):
        return None


# --- serving -----------------------------------------------------------------------------------

def content_disposition(filename: str, as_attachment=True) -> str:
    """A Content-Disposition with an ASCII fallback and the real (Persian) name per RFC 5987."""
    extension = filename.rsplit(".", 1)[-1] if "." in filename else ""
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "-", filename.rsplit(".", 1)[0]).strip("-.")
    fallback = f"{ascii_stem or 'file'}.{extension}" if extension else (ascii_stem or "file")
    disposition = "attachment" if as_attachment else "inline"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def serve(attachment: Attachment, as_attachment=None):
    """Send an attachment's file (inline for PDFs and images, as a download otherwise)."""
    try:
        path = _path(attachment.stored_name)
    except FileNotFoundError:
        abort(404)
    if not path.is_file():
        abort(404)
    if as_attachment is None:
        kind = next((k for k in KINDS.values() if k.content_type == attachment.content_type), None)
        as_attachment = kind is None or not kind.inline
    response = send_file(path, mimetype=attachment.content_type, conditional=True, max_age=0)
    response.headers["Content-Disposition"] = content_disposition(attachment.original_name, as_attachment)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


# --- forms -------------------------------------------------------------------------------------

class AttachmentField(FileField):
    """A file input checked by content and stored when the form is validated.

    After validation ``field.stored`` is the ``StoredFile`` (None when no file came). A file that
    arrived with a form that had other errors is kept in a signed hidden input
    (``<name>__kept``, rendered by the ``ui.attachment_field`` macro), so the user need not
    choose it again; call ``attach(field.stored, ...)`` once the record is saved."""

    def __init__(self, label=None, validators=None, kinds=DOCUMENTS, max_bytes=MAX_ATTACHMENT_BYTES, **kwargs):
        accept = ",".join(sorted({KINDS[kind].content_type for kind in kinds}))
        kwargs["render_kw"] = {"accept": accept, **(kwargs.get("render_kw") or {})}
        super().__init__(label, validators, **kwargs)
        self.kinds = kinds
        self.max_bytes = max_bytes
        self.stored = None
        self.kept_token = ""

    @property
    def hint(self):
        return upload_hint(self.kinds, self.max_bytes)

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        self.kept_token = (formdata.get(self.name + "__kept") if formdata else None) or ""

    def pre_validate(self, form):
        upload = self.data
        if upload and getattr(upload, "filename", ""):
            try:
                self.stored = store_upload(upload, self.kinds, self.max_bytes)
            except FileRejected as error:
                self.kept_token = ""
                raise ValidationError(str(error)) from None
            self.kept_token = sign(self.stored)
        elif self.kept_token:
            self.stored = unsign(self.kept_token)
            if self.stored is None:
                self.kept_token = ""
