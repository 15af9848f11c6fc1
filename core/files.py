"""Stored files: kept under FILES_DIR, outside the web root, under random names.

The shared pieces of every upload: reading it within a size limit, telling programs apart, opening
an image by its content (only the JPEG, PNG and WebP decoders ever see the bytes, and a
decompression bomb is refused before it is decoded), and the one ``content_disposition`` every
download uses. A person's photo (the directory) is saved here with a 256px thumbnail made once;
attachments (core.attachments) and photo sets (core.photos) build on the same pieces.
"""
import io
import math
import re
import secrets
import unicodedata
import warnings
from pathlib import Path
from urllib.parse import quote

from flask import abort, current_app, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps
from sqlalchemy import event
from sqlalchemy.orm import Session

from core.text import clean_text, to_fa_digits

MAX_IMAGE_BYTES = 5 * 1024 * 1024
THUMBNAIL_SIZE = (256, 256)
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIMETYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
_STORED_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png|webp)")
# Windows (MZ), Linux (ELF) and macOS (Mach-O, universal) programs, and scripts (#!).
_PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                       b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
# Control characters, bidi overrides and isolates, quotes and slashes never reach a header.
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\"]+')


class FileRejected(ValueError):
    """An upload that cannot be stored; ``str(exc)`` is the Persian message for the user and
    ``exc.named`` the same message naming the file (for lists of many files)."""

    def __init__(self, message, filename=None):
        super().__init__(str(message))
        self.filename = filename

    @property
    def named(self):
        if not self.filename:
            return str(self)
        return _("%(name)s: %(message)s", name=self.filename, message=str(self))


def files_dir() -> Path:
    return Path(current_app.config["FILES_DIR"])


def megabytes(size: int) -> str:
    """A byte count as whole megabytes in Persian digits, for messages."""
    return to_fa_digits(max(1, round(size / (1024 * 1024))))


def read_upload(file_storage, limit: int) -> bytes:
    """The upload's bytes, or FileRejected when it is empty or larger than ``limit``."""
    data = file_storage.stream.read(limit + 1)
    if not data:
        raise FileRejected(_("The file is empty."))
    if len(data) > limit:
        raise FileRejected(_("The file is larger than %(size)s MB.", size=megabytes(limit)))
    return data


def display_name(filename: str | None) -> str:
    """The user's file name as shown back: no folders, no control or bidi characters (ZWNJ kept)."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C" or c == "\u200c")
    return clean_text(name) or ""


def is_program(data: bytes) -> bool:
    return data.startswith(_PROGRAM_SIGNATURES)


def looks_like_image(data: bytes) -> bool:
    """Starts like a JPEG, PNG or WebP: worth handing to the image decoders."""
    return data.startswith(_IMAGE_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


class ImageTooLarge(FileRejected):
    """An image whose pixel count would flood memory when decoded (a decompression bomb)."""


def open_upload_image(data: bytes, draft_box=None):
    """Decode an image of one of ``IMAGE_FORMATS``: ``(image, format, full size)``.

    ``draft_box`` lets a large JPEG decode at a reduced scale (at least that size), which is all a
    thumbnail needs; the whole file is still read, so a truncated one is still refused.
    :raises ImageTooLarge: more pixels than Pillow's bomb limit.
    :raises FileRejected: not such an image, or damaged.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS)) as probe:
                # A JPEG carrying extra frames (depth maps, previews) opens as MPO: its first frame is the photo.
                kind = "JPEG" if probe.format == "MPO" else probe.format
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=[kind])
            size = image.size
            if draft_box and kind == "JPEG":
                # The longer side at least the box's: draft() wants both sides at least the size asked.
                scale = max(max(size) / max(draft_box), 1)
                image.draft("RGB", (math.ceil(size[0] / scale), math.ceil(size[1] / scale)))
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageTooLarge(_("The image has too many pixels to be opened safely (more than %(count)s million).",
                              count=to_fa_digits(Image.MAX_IMAGE_PIXELS // 1_000_000))) from None
    except (OSError, SyntaxError, ValueError):
        raise FileRejected(_l("The file is not an image in JPEG, PNG or WebP format.")) from None
    return image, kind, size


def _open_image(data):
    """The decoded image and its format, or FileRejected when the bytes are not a usable image."""
    image, kind, _size = open_upload_image(data)
    return image, kind


# --- a person's photo (the directory) ----------------------------------------------------------

def _image_path(name: str, thumbnail=False) -> Path:
    if not _STORED_NAME.fullmatch(name or ""):
        raise FileNotFoundError(name)
    stem, ext = name.split(".")
    return files_dir() / "images" / (f"{stem}.thumb.{ext}" if thumbnail else name)


def save_image(file_storage, max_bytes=MAX_IMAGE_BYTES) -> str:
    """Check an uploaded image by its content, store it and its thumbnail; return the stored name."""
    data = file_storage.stream.read(max_bytes + 1)
    if not data:
        raise FileRejected(_l("The file is empty."))
    if len(data) > max_bytes:
        raise FileRejected(_l("The image is larger than %(size)s MB.", size=max_bytes // (1024 * 1024)))
    image, kind = _open_image(data)
    name = f"{secrets.token_hex(16)}.{IMAGE_FORMATS[kind]}"
    path = _image_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    thumbnail = ImageOps.exif_transpose(image)
    thumbnail.thumbnail(THUMBNAIL_SIZE)
    if kind == "JPEG" and thumbnail.mode not in ("RGB", "L"):
        thumbnail = thumbnail.convert("RGB")
    thumbnail.save(_image_path(name, thumbnail=True), format=kind)
    return name


def open_image(name: str, thumbnail=False):
    """The stored image (or its thumbnail) opened for binary reading."""
    return _image_path(name, thumbnail).open("rb")


def serve_image(name: str, download_name: str, thumbnail=False):
    """Send a stored image inline with its real content type; 404 when it is missing."""
    try:
        path = _image_path(name, thumbnail)
    except FileNotFoundError:
        abort(404)
    if not path.is_file():
        abort(404)
    ext = name.rsplit(".", 1)[1]
    response = send_file(path, mimetype=MIMETYPES[ext], conditional=True, max_age=0)
    response.headers["Content-Disposition"] = content_disposition(f"{download_name}.{ext}", as_attachment=False)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


# --- files of deleted rows ----------------------------------------------------------------------

_DOOMED = "core.files.doomed"


def remove_after_commit(session, paths):
    """Remove ``paths`` once the transaction that deleted their rows for good commits; a rollback
    keeps them. Called from ``after_delete`` events (a purge from the trash)."""
    session.info.setdefault(_DOOMED, []).extend(paths)


@event.listens_for(Session, "after_commit")
def _remove_doomed(session):
    for path in session.info.pop(_DOOMED, ()):
        Path(path).unlink(missing_ok=True)


@event.listens_for(Session, "after_rollback")
def _keep_doomed(session):
    session.info.pop(_DOOMED, None)


# --- downloads ---------------------------------------------------------------------------------

def content_disposition(filename: str, as_attachment=True, default="file") -> str:
    """A Content-Disposition header with an ASCII fallback name and the real (Persian) one per
    RFC 5987; control characters, bidi controls, quotes and slashes are dropped from both."""
    name = " ".join(_UNSAFE_IN_NAME.sub(" ", filename or "").split()) or default
    stem, dot, extension = name.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,10}", extension):
        stem, extension = name, ""
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or default
    fallback = f"{ascii_stem}.{extension}" if extension else ascii_stem
    disposition = "attachment" if as_attachment else "inline"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
