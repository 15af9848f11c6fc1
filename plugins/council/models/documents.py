"""Documents anyone can verify on the public page /council/verify/<code> (by the QR code printed
on them) or by number: member cards and training certificates. ``code`` is a random token, so
codes cannot be guessed from numbers; the page shows only whether the document is valid.

Card numbers run per Jalali year of issue (۱۴۰۵-۰۰۱۲); a card is valid for two years by default."""
import datetime
import secrets

import jdatetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Numeric, String, UniqueConstraint, and_, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import TimestampMixin, db
from core.jalali import today

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper
CODE_LENGTH = 10
CARD_STATUSES = ("valid", "expired", "revoked")
CARD_VALIDITY_YEARS = 2


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class VerifiableMixin:
    """Number, verification code, issue date and revocation, shared by cards and certificates."""

    number: Mapped[str] = mapped_column(String(20), unique=True)
    code: Mapped[str] = mapped_column(String(16), unique=True, default=new_code)
    issued_on: Mapped[datetime.date] = mapped_column(Date, index=True)  # the report and dashboard count by it
    revoked_on: Mapped[datetime.date | None] = mapped_column(Date)
    revoke_reason: Mapped[str] = mapped_column(String(300), default="")

    @property
    def is_revoked(self):
        return self.revoked_on is not None


class Card(VerifiableMixin, TimestampMixin, db.Model):
    """A member card (کارت عضویت): valid from ``issued_on`` to ``valid_until`` unless revoked."""

    __tablename__ = "council_cards"
    __label__ = _l("Member card")
    __field_labels__ = {
        "member_id": _l("Member"), "number": _l("Card number"), "code": _l("Verification code"),
        "issued_on": _l("Issued on"), "valid_until": _l("Valid until"), "revoked_on": _l("Revoked on"),
        "revoke_reason": _l("Reason for revoking"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"), index=True)
    valid_until: Mapped[datetime.date] = mapped_column(Date)

    member = relationship("Member")

    @property
    def status(self):
        """"revoked", "expired" or "valid"."""
        if self.is_revoked:
            return "revoked"
        return "expired" if self.valid_until < today() else "valid"

    @classmethod
    def in_status(cls, status):
        """The SQL condition of ``status`` (one of CARD_STATUSES)."""
        day = today()
        return {"revoked": cls.revoked_on.is_not(None),
                "expired": and_(cls.revoked_on.is_(None), cls.valid_until < day),
                "valid": and_(cls.revoked_on.is_(None), cls.valid_until >= day)}[status]

    def __str__(self):
        return self.number


def next_card_number(issued_on):
    """The next number of the Jalali year of ``issued_on``: ``1405-0013`` after ``1405-0012``."""
    prefix = f"{jdatetime.date.fromgregorian(date=issued_on).year}-"
    last = db.session.scalar(select(func.max(Card.number)).where(Card.number.startswith(prefix)))
    sequence = int(last.removeprefix(prefix)) if last and last.removeprefix(prefix).isdigit() else 0
    return f"{prefix}{sequence + 1:04d}"


def default_valid_until(issued_on):
    """The day before the same Jalali date ``CARD_VALIDITY_YEARS`` years after ``issued_on``."""
    issued = jdatetime.date.fromgregorian(date=issued_on)
    day = min(issued.day, 29) if issued.month == 12 else issued.day  # Esfand 30 exists in leap years only
    until = jdatetime.date(issued.year + CARD_VALIDITY_YEARS, issued.month, day).togregorian()
    return until - datetime.timedelta(days=1)


class Certificate(VerifiableMixin, TimestampMixin, db.Model):
    """A training certificate (گواهی آموزشی) of a member present at a training session of the
    committee kit (``committee_meetings`` of type "training"), for its hours."""

    __tablename__ = "council_certificates"
    __label__ = _l("Training certificate")
    __field_labels__ = {
        "meeting_id": _l("Training session"), "member_id": _l("Member"), "hours": _l("Hours"),
        "number": _l("Certificate number"), "code": _l("Verification code"), "issued_on": _l("Issued on"),
        "revoked_on": _l("Revoked on"), "revoke_reason": _l("Reason for revoking"),
    }
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("committee_meetings.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"), index=True)
    hours: Mapped[float] = mapped_column(Numeric(6, 1))

    meeting = relationship("Meeting")
    member = relationship("Member")

    @property
    def status(self):
        return "revoked" if self.is_revoked else "valid"

    def __str__(self):
        return self.number
