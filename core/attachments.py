"""Attachments: files kept with any record (``core.models.Attachment``), checked by content.

An upload is accepted by what it is, never by its name or the browser's content type: a PDF must
start with ``%PDF-`` and parse, an image must decode with Pillow (core.files), a DOCX or XLSX must
be a zip with the parts of that format (and an XLSX must open in openpyxl); a program is named as
such. Each use passes its allow-list (``SCANS`` for a scanned letter, ``DOCUMENTS`` for a
meeting's files) and a size limit. Files are stored under FILES_DIR/attachments with random
names, outside the web root; the user's file name is kept in the database and sent back in an
RFC 5987 Content-Disposition (``core.files.content_disposition``).

Who may see a record's files is the business of whoever owns the record: the owner of an entity
type (a table) registers it once, ``register_attachment_owner("committee_meetings", can_view=...)``,
and the generic pages of core.photos (``/files/...``) serve, take and trash files and photos of that
type only for users it lets in. A view of the owner's own may also serve a file with ``serve``.
"""
import io
import logging
import os
import re
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from flask import abort, current_app, send_file
from flask_login import current_user
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import event, select
from sqlalchemy.orm import object_session
from wtforms.utils import unset_value
from wtforms.validators import ValidationError

from core import files
from core.db import db
from core.files import FileRejected, content_disposition
from core.models import Attachment
from core.text import to_fa_digits

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


def accept_attribute(kinds) -> str:
    """The ``accept`` of a file input: the content types of ``kinds`` (a hint to the browser only)."""
    return ",".join(sorted({KINDS[kind].content_type for kind in kinds}))


def clean_filename(filename: str | None, extension: str) -> str:
    """The user's file name without folders or control characters, ending in ``extension``."""
    name = files.display_name(filename)
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

    :raises core.files.FileRejected: with the Persian message for the user (``named`` adds the
        file's name).
    """
    try:
        data = files.read_upload(file_storage, max_bytes)
        if files.is_program(data):
            raise FileRejected(_("This file is a program, which is never accepted."))
        kind = detect_kind(data)
        if kind not in kinds:
            raise FileRejected(_("This file is not accepted. Accepted files: %(kinds)s.", kinds=kinds_label(kinds)))
    except FileRejected as error:
        raise FileRejected(str(error), files.display_name(file_storage.filename)) from None
    spec = KINDS[kind]
    stored_name = f"{secrets.token_hex(16)}.{spec.extension}"
    path = _path(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return StoredFile(stored_name, clean_filename(file_storage.filename, spec.extension), spec.content_type,
                      len(data))


def store_uploads(file_storages, kinds=DOCUMENTS, max_bytes=MAX_ATTACHMENT_BYTES):
    """Store each of many uploads that passes: ``(stored files, rejections)``, where each
    rejection is a ``FileRejected`` naming its file. Inputs left empty are skipped."""
    stored, rejected = [], []
    for upload in file_storages:
        if not getattr(upload, "filename", ""):
            continue
        try:
            stored.append(store_upload(upload, kinds, max_bytes))
        except FileRejected as error:
            rejected.append(error)
    return stored, rejected


@event.listens_for(Attachment, "after_delete")
def _remove_purged_file(mapper, connection, attachment):
    files.remove_after_commit(object_session(attachment), [_path(attachment.stored_name)])


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


# --- owners: who may see and change a record's files -------------------------------------------

@dataclass(frozen=True)
class AttachmentOwner:
    """How the owner of an entity type (a table) answers for its records' files and photos."""

    entity: str
    can_view: Callable
    can_edit: Callable | None = None
    describe: Callable | None = None
    kinds: tuple = DOCUMENTS
    max_bytes: int = MAX_ATTACHMENT_BYTES
    photo_count: object = None  # a column of the owner's table kept by core.photos.counts


_OWNERS: dict[str, AttachmentOwner] = {}


def register_attachment_owner(entity, can_view, can_edit=None, *, describe=None, kinds=DOCUMENTS,
                              max_bytes=MAX_ATTACHMENT_BYTES, photo_count=None) -> AttachmentOwner:
    """Let the generic file and photo pages (core.photos, ``/files/...``) serve the files and photos
    of the records in table ``entity``; call it once when the owner's module is imported.

    :param entity: the records' table name (a plugin's tables start with its key, so the pages answer
        404 while the module is off).
    :param can_view: ``(user, entity_id) -> bool``: may the user see the record, and so its files
        and photos? Return None when there is no such record (or it is in the trash): 404.
    :param can_edit: ``(user, entity_id) -> bool``: may the user add, change and trash them? Without
        it nobody may through the generic pages.
    :param describe: ``(entity_id) -> (title, url)``: the record's name and page, for the headings of
        the photo pages and their links back.
    :param kinds: the keys of ``KINDS`` the generic attachment upload accepts for these records.
    :param max_bytes: the size limit of one attached file.
    :param photo_count: an integer column of ``entity`` (e.g. ``Event.frames``) that the core keeps
        equal to each record's number of photos outside the trash (core.photos.counts), for lists
        and sums that would otherwise count the photos on every request.
    """
    owner = AttachmentOwner(entity, can_view, can_edit, describe, tuple(kinds), max_bytes, photo_count)
    _OWNERS[entity] = owner
    return owner


def photo_count_columns() -> dict:
    """``{entity: column}`` of the owners that keep a count of their records' photos."""
    return {entity: owner.photo_count for entity, owner in _OWNERS.items() if owner.photo_count is not None}


def _module_is_on(entity):
    from core.plugins.manager import enabled_modules, registry
    from core.trash import module_key

    key = module_key(entity, registry().loaded_keys())
    return key is None or key in enabled_modules()


def check_record_access(entity: str, entity_id: int, edit=False, user=None) -> AttachmentOwner:
    """The owner of ``entity`` once the user (default: the current one) may see the record, or
    change its files with ``edit``; otherwise 404 (unknown type, module off, no such record) or 403."""
    owner = _OWNERS.get(entity)
    if owner is None or not _module_is_on(entity):
        abort(404)
    user = current_user if user is None else user
    visible = owner.can_view(user, entity_id)
    if visible is None:
        abort(404)
    if not visible or (edit and not (owner.can_edit is not None and owner.can_edit(user, entity_id))):
        abort(403)
    return owner


def may_edit_record(owner: AttachmentOwner, entity_id: int, user=None) -> bool:
    user = current_user if user is None else user
    return owner.can_edit is not None and bool(owner.can_edit(user, entity_id))


def upload_rules(entity: str) -> dict:
    """``{"accept", "hint"}`` for a file input taking attachments of ``entity``'s records."""
    owner = _OWNERS.get(entity)
    kinds, max_bytes = (owner.kinds, owner.max_bytes) if owner else (DOCUMENTS, MAX_ATTACHMENT_BYTES)
    return {"accept": accept_attribute(kinds), "hint": upload_hint(kinds, max_bytes)}


def describe_record(owner: AttachmentOwner, entity_id: int):
    """``(title, url)`` of the record, or None when its owner does not say."""
    return owner.describe(entity_id) if owner.describe is not None else None


# --- serving -----------------------------------------------------------------------------------

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
        kwargs["render_kw"] = {"accept": accept_attribute(kinds), **(kwargs.get("render_kw") or {})}
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
                raise ValidationError(error.named) from None
            self.kept_token = sign(self.stored)
        elif self.kept_token:
            self.stored = unsign(self.kept_token)
            if self.stored is None:
                self.kept_token = ""
