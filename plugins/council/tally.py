"""The count of a board election: ``results(election)``.

Votes per candidate of the final list are the electronic ballots' choices plus the votes of the
paper batches whose figures are settled (a batch still waiting for its second entry or for the
settling of differences counts for nothing yet). Voted = electronic participations + paper
ballots cast; turnout is voted against the roll frozen when voting opened.

Ranking: more votes first. Tie-break (the statute's usual rule, and one the supervisors can check
from the members' records): the longer membership in the council (the earlier start date of
membership) ranks higher; if that too is equal, the lower candidate code. The first ``seats``
candidates with at least one vote are elected and the next ``alternates`` are alternates. When a
tie is broken at the boundary of the elected or the alternates, ``tie_note`` says so in Persian,
for the supervisors' sign-off and the minutes.

Five queries, however many candidates and ballots. ``results(election, names_only=True)`` ranks the
final list as ``Listed`` rows (code, membership start and name, one query over a few columns)
rather than ORM candidates: enough for the report, which only names the elected."""
import datetime
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from core.db import db
from core.models import Person
from core.text import fa_number

from .models import (Ballot, BallotChoice, Candidate, Member, PaperBatch, PaperBatchVote, Participation, Unit,
                     RollEntry)

OUTCOMES = ("elected", "alternate")


@dataclass
class CandidateResult:
    candidate: object  # a Candidate on the final list (a Listed with names_only)
    votes: int
    rank: int
    outcome: str | None  # "elected", "alternate" or None


@dataclass(frozen=True)
class Listed:
    """A candidate of the final list as ranking and naming need it; ``str()`` as a Candidate's."""
    id: int
    code: int
    start_date: datetime.date | None  # the membership's start, the tie-break
    name: str

    def __str__(self):
        return self.name


@dataclass
class Results:
    rows: list = field(default_factory=list)  # [CandidateResult] by rank
    roll_size: int = 0  # members on the roll frozen when voting opened
    voted: int = 0  # members who voted (electronic participations + paper ballots cast)
    cast: int = 0
    valid: int = 0
    blank: int = 0
    invalid: int = 0
    tie_note: str = ""  # how a tie at the last seat was broken (Persian), when one was
    electronic: int = 0  # members who voted electronically
    paper: int = 0  # paper ballots cast in settled batches

    @property
    def turnout(self):
        """Percent of the roll who voted (0 when the roll is empty)."""
        return round(100 * self.voted / self.roll_size, 1) if self.roll_size else 0

    def of(self, outcome):
        return [row for row in self.rows if row.outcome == outcome]


@dataclass
class Turnout:
    roll_size: int
    voted: int

    @property
    def percent(self):
        return round(100 * self.voted / self.roll_size, 1) if self.roll_size else 0


def turnout_columns(election_id):
    """The roll's size and who voted so far (electronic participations and the ballots cast in
    settled paper batches) of ``election_id``, a value or a correlated column such as
    ``Election.id``: two scalar subqueries to select."""
    def count(model):
        return select(func.count()).select_from(model).where(model.election_id == election_id).scalar_subquery()

    paper = select(func.coalesce(func.sum(PaperBatch.cast), 0)).where(
        PaperBatch.election_id == election_id, PaperBatch.settled_at.is_not(None)).scalar_subquery()
    return count(RollEntry), count(Participation) + paper


def turnout(election):
    """The live figure while voting is open, in one query."""
    roll, voted = db.session.execute(select(*turnout_columns(election.id))).one()
    return Turnout(roll, int(voted))


def final_list(election):
    """The candidates of the published final list, by code, with their member, person and unit."""
    return db.session.scalars(
        select(Candidate).options(joinedload(Candidate.member).joinedload(Member.person),
                                  joinedload(Candidate.member).joinedload(Member.unit).joinedload(Unit.organization))
        .where(Candidate.election_id == election.id, Candidate.status == "approved", Candidate.code.is_not(None))
        .order_by(Candidate.code)).all()


