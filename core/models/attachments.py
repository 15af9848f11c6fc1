"""Files attached to any record (a scanned letter, a meeting's documents, evidence): see core.attachments."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SoftDeleteMixin, UTCDateTime, db, utcnow


class Attachment(SoftDeleteMixin, db.Model):
    """One stored file, owned by the row ``entity_id`` of the table ``entity``.

    ``purpose`` tells apart several kinds of file on one record (``"letter"``, ``"evidence"``);
    the empty string is a plain attachment. The file itself lives under FILES_DIR/attachments
    with the random ``stored_name``; ``original_name`` is what the user uploaded it as."""

    __tablename__ = "attachments"
    __table_args__ = (Index(None, "entity", "entity_id"),)
    __label__ = _l("Attachment")
    __field_labels__ = {
        "entity": _l("Record type"), "entity_id": _l("Record"), "purpose": _l("Purpose"),
        "stored_name": _l("Stored name"), "original_name": _l("File name"),
        "content_type": _l("Content type"), "size": _l("Size"), "uploaded_by_id": _l("Uploaded by"),
        "uploaded_at": _l("Uploaded at"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(100))
    entity_id: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(30), default="")
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    uploaded_by = relationship("User", foreign_keys=[uploaded_by_id])

    def __str__(self):
        return self.original_name
