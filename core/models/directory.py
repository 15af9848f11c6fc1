"""The shared directory of organizations and people used by every plugin."""
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db

# Stored codes; the Persian labels live in core.directory.labels.
ORGANIZATION_TYPES = ("agency", "county", "press", "ngo", "university", "company")


class Organization(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    __tablename__ = "organizations"
    __search_fields__ = ("name", "city")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(500), default="")

    people: Mapped[list["Person"]] = relationship(back_populates="organization")

    def __str__(self):
        return self.name


class Person(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    __tablename__ = "people"
    __search_fields__ = ("first_name", "last_name", "national_code", "mobile", "position")
    # The list's default order, so a page half-way through does not sort every person; with the id
    # (the order's last key) and deleted_at, the skipped rows and the count read the index alone.
    __table_args__ = (Index("ix_people_last_name_first_name", "last_name", "first_name", "id", "deleted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    national_code: Mapped[str | None] = mapped_column(String(10), unique=True)
    mobile: Mapped[str | None] = mapped_column(String(11), index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[str] = mapped_column(String(200), default="", index=True)
    photo: Mapped[str | None] = mapped_column(String(100))

    organization: Mapped[Organization | None] = relationship(back_populates="people")

    @hybrid_property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @full_name.inplace.expression
    @classmethod
    def _full_name_expression(cls):
        """The same name in SQL, for a list that selects the names alone."""
        return cls.first_name + " " + cls.last_name

    def __str__(self):
        return self.full_name
