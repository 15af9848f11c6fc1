"""Stored files (photos for now): kept under FILES_DIR, outside the web root, under random names.

An upload is accepted by what it contains, not by its name: Pillow must read it as a JPEG,
PNG or WebP image. A 256px thumbnail is made once, beside the image, when it is saved.
"""
import io
import re
import secrets
import warnings
from pathlib import Path

from flask import abort, current_app, send_file
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps

MAX_IMAGE_BYTES = 5 * 1024 * 1024
THUMBNAIL_SIZE = (256, 256)
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIMETYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
_STORED_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png|webp)")


class FileRejected(ValueError):
    """An upload that cannot be stored; ``str(exc)`` is the Persian message for the user."""


def files_dir() -> Path:
    return Path(current_app.config["FILES_DIR"])


def _image_path(name: str, thumbnail=False) -> Path:
    if not _STORED_NAME.fullmatch(name or ""):
        raise FileNotFoundError(name)
    stem, ext = name.split(".")
    return files_dir() / "images" / (f"{stem}.thumb.{ext}" if thumbnail else name)


def _read_upload(file_storage, limit):
    data = file_storage.stream.read(limit + 1)
    if not data:
        raise FileRejected(_l("The file is empty."))
    if len(data) > limit:
        raise FileRejected(_l("The image is larger than %(size)s MB.", size=limit // (1024 * 1024)))
    return data


def _open_image(data):
    """The decoded image and its format, or FileRejected when the bytes are not a usable image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only these decoders are tried, so no other format's parser ever sees the bytes.
            with Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS)) as probe:
                kind = probe.format
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=[kind])
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise FileRejected(_l("The file is not an image in JPEG, PNG or WebP format.")) from None
    return image, kind


def save_image(file_storage, max_bytes=MAX_IMAGE_BYTES) -> str:
    """Check an uploaded image by its content, store it and its thumbnail; return the stored name."""
    data = _read_upload(file_storage, max_bytes)
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
    response = send_file(path, mimetype=MIMETYPES[ext], download_name=f"{download_name}.{ext}",
                         as_attachment=False, conditional=True, max_age=0)
    response.headers["Cache-Control"] = "private, no-cache"
    return response
