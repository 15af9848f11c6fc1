"""Voting in a board election: the roll frozen when voting opens, one-time codes sent by SMS,
and the ballots, electronic or paper.

Secrecy: who voted (``Participation``) and what was voted (``Ballot``, ``BallotChoice``) are kept
apart. A ballot's key is random and it has no timestamp, so ballots cannot be matched to voters
by time; ballots and codes stay out of the audit log (``__audit__ = False``), whose rows are
timed and written in the same flush as the participation. On SQLite the ballot tables have no
rowid (they are stored in the order of their random keys), so their order tells nothing; on
PostgreSQL the physical order of fresh rows is not hidden from someone reading the raw data
files. One
member, one vote: ``Participation``'s primary key (election, member) makes the database refuse a
second vote, also when two arrive at once; the ballot is written in the same transaction.

Paper ballots are counted in batches (صندوق/بسته): two staff members enter each batch on their
own (``PaperEntry``); when their figures differ the differences are shown and settled, and the
settled figures are the batch's own columns and ``PaperBatchVote``."""
import datetime
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import TimestampMixin, UTCDateTime, db

# The figures of a paper batch: issued = cast + spoiled + unused, cast = valid + blank + invalid.
PAPER_FIGURES = ("issued", "cast", "spoiled", "unused", "valid", "blank", "invalid")
PAPER_FIGURE_LABELS = {
    "issued": _l("Ballots issued"), "cast": _l("Ballots cast"), "spoiled": _l("Ballots spoiled"),
    "unused": _l("Ballots unused"), "valid": _l("Valid ballots"), "blank": _l("Blank ballots"),
    "invalid": _l("Invalid ballots"),
}


class RollEntry(db.Model):
    """A member on the election's roll (فهرست واجدان رای), frozen when voting opens."""

    __tablename__ = "council_election_roll"
    __label__ = _l("Roll entry")
    __field_labels__ = {"election_id": _l("Election"), "member_id": _l("Member")}

    election_id: Mapped[int] = mapped_column(ForeignKey("council_elections.id", ondelete="CASCADE"),
                                             primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"), primary_key=True, index=True)

    member = relationship("Member")

    def __str__(self):
        return f"{self.election_id}/{self.member_id}"


class VoteCode(db.Model):
    """A one-time code sent by SMS to a member on the roll; only its hash is kept."""

    __tablename__ = "council_vote_codes"
    __audit__ = False
    __label__ = _l("Voting code")
    __field_labels__ = {"election_id": _l("Election"), "member_id": _l("Member"), "sent_at": _l("Sent at"),
                        "expires_at": _l("Expires at"), "attempts": _l("Code attempts"), "used_at": _l("Used at")}

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("council_elections.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(128))
    sent_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)

    member = relationship("Member")

    def __str__(self):
        return f"{self.election_id}/{self.member_id}"


class Participation(db.Model):
    """That a member voted in an election (not how): the database allows one per member."""

    __tablename__ = "council_vote_participations"
    __label__ = _l("Participation")
    __field_labels__ = {"election_id": _l("Election"), "member_id": _l("Member"), "voted_at": _l("Voted at")}

    election_id: Mapped[int] = mapped_column(ForeignKey("council_elections.id", ondelete="CASCADE"),
                                             primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"), primary_key=True)
    voted_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime)

    def __str__(self):
        return f"{self.election_id}/{self.member_id}"


def new_ballot_key():
    return secrets.token_hex(16)


class Ballot(db.Model):
    """An electronic ballot: no voter, no time, a random key."""

    __tablename__ = "council_ballots"
    __table_args__ = {"sqlite_with_rowid": False}
    __audit__ = False
    __label__ = _l("Ballot")
    __field_labels__ = {"election_id": _l("Election")}

    key: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_ballot_key)
    election_id: Mapped[int] = mapped_column(ForeignKey("council_elections.id", ondelete="CASCADE"), index=True)

    choices: Mapped[list["BallotChoice"]] = relationship(cascade="all, delete-orphan")

    def __str__(self):
        return self.key


