"""The job row: the one record of a background job's state, read by every process."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import UTCDateTime, db, utcnow

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
STATUS_LABELS = {
    QUEUED: _l("Waiting to start"),
    RUNNING: _l("Running"),
    DONE: _l("Done"),
    FAILED: _l("Failed"),
    CANCELLED: _l("Cancelled"),
}


class Job(db.Model):
    """A unit of long work run outside the request that asked for it (see core.jobs).

    ``status`` moves queued → running → done or failed (or queued → cancelled); a retry puts the
    same row back to queued. ``worker`` names the process and thread that claimed it and
    ``heartbeat_at`` is refreshed while it runs, so a job whose process died is picked up again."""

    __tablename__ = "jobs"
    # Progress is written every few items: the row is its own record, the audit log would drown.
    __audit__ = False
    __table_args__ = (Index(None, "status", "id"), Index(None, "created_by_id", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default=QUEUED)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    result: Mapped[dict | None] = mapped_column(JSON)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str | None] = mapped_column(String(500))
    error: Mapped[str | None] = mapped_column(Text)
    traceback: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by = relationship("User", foreign_keys=[created_by_id])

    def __str__(self):
        return self.title

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def active(self):
        """Still to finish: the page keeps polling."""
        return self.status in (QUEUED, RUNNING)

    @property
    def can_retry(self):
        return self.status in (FAILED, CANCELLED)

    @property
    def percent(self):
        """Whole percent done, or None while the total is unknown."""
        if self.status == DONE:
            return 100
        if not self.progress_total:
            return None
        return max(0, min(100, self.progress_done * 100 // self.progress_total))

    @property
    def result_url(self):
        return self.result.get("url") if isinstance(self.result, dict) else None
