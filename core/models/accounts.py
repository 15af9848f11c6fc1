"""Users, roles, departments and login attempts."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import TimestampMixin, UTCDateTime, db, plain_rows, utcnow

ROLES = ("admin", "head", "staff", "viewer")

department_members = Table(
    "department_members",
    db.metadata,
    Column("department_id", Integer, ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"
    __audit_exclude__ = ("password_hash", "last_login_at", "locked_until")

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="staff")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    departments: Mapped[list["Department"]] = relationship(
        secondary=department_members, back_populates="members", order_by="Department.name"
    )

    @property
    def is_active(self):
        return self.active

    @property
    def is_admin(self):
        return self.role == "admin"

    def is_locked(self, now=None):
        return self.locked_until is not None and self.locked_until > (now or utcnow())

    def department_ids(self):
        """Departments the user belongs to or heads (read once per request)."""
        from core.extensions import request_g

        request_globals = request_g()
        cache = request_globals.setdefault("department_ids", {}) if request_globals is not None else {}
        if self.id not in cache:
            members = select(department_members.c.department_id).where(department_members.c.user_id == self.id)
            heads = select(Department.id).where(Department.head_id == self.id)
            cache[self.id] = set(plain_rows(members.union(heads)).scalars())
        return cache[self.id]

    def can(self, code, department_id=None):
        from core.permissions import user_can

        return user_can(self, code, department_id)

    def __str__(self):
        return self.full_name


class Department(TimestampMixin, db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    head_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    head: Mapped[User | None] = relationship(foreign_keys=[head_id])
    members: Mapped[list[User]] = relationship(
        secondary=department_members, back_populates="departments", order_by=User.full_name
    )

    def __str__(self):
        return self.name


class RolePermission(db.Model):
    """An admin's change to a role's default permissions (granted or revoked)."""

    __tablename__ = "role_permissions"

    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    permission: Mapped[str] = mapped_column(String(100), primary_key=True)
    granted: Mapped[bool] = mapped_column(Boolean)


class LoginAttempt(db.Model):
    __tablename__ = "login_attempts"
    __audit__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    success: Mapped[bool] = mapped_column(Boolean)
