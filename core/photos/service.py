"""Saving, listing and zipping the photos of a record.

    from core.photos.service import import_photos, photo_strip, upload_sources

    result = import_photos("news_events", event.id, upload_sources(request.files.getlist("photos")),
                           user_id=current_user.id)
    db.session.commit()   # result.saved, result.skipped and result.rejected name every file

A photo's files live under FILES_DIR/photos/<first two letters of the stem>/: the original under
its random stored name, and ``<stem>.thumb.jpg`` and ``<stem>.view.jpg`` made once at upload.
"""
import math
import os
import re
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import event, func, select
from sqlalchemy.orm import object_session

from core import files
from core.attachments import clean_filename, kinds_label
from core.db import db, utcnow
from core.files import FileRejected
from core.jalali import TIMEZONE
from core.listing import Page
from core.photos.models import Photo
from core.photos.processing import check_photo, checksum
from core.text import fa_number, to_ascii_digits, to_fa_digits
from core.urls import row_url

MAX_PHOTO_BYTES = 40 * 1024 * 1024
MAX_ZIP_FILES = 5000
MAX_ZIP_RATIO = 50  # photos barely compress: an entry that unpacks 50 times larger is a bomb
RENDERINGS = ("thumb", "view")
_STORED_NAME = re.compile(r"([0-9a-f]{32})\.(jpg|png|webp)")
_JUNK = re.compile(r"(^|/)(__MACOSX/|\._)|(^|/)(\.DS_Store|Thumbs\.db|desktop\.ini)$", re.IGNORECASE)


def max_photo_bytes() -> int:
    return current_app.config.get("PHOTO_MAX_BYTES", MAX_PHOTO_BYTES)


def upload_hint() -> str:
    """What the photo upload accepts, in a sentence under the file input."""
    return _("%(kinds)s photos, each at most %(size)s MB; choose many at once, or a ZIP file of photos.",
             kinds=kinds_label(("jpeg", "png", "webp")), size=files.megabytes(max_photo_bytes()))


def file_size(size: int) -> str:
    """«۸۵۰ کیلوبایت», «۲٫۴ مگابایت»."""
    if size < 1024 * 1024:
        return _("%(size)s KB", size=fa_number(max(1, math.ceil(size / 1024))))
    return _("%(size)s MB", size=fa_number(size / (1024 * 1024), 1))


def _number(value):
    """``escape(value)`` of a size: a number has nothing to escape."""
    return value if type(value) is int else escape(value)


def thumb(photo) -> Markup:
    """A photo's thumbnail linking to its page (the template global ``photo_thumb``), with its size
    and lazy loading: in Python, not a macro, as the galleries show dozens on a page."""
    link = escape(row_url("files.photo", photo_id=photo.id))
    src = escape(row_url("files.rendering", photo_id=photo.id, rendering="thumb", stem=photo.stem))
    return Markup(
        f'<a class="photo-thumb" href="{link}">\n'
        f'  <img src="{src}"\n'
        f'       width="{_number(photo.thumb_width)}" height="{_number(photo.thumb_height)}" loading="lazy" decoding="async"\n'
        f'       alt="{escape(photo.caption or photo.original_name)}">\n'
        "</a>\n"
    )


# --- files on disk -----------------------------------------------------------------------------

def photo_path(stored_name: str, rendering: str | None = None) -> Path:
    """The original (or its ``thumb``/``view`` rendering) of a stored photo; FileNotFoundError for
    anything but a stored name."""
    match = _STORED_NAME.fullmatch(stored_name or "")
    if not match or rendering not in (None, *RENDERINGS):
        raise FileNotFoundError(stored_name)
    stem = match[1]
    name = stored_name if rendering is None else f"{stem}.{rendering}.jpg"
    return files.files_dir() / "photos" / stem[:2] / name


