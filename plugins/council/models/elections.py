"""The board election (انتخابات هیات رئیسه) of a body for a term: its schedule, seats and the
statute's eligibility clauses; candidates who registered from the public page, the vetting
decision per candidate and clause, objections to it, the final list with candidate codes, and
the supervisory board (هیات نظارت) whose majority sign-off publishes the results.

Milestones are timestamps set by the pages (the list published, voting opened and closed, the
results published); the schedule's dates are what the public pages check against."""
import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, UTCDateTime, db
from core.text import persian_ordinal

VOTING_MODES = ("electronic", "paper")
CANDIDATE_STATUSES = ("registered", "approved", "rejected", "withdrawn")
OBJECTION_DECISIONS = ("pending", "accepted", "rejected")
SUPERVISOR_ROLES = ("chair", "member")
# The phases of an election in order: by the schedule's dates until the final list is published,
# then by the milestones the pages record.
PHASES = ("upcoming", "registration", "vetting", "objections", "final_list", "list_published", "voting",
          "counting", "results")

class Election(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    __tablename__ = "council_elections"
    __search_fields__ = ("title", "note")
    __label__ = _l("Board election")
    __field_labels__ = {
        "body": _l("Council"), "term": _l("Board term"), "title": _l("Title"), "seats": _l("Seats"),
        "alternates": _l("Alternate seats"), "max_choices": _l("Most choices on a ballot"),
        "registration_start": _l("Registration from"), "registration_end": _l("Registration to"),
        "vetting_end": _l("Vetting until"), "objections_end": _l("Objections until"),
        "voting_date": _l("Voting day"), "results_date": _l("Results day"), "mode": _l("Voting"),
        "list_published_at": _l("Final list published"), "voting_opened_at": _l("Voting opened"),
        "voting_closed_at": _l("Voting closed"), "results_published_at": _l("Results published"),
        "note": _l("Note"),
    }
    __table_args__ = (UniqueConstraint("body", "term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(16), index=True)
    term: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    seats: Mapped[int] = mapped_column(Integer)
    alternates: Mapped[int] = mapped_column(Integer, default=0)
    max_choices: Mapped[int] = mapped_column(Integer)
    registration_start: Mapped[datetime.date] = mapped_column(Date)
    registration_end: Mapped[datetime.date] = mapped_column(Date)
    vetting_end: Mapped[datetime.date] = mapped_column(Date)
    objections_end: Mapped[datetime.date] = mapped_column(Date)
    voting_date: Mapped[datetime.date] = mapped_column(Date, index=True)
    results_date: Mapped[datetime.date] = mapped_column(Date)
    mode: Mapped[str] = mapped_column(String(16), default="electronic")
    list_published_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    voting_opened_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    voting_closed_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    results_published_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")

    clauses: Mapped[list["Clause"]] = relationship(
        back_populates="election", order_by="Clause.position", cascade="all, delete-orphan")
    candidates: Mapped[list["Candidate"]] = relationship(back_populates="election", order_by="Candidate.id")
    supervisors: Mapped[list["Supervisor"]] = relationship(back_populates="election", order_by="Supervisor.id")

    @property
    def voting_open(self):
        return self.voting_opened_at is not None and self.voting_closed_at is None

    def phase(self, day):
        """Where the election stands on ``day`` (one of PHASES)."""
        if self.results_published_at is not None:
            return "results"
        if self.voting_closed_at is not None:
            return "counting"
        if self.voting_opened_at is not None:
            return "voting"
        if self.list_published_at is not None:
            return "list_published"
        for phase, last_day in (("upcoming", self.registration_start - datetime.timedelta(days=1)),
                                ("registration", self.registration_end), ("vetting", self.vetting_end),
                                ("objections", self.objections_end)):
            if day <= last_day:
                return phase
        return "final_list"

    @property
    def term_title(self):
        return persian_ordinal(self.term)

    def registration_open(self, day):
        return self.list_published_at is None and self.registration_start <= day <= self.registration_end

    def __str__(self):
        return self.title


class Clause(db.Model):
    """An eligibility clause of the statute (شرط احراز صلاحیت) the vetting decides on."""

    __tablename__ = "council_election_clauses"
    __label__ = _l("Eligibility clause")
    __field_labels__ = {"election_id": _l("Election"), "position": _l("Order"), "text": _l("Text")}

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("council_elections.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)

    election = relationship(Election, back_populates="clauses")

    def __str__(self):
        return self.text[:100]


class Candidate(TimestampMixin, db.Model):
    """A member registered as a candidate; ``code`` is the candidate code on the final list and
    the ballot (set when the list is published)."""

    __tablename__ = "council_candidates"
    __label__ = _l("Candidate")
    __field_labels__ = {
        "election_id": _l("Election"), "member_id": _l("Member"), "registered_at": _l("Registered at"),
        "statement": _l("Statement"), "status": _l("Status"), "decision_reason": _l("Reason"),
        "decided_at": _l("Decided at"), "code": _l("Candidate code"),
    }
    __table_args__ = (UniqueConstraint("election_id", "member_id"), UniqueConstraint("election_id", "code"))

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("council_elections.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"), index=True)
    registered_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime)
    statement: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="registered", index=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    code: Mapped[int | None] = mapped_column(Integer)

    election = relationship(Election, back_populates="candidates")
    member = relationship("Member")
    vetting: Mapped[list["Vetting"]] = relationship(back_populates="candidate", cascade="all, delete-orphan")
    objections: Mapped[list["Objection"]] = relationship(
        back_populates="candidate", order_by="Objection.id", cascade="all, delete-orphan")

    def __str__(self):
        return str(self.member) if self.member is not None else f"#{self.member_id}"


class Vetting(db.Model):
    """The vetting decision on one clause for one candidate, with its reason."""

    __tablename__ = "council_candidate_vetting"
    __label__ = _l("Vetting decision")
    __field_labels__ = {"candidate_id": _l("Candidate"), "clause_id": _l("Eligibility clause"),
                        "met": _l("Met"), "reason": _l("Reason")}

    candidate_id: Mapped[int] = mapped_column(ForeignKey("council_candidates.id", ondelete="CASCADE"),
                                              primary_key=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("council_election_clauses.id", ondelete="CASCADE"),
                                           primary_key=True)
    met: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text, default="")

    candidate = relationship(Candidate, back_populates="vetting")
    clause = relationship(Clause)

    def __str__(self):
        return f"{self.candidate_id}/{self.clause_id}"


class Objection(TimestampMixin, db.Model):
    """A candidate's objection to the vetting decision (اعتراض), and how it was decided."""

    __tablename__ = "council_election_objections"
    __label__ = _l("Objection")
    __field_labels__ = {"candidate_id": _l("Candidate"), "filed_on": _l("Filed on"), "text": _l("Text"),
                        "decision": _l("Decision"), "reason": _l("Reason"), "decided_at": _l("Decided at")}

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("council_candidates.id", ondelete="CASCADE"), index=True)
    filed_on: Mapped[datetime.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)

    candidate = relationship(Candidate, back_populates="objections")

    def __str__(self):
        return self.text[:100]


class Supervisor(TimestampMixin, db.Model):
    """A member of the supervisory board; ``signed_off_at`` once they approve the results, and
    the objection they record (if any)."""

    __tablename__ = "council_election_supervisors"
    __label__ = _l("Supervisor")
    __field_labels__ = {"election_id": _l("Election"), "person_id": _l("Person"), "role": _l("Role"),
                        "signed_off_at": _l("Signed off at"), "objection": _l("Objection")}
    __table_args__ = (UniqueConstraint("election_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("council_elections.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    role: Mapped[str] = mapped_column(String(16), default="member")
    signed_off_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime)
    objection: Mapped[str] = mapped_column(Text, default="")

    election = relationship(Election, back_populates="supervisors")
    person = relationship("Person")

    def __str__(self):
        return str(self.person) if self.person is not None else f"#{self.person_id}"
