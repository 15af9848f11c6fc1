"""The runtime state of each plugin module: its department and whether it is on."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import UTCDateTime, db, utcnow


class ModuleState(db.Model):
    """One row per plugin key; a plugin without a row is installed but off and unassigned.

    Read on every request (one query), so every worker process sees a change at once."""

    __tablename__ = "modules"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="SET NULL"))
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    department = relationship("Department")