def _write(path: Path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


@event.listens_for(Photo, "after_delete")
def _remove_purged_files(mapper, connection, photo):
    files.remove_after_commit(object_session(photo),
                              [photo_path(photo.stored_name, rendering) for rendering in (None, *RENDERINGS)])


# --- saving ------------------------------------------------------------------------------------

def next_sort_order(entity: str, entity_id: int) -> int:
    highest = db.session.scalar(select(func.max(Photo.sort_order))
                                .where(Photo.entity == entity, Photo.entity_id == entity_id))
    return (highest or 0) + 1


def save_photo(entity, entity_id, data: bytes, filename, *, user_id=None, sort_order=None, caption="") -> Photo:
    """Check ``data``, write the original and its renderings, and add the Photo to the session.

    :raises FileRejected: with the Persian reason, naming the file.
    """
    try:
        checked = check_photo(data)
    except FileRejected as error:
        raise FileRejected(str(error), filename) from None
    stored_name = f"{secrets.token_hex(16)}.{checked.extension}"
    _write(photo_path(stored_name), data)
    _write(photo_path(stored_name, "thumb"), checked.thumb.data)
    _write(photo_path(stored_name, "view"), checked.view.data)
    photo = Photo(
        entity=entity, entity_id=entity_id, caption=caption,
        sort_order=next_sort_order(entity, entity_id) if sort_order is None else sort_order,
        stored_name=stored_name, original_name=clean_filename(filename, checked.extension),
        content_type=checked.content_type, size=len(data), checksum=checked.checksum,
        width=checked.width, height=checked.height, thumb_width=checked.thumb.width,
        thumb_height=checked.thumb.height, view_width=checked.view.width, view_height=checked.view.height,
        taken_at=checked.taken_at or utcnow(), taken_from_exif=checked.taken_at is not None,
        camera=checked.camera, uploaded_by_id=user_id)
    # Not flushed here: on SQLite the first INSERT takes the database's write lock until the commit,
    # and a batch should not hold it while it decodes photos.
    db.session.add(photo)
    return photo


@dataclass
class Source:
    """One file to import: its name as the user knows it and how to read its bytes (which may
    raise FileRejected, e.g. when it is too large)."""

    name: str
    read: Callable[[], bytes]


@dataclass
class ImportResult:
    saved: list = field(default_factory=list)  # Photo rows
    skipped: list = field(default_factory=list)  # (file name, reason): already in the set
    rejected: list = field(default_factory=list)  # (file name, reason)

    def as_dict(self):
        """JSON for a job's result: counts and every file that was not saved."""
        return {"saved": len(self.saved), "skipped": [list(item) for item in self.skipped],
                "rejected": [list(item) for item in self.rejected]}


def import_photos(entity, entity_id, sources, *, user_id=None, progress=None, rejected=()) -> ImportResult:
    """Save every source that is a photo, in order, after the record's photos; a photo already in
    the set (the same bytes) is skipped, so running an import twice adds nothing twice.

    :param sources: ``Source`` items (see ``upload_sources``, ``staged_sources``).
    :param progress: ``progress(done, total)`` after each file (a job's ``ctx.progress`` commits).
    :param rejected: ``(name, reason)`` pairs already found (e.g. in a ZIP), reported with the rest.
    """
    result = ImportResult(rejected=list(rejected))
    known = set(db.session.scalars(select(Photo.checksum).where(Photo.entity == entity,
                                                                  Photo.entity_id == entity_id)))
    order = next_sort_order(entity, entity_id)
    total = len(sources)
    for done, source in enumerate(sources, 1):
        try:
            data = source.read()
            digest = checksum(data)
            if digest in known:
                result.skipped.append((source.name, _("This photo is already in this set.")))
            else:
                result.saved.append(save_photo(entity, entity_id, data, source.name, user_id=user_id,
                                               sort_order=order))
                known.add(digest)
                order += 1
        except FileRejected as error:
            result.rejected.append((source.name, str(error)))
        if progress is not None:
            progress(done, total)
    return result


def upload_sources(file_storages, max_bytes=None) -> list[Source]:
    """Sources for the files of a request (inputs left empty are left out)."""
    limit = max_bytes or max_photo_bytes()
    return [Source(files.display_name(upload.filename), lambda upload=upload: files.read_upload(upload, limit))
            for upload in file_storages if getattr(upload, "filename", "")]


# --- staged uploads and ZIP files (read by the import job) ---------------------------------------

def staging_dir(token: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", token or ""):
        raise FileNotFoundError(token)
    return files.files_dir() / "photos" / "incoming" / token


def stage_uploads(file_storages) -> dict:
    """Save a request's files as they came, for a job to import: ``{"staging", "files"}``."""
    token = secrets.token_hex(16)
    folder = staging_dir(token)
    folder.mkdir(parents=True)
    staged = []
    for number, upload in enumerate(file_storages):
        if getattr(upload, "filename", ""):
            upload.save(folder / f"{number:05d}")
            staged.append([f"{number:05d}", files.display_name(upload.filename)])
    return {"staging": token, "files": staged}


def is_zip(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"PK\x03\x04"


def _read_path(path, limit):
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if not data:
        raise FileRejected(_("The file is empty."))
    if len(data) > limit:
        raise FileRejected(_("The file is larger than %(size)s MB.", size=files.megabytes(limit)))
    return data


def staged_sources(staged: dict, archives: list) -> tuple[list[Source], list]:
    """Sources for staged files, each ZIP file opened (and appended to ``archives`` for the caller
    to close) and replaced by its entries: ``(sources, rejections found on the way)``."""
    folder = staging_dir(staged["staging"])
    limit = max_photo_bytes()
    sources, rejected = [], []
    for stored, name in staged["files"]:
        path = folder / stored
        if not re.fullmatch(r"\d{5}", stored) or not path.is_file():
            continue
        if is_zip(path):
            entries, problems = zip_sources(path, name, limit, archives)
            sources += entries
            rejected += problems
        else:
            sources.append(Source(name, lambda path=path: _read_path(path, limit)))
    return sources, rejected


def _entry_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # not marked UTF-8: zipfile read it as CP437, as the format says
        try:
            name = name.encode("cp437").decode("utf-8")
        except UnicodeError:
            pass
    return files.display_name(name)


def zip_sources(path, zip_name, limit, archives) -> tuple[list[Source], list]:
    """The photos in a ZIP file, read lazily and within limits (entry count, size, compression
    ratio), so a zip bomb is refused before it is unpacked."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return [], [(zip_name, _("The ZIP file is damaged and cannot be opened."))]
    archives.append(archive)
    infos = [info for info in archive.infolist() if not info.is_dir() and not _JUNK.search(info.filename)]
    if len(infos) > MAX_ZIP_FILES:
        return [], [(zip_name, _("The ZIP file holds more than %(count)s files; split it into smaller ones.",
                                 count=to_fa_digits(MAX_ZIP_FILES)))]
    sources, rejected = [], []
    for info in sorted(infos, key=lambda info: natural_key(info.filename)):
        name = _entry_name(info)
        if info.file_size > limit:
            rejected.append((name, _("The file is larger than %(size)s MB.", size=files.megabytes(limit))))
        elif info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            rejected.append((name, _("This file in the ZIP unpacks to far more than its size (a zip bomb); "
                                     "it was not opened.")))
        else:
            sources.append(Source(name, lambda info=info: _read_entry(archive, info, limit)))
    return sources, rejected


def _read_entry(archive, info, limit):
    try:
        with archive.open(info) as entry:
            data = entry.read(limit + 1)
    except RuntimeError:  # encrypted
        raise FileRejected(_("This file in the ZIP is protected by a password.")) from None
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError):
        raise FileRejected(_("This file in the ZIP is damaged and cannot be read.")) from None
    if len(data) > limit:
        raise FileRejected(_("The file is larger than %(size)s MB.", size=files.megabytes(limit)))
    if not data:
        raise FileRejected(_("The file is empty."))
    return data


def natural_key(name: str):
    """IMG_2.jpg before IMG_10.jpg."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", name)]


# --- listing -----------------------------------------------------------------------------------

def _of_record(entity, entity_id):
    return select(Photo).where(Photo.entity == entity, Photo.entity_id == entity_id)


SORTS = {"order": (Photo.sort_order, Photo.id), "taken": (Photo.taken_at, Photo.id)}


@dataclass
class PhotoPage(Page):
    path: str = ""

    def url(self, **changes):
        """The gallery's URL (whichever view rendered it) with some arguments changed."""
        args = {**self.args, **changes}
        query = urlencode({k: v for k, v in args.items() if v not in (None, "")})
        return self.path + ("?" + query if query else "")


def photo_page(entity, entity_id, args, path, per_page=48) -> PhotoPage:
    """One page of a record's photos (two queries): ``sort`` is ``order`` (the set's own order),
    ``taken`` or ``-taken``; ``page`` is the page number; ``path`` the gallery's address."""
    total = db.session.scalar(select(func.count()).select_from(_of_record(entity, entity_id).subquery()))
    sort = args.get("sort") or "order"
    if sort.lstrip("-") not in SORTS or sort == "-order":
        sort = "order"
    columns = SORTS[sort.lstrip("-")]
    ordering = [column.desc() for column in columns] if sort.startswith("-") else list(columns)
    pages = max(1, math.ceil(total / per_page))
    raw = to_ascii_digits(str(args.get("page") or "1"))
    number = min(max(int(raw), 1), pages) if raw.isdigit() else 1
    items = db.session.scalars(_of_record(entity, entity_id).order_by(*ordering)
                               .limit(per_page).offset((number - 1) * per_page)).all() if total else []
    kept = {"sort": sort if sort != "order" else None}
    return PhotoPage(items=items, total=total, page=number, per_page=per_page, sort=sort, args=kept, path=path)


@dataclass
class PhotoStrip:
    """The first photos of a record and how many it has: the ``photos.section`` macro's input."""

    entity: str
    entity_id: int
    items: list
    total: int


def photo_strip(entity, entity_id, limit=8) -> PhotoStrip:
    """For a "Photos" section on the record's own page (two queries, one when there are none)."""
    total = db.session.scalar(select(func.count()).select_from(_of_record(entity, entity_id).subquery()))
    items = db.session.scalars(_of_record(entity, entity_id).order_by(Photo.sort_order, Photo.id)
                               .limit(limit)).all() if total else []
    return PhotoStrip(entity, entity_id, items, total)


def photo_counts(entity, ids) -> dict[int, int]:
    """``{entity id: number of photos}`` for many records in one query (lists of events)."""
    ids = list(ids)
    counts = dict.fromkeys(ids, 0)
    if ids:
        rows = db.session.execute(select(Photo.entity_id, func.count()).where(
            Photo.entity == entity, Photo.entity_id.in_(ids)).group_by(Photo.entity_id))
        counts.update(dict(rows.all()))
    return counts


def neighbours(photo) -> tuple[int | None, int | None]:
    """Ids of the photos before and after ``photo`` in its set's order."""
    same_set = select(Photo.id).where(Photo.entity == photo.entity, Photo.entity_id == photo.entity_id)
    key = (Photo.sort_order, Photo.id)
    before = db.session.scalar(same_set.where(
        (Photo.sort_order < photo.sort_order) | ((Photo.sort_order == photo.sort_order) & (Photo.id < photo.id)))
        .order_by(*(column.desc() for column in key)).limit(1))
    after = db.session.scalar(same_set.where(
        (Photo.sort_order > photo.sort_order) | ((Photo.sort_order == photo.sort_order) & (Photo.id > photo.id)))
        .order_by(*key).limit(1))
    return before, after


def move(photo, direction: str) -> bool:
    """Swap ``photo`` with its neighbour ``earlier`` or ``later``; False at either end."""
    before, after = neighbours(photo)
    other_id = before if direction == "earlier" else after
    if other_id is None:
        return False
    other = db.session.get(Photo, other_id)
    if other.sort_order == photo.sort_order:
        # Equal places (photos added elsewhere): make them distinct in the direction of the move.
        if direction == "earlier":
            photo.sort_order -= 1
        else:
            photo.sort_order += 1
        return True
    photo.sort_order, other.sort_order = other.sort_order, photo.sort_order
    return True


# --- ZIP downloads -----------------------------------------------------------------------------

class _Chunks:
    """A write-only stream whose bytes are taken out as they come (zipfile writes, we yield)."""

    def __init__(self):
        self.chunks = []
        self.position = 0

    def write(self, data):
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self):
        return self.position

    def flush(self):
        pass

    def take(self):
        data, self.chunks = b"".join(self.chunks), []
        return data


