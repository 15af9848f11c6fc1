"""A photo checked by its content and rendered once, at upload: its kind, upright size, capture
time and camera from EXIF, and two JPEG renderings (the grid's thumbnail and the photo page's).

Only the JPEG, PNG and WebP decoders see the bytes (core.files.open_upload_image); a large JPEG is
decoded at a reduced scale, which is all the renderings need and keeps a 45-megapixel frame cheap.
"""
import hashlib
import io
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import NamedTuple

from flask_babel import gettext as _
from PIL import ExifTags, Image, ImageOps

from core import files
from core.files import FileRejected, ImageTooLarge
from core.jalali import TIMEZONE
from core.photos.models import THUMB_BOX, VIEW_BOX

PHOTO_TYPES = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
_EXIF_TIME = re.compile(r"(\d{4})[:/-](\d{2})[:/-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?")
_EXIF_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
_CAPTURE_TAGS = ((ExifTags.Base.DateTimeOriginal, ExifTags.Base.OffsetTimeOriginal),
                 (ExifTags.Base.DateTimeDigitized, ExifTags.Base.OffsetTimeDigitized))
_TURNED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


class Rendering(NamedTuple):
    data: bytes
    width: int
    height: int


class CheckedPhoto(NamedTuple):
    extension: str
    content_type: str
    width: int
    height: int
    taken_at: datetime | None  # None: the photo does not say when it was taken
    camera: str
    checksum: str
    thumb: Rendering
    view: Rendering


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_photo(data: bytes, now=None) -> CheckedPhoto:
    """Check ``data`` as a photo and render it. :raises FileRejected: with the Persian reason."""
    if not data:
        raise FileRejected(_("The file is empty."))
    if files.is_program(data):
        raise FileRejected(_("This file is a program, not a photo."))
    if not files.looks_like_image(data):
        raise FileRejected(_("This file is not a photo in JPEG, PNG or WebP format."))
    try:
        image, kind, (width, height) = files.open_upload_image(data, draft_box=(VIEW_BOX, VIEW_BOX))
    except ImageTooLarge:
        raise
    except FileRejected:
        raise FileRejected(_("The photo is damaged or incomplete and cannot be opened.")) from None
    with image:
        exif = image.getexif()
        if exif.get(ExifTags.Base.Orientation) in _TURNED:
            width, height = height, width
        try:
            view = _render(_flatten(ImageOps.exif_transpose(image)), VIEW_BOX, 85, image.info.get("icc_profile"))
        except (OSError, ValueError):
            raise FileRejected(_("The photo is damaged or incomplete and cannot be opened.")) from None
    with Image.open(io.BytesIO(view.data)) as rendered:
        rendered.load()
        thumb = _render(rendered, THUMB_BOX, 80, rendered.info.get("icc_profile"))
    extension, content_type = PHOTO_TYPES[kind]
    return CheckedPhoto(extension, content_type, width, height, capture_time(exif, now), camera_name(exif),
                        checksum(data), thumb, view)


def _flatten(image):
    """RGB for JPEG: transparency over white, other modes converted."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def _render(image, box, quality, icc_profile) -> Rendering:
    copy = image.copy()
    copy.thumbnail((box, box), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True, icc_profile=icc_profile)
    return Rendering(buffer.getvalue(), *copy.size)


def capture_time(exif, now=None) -> datetime | None:
    """When the photo was taken (UTC), from EXIF DateTimeOriginal (or DateTimeDigitized), in the
    camera's recorded offset or else Tehran time; None when absent or impossible."""
    ifd = exif.get_ifd(ExifTags.IFD.Exif)
    now = now or datetime.now(UTC)
    for time_tag, offset_tag in _CAPTURE_TAGS:
        match = _EXIF_TIME.search(_text(ifd.get(time_tag)))
        if not match:
            continue
        try:
            local = datetime(*(int(part or 0) for part in match.groups()))
        except ValueError:  # 0000:00:00 00:00:00, month 13, ...
            continue
        offset = _EXIF_OFFSET.fullmatch(_text(ifd.get(offset_tag)))
        if offset:
            sign = -1 if offset[1] == "-" else 1
            zone = timezone(sign * timedelta(hours=int(offset[2]), minutes=int(offset[3])))
        else:
            zone = TIMEZONE
        taken = local.replace(tzinfo=zone).astimezone(UTC)
        if datetime(1900, 1, 1, tzinfo=UTC) < taken <= now + timedelta(days=1):
            return taken
    return None


def camera_name(exif) -> str:
    make = _text(exif.get(ExifTags.Base.Make))
    model = _text(exif.get(ExifTags.Base.Model))
    if make and model.lower().startswith(make.split()[0].lower()):
        return model[:100]
    return " ".join(part for part in (make, model) if part)[:100]


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value or "").replace("\x00", " ").split())