def listed(election):
    """The final list as ``Listed`` rows, by code (a missing member or person is named by its id,
    as ``str(candidate)`` does)."""
    rows = db.session.execute(
        select(Candidate.id, Candidate.code, Candidate.member_id, Member.id, Member.start_date, Member.person_id,
               Person.id, Person.first_name, Person.last_name)
        .outerjoin(Member, Member.id == Candidate.member_id).outerjoin(Person, Person.id == Member.person_id)
        .where(Candidate.election_id == election.id, Candidate.status == "approved", Candidate.code.is_not(None))
        .order_by(Candidate.code)).all()
    return [Listed(candidate_id, code, start_date,
                   f"#{member_id}" if member is None else f"#{person_id}" if person is None else f"{first} {last}")
            for candidate_id, code, member_id, member, start_date, person_id, person, first, last in rows]


def _votes(election):
    electronic = db.session.execute(
        select(BallotChoice.candidate_id, func.count())
        .join(Ballot, Ballot.key == BallotChoice.ballot_key)
        .where(Ballot.election_id == election.id).group_by(BallotChoice.candidate_id)).all()
    paper = db.session.execute(
        select(PaperBatchVote.candidate_id, func.sum(PaperBatchVote.votes))
        .join(PaperBatch, PaperBatch.id == PaperBatchVote.batch_id)
        .where(PaperBatch.election_id == election.id, PaperBatch.settled_at.is_not(None))
        .group_by(PaperBatchVote.candidate_id)).all()
    votes = {}
    for candidate_id, count in (*electronic, *paper):
        votes[candidate_id] = votes.get(candidate_id, 0) + int(count or 0)
    return votes


def _figures(election):
    """Roll, participations, electronic ballots (all and blank) and the settled paper sums."""
    def count(model, *where):
        return select(func.count()).select_from(model).where(model.election_id == election.id, *where)\
            .scalar_subquery()

    has_choice = select(BallotChoice.ballot_key).where(BallotChoice.ballot_key == Ballot.key).exists()
    electronic = db.session.execute(select(
        count(RollEntry), count(Participation), count(Ballot), count(Ballot, ~has_choice))).one()
    settled = (PaperBatch.election_id == election.id, PaperBatch.settled_at.is_not(None))
    paper = db.session.execute(select(
        *(func.coalesce(func.sum(getattr(PaperBatch, name)), 0) for name in ("cast", "valid", "blank", "invalid")))
        .where(*settled)).one()
    return electronic, paper


def _tie_note(ranked, votes, boundaries):
    """A Persian sentence for each boundary (last elected, last alternate) a tie straddled."""
    notes = []
    for boundary in boundaries:
        if not 0 < boundary < len(ranked):
            continue
        count = votes.get(ranked[boundary - 1].id, 0)
        if not count or votes.get(ranked[boundary].id, 0) != count:
            continue
        tied = [candidate for candidate in ranked if votes.get(candidate.id, 0) == count]
        notes.append(_("%(names)s each received %(votes)s votes; by the tie-break rule (the longer membership "
                       "in the council, then the lower candidate code) they are ranked in this order.",
                       names="، ".join(str(candidate) for candidate in tied), votes=fa_number(count)))
    return " ".join(dict.fromkeys(notes))


def results(election, names_only=False):
    candidates = listed(election) if names_only else final_list(election)
    votes = _votes(election)
    (roll, participations, ballots, blank_ballots), (paper_cast, paper_valid, paper_blank, paper_invalid) = \
        _figures(election)

    def order(candidate):
        if names_only:
            start = candidate.start_date
        else:
            start = candidate.member.start_date if candidate.member is not None else None
        return -votes.get(candidate.id, 0), start or datetime.date.max, candidate.code

    ranked = sorted(candidates, key=order)
    rows = []
    for rank, candidate in enumerate(ranked, start=1):
        count = votes.get(candidate.id, 0)
        outcome = None
        if count and rank <= election.seats:
            outcome = "elected"
        elif count and rank <= election.seats + (election.alternates or 0):
            outcome = "alternate"
        rows.append(CandidateResult(candidate=candidate, votes=count, rank=rank, outcome=outcome))
    paper_cast = int(paper_cast)
    return Results(
        rows=rows, roll_size=roll, voted=participations + paper_cast, cast=ballots + paper_cast,
        valid=ballots - blank_ballots + int(paper_valid), blank=blank_ballots + int(paper_blank),
        invalid=int(paper_invalid), electronic=participations, paper=paper_cast,
        tie_note=_tie_note(ranked, votes, (election.seats, election.seats + (election.alternates or 0))))