def zip_entries(photos) -> list[tuple[Path, str, datetime]]:
    """``(path of the original, name in the ZIP, capture time)`` for each photo, names made unique."""
    used = set()
    entries = []
    for photo in photos:
        stem, dot, extension = photo.original_name.rpartition(".")
        name, count = photo.original_name, 1
        while name.lower() in used:
            count += 1
            name = f"{stem} ({count}).{extension}" if dot else f"{photo.original_name} ({count})"
        used.add(name.lower())
        entries.append((photo_path(photo.stored_name), name, photo.taken_at))
    return entries


def stream_zip(entries, chunk_size=1024 * 1024):
    """The bytes of a ZIP of ``(path, name, capture time)`` entries, produced as they are read: the
    photos are stored, not compressed again, and memory stays at one chunk whatever the total."""
    out = _Chunks()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for path, name, taken_at in entries:
            if not path.is_file():
                continue
            local = taken_at.astimezone(TIMEZONE).replace(tzinfo=None) if taken_at else datetime(1980, 1, 1)
            info = zipfile.ZipInfo(name, date_time=max(local, datetime(1980, 1, 1)).timetuple()[:6])
            with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as target:
                while chunk := source.read(chunk_size):
                    target.write(chunk)
                    yield out.take()
            yield out.take()
    yield out.take()
