"""A photo set per record: ``Photo(entity, entity_id, ...)``, like core.models.Attachment."""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SoftDeleteMixin, UTCDateTime, db, utcnow

THUMB_BOX = 600  # the grid's thumbnails: longest side, in pixels
VIEW_BOX = 1600  # the photo page's picture


class Photo(SoftDeleteMixin, db.Model):
    """One photo of the record ``entity_id`` of the table ``entity`` (a committee meeting, a news
    event). The original is stored under FILES_DIR/photos with the random ``stored_name``, beside
    its two JPEG renderings made once at upload (``<stem>.thumb.jpg``, ``<stem>.view.jpg``).
    ``width``/``height`` and the renderings' sizes are upright (the camera's orientation applied).
    ``taken_at`` is the camera's capture time (EXIF DateTimeOriginal) when ``taken_from_exif``,
    else the upload time. Photos of a record show in ``sort_order``, then by id."""

    __tablename__ = "photos"
    # deleted_at too: counting a list of records' photos (the trash skipped) reads the index alone.
    __table_args__ = (Index(None, "entity", "entity_id", "deleted_at", "sort_order"),)
    __label__ = _l("Photo")
    __field_labels__ = {
        "entity": _l("Record type"), "entity_id": _l("Record"), "caption": _l("Caption"),
        "sort_order": _l("Place in the set"), "stored_name": _l("Stored name"), "original_name": _l("File name"),
        "content_type": _l("Content type"), "size": _l("Size"), "checksum": _l("Checksum"),
        "width": _l("Width"), "height": _l("Height"), "thumb_width": _l("Thumbnail width"),
        "thumb_height": _l("Thumbnail height"), "view_width": _l("Display width"),
        "view_height": _l("Display height"), "taken_at": _l("Taken at"),
        "taken_from_exif": _l("Capture time from the camera"), "camera": _l("Camera"),
        "uploaded_by_id": _l("Uploaded by"), "uploaded_at": _l("Uploaded at"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(100))
    entity_id: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(String(500), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64))  # SHA-256 of the original: a second copy is skipped
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    thumb_width: Mapped[int] = mapped_column(Integer)
    thumb_height: Mapped[int] = mapped_column(Integer)
    view_width: Mapped[int] = mapped_column(Integer)
    view_height: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    taken_from_exif: Mapped[bool] = mapped_column(Boolean, default=False)
    camera: Mapped[str] = mapped_column(String(100), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    uploaded_by = relationship("User", foreign_keys=[uploaded_by_id])

    @property
    def stem(self):
        return self.stored_name.split(".", 1)[0]

    def __str__(self):
        return self.caption or self.original_name


# What a thumbnail shows (``photos/_macros.html`` thumb), for a list that reads plain rows.
THUMB_COLUMNS = (Photo.id, Photo.stored_name, Photo.thumb_width, Photo.thumb_height, Photo.caption,
                 Photo.original_name)


@dataclass(slots=True)
class Thumb:
    """A photo's thumbnail from a row of ``THUMB_COLUMNS``: a list of 48 photos builds no ORM object
    (each one loaded and tracked costs more than its thumbnail's markup)."""

    id: int
    stem: str
    thumb_width: int
    thumb_height: int
    caption: str
    original_name: str

    @classmethod
    def of(cls, row):
        return cls(row.id, row.stored_name.split(".", 1)[0], row.thumb_width, row.thumb_height, row.caption,
                   row.original_name)