class BallotChoice(db.Model):
    __tablename__ = "council_ballot_choices"
    __table_args__ = {"sqlite_with_rowid": False}
    __audit__ = False
    __label__ = _l("Ballot choice")
    __field_labels__ = {"ballot_key": _l("Ballot"), "candidate_id": _l("Candidate")}

    ballot_key: Mapped[str] = mapped_column(ForeignKey("council_ballots.key", ondelete="CASCADE"), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("council_candidates.id"), primary_key=True, index=True)

    def __str__(self):
        return f"{self.ballot_key}/{self.candidate_id}"


class PaperFiguresMixin:
    issued: Mapped[int | None] = mapped_column(Integer)
    cast: Mapped[int | None] = mapped_column(Integer)
    spoiled: Mapped[int | None] = mapped_column(Integer)
    unused: Mapped[int | None] = mapped_column(Integer)
    valid: Mapped[int | None] = mapped_column(Integer)
    blank: Mapped[int | None] = mapped_column(Integer)
    invalid: Mapped[int | None] = mapped_column(Integer)


class PaperBatch(PaperFiguresMixin, TimestampMixin, db.Model):
    """A batch (box) of paper ballots; its figures are set when the two entries agree or the
    differences are settled (``settled_at``)."""

    __tablename__ = "council_paper_batches"
    __label__ = _l("Ballot batch")
    __field_labels__ = {"election_id": _l("Election"), "number": _l("Batch number"), "label": _l("Label"),
                        "settled_at": _l("Settled at"), **PAPER_FIGURE_LABELS}
    __table_args__ = (UniqueConstraint("election_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("council_elections.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200), default="")
    settled_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    settled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    entries: Mapped[list["PaperEntry"]] = relationship(back_populates="batch", order_by="PaperEntry.id")
    votes: Mapped[list["PaperBatchVote"]] = relationship(cascade="all, delete-orphan")

    def __str__(self):
        return str(self.number)


class PaperEntry(PaperFiguresMixin, TimestampMixin, db.Model):
    """One staff member's independent entry of a batch (one entry per person and batch)."""

    __tablename__ = "council_paper_entries"
    __label__ = _l("Ballot entry")
    __field_labels__ = {"batch_id": _l("Ballot batch"), "user_id": _l("Entered by"),
                        **PAPER_FIGURE_LABELS}
    __table_args__ = (UniqueConstraint("batch_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("council_paper_batches.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    batch = relationship(PaperBatch, back_populates="entries")
    user = relationship("User")
    votes: Mapped[list["PaperEntryVote"]] = relationship(cascade="all, delete-orphan")

    def __str__(self):
        return f"{self.batch_id}/{self.user_id}"


class PaperEntryVote(db.Model):
    __tablename__ = "council_paper_entry_votes"
    __label__ = _l("Votes entered")
    __field_labels__ = {"entry_id": _l("Ballot entry"), "candidate_id": _l("Candidate"), "votes": _l("Votes")}

    entry_id: Mapped[int] = mapped_column(ForeignKey("council_paper_entries.id", ondelete="CASCADE"),
                                          primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("council_candidates.id"), primary_key=True)
    votes: Mapped[int] = mapped_column(Integer)

    def __str__(self):
        return f"{self.entry_id}/{self.candidate_id}"


class PaperBatchVote(db.Model):
    __tablename__ = "council_paper_batch_votes"
    __label__ = _l("Votes settled")
    __field_labels__ = {"batch_id": _l("Ballot batch"), "candidate_id": _l("Candidate"), "votes": _l("Votes")}

    batch_id: Mapped[int] = mapped_column(ForeignKey("council_paper_batches.id", ondelete="CASCADE"),
                                          primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("council_candidates.id"), primary_key=True)
    votes: Mapped[int] = mapped_column(Integer)

    def __str__(self):
        return f"{self.batch_id}/{self.candidate_id}"


