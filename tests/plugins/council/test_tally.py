"""The count: electronic and settled paper votes per candidate, the ranking and its stated
tie-break, the elected and alternates, the figures of the ballots and a fixed number of queries."""
import datetime

from core.db import db, utcnow
from plugins.council.models import Ballot, BallotChoice, PaperBatch, PaperBatchVote, Participation, RollEntry
from plugins.council.tally import results, turnout
from tests.plugins.council.test_voting import candidates_of, make_election  # noqa: F401


def ballots(election, *choices):
    """Electronic ballots (each a list of candidates) with a participation of a roll member each."""
    for member, chosen in zip(election.members, choices, strict=False):
        db.session.add(Participation(election_id=election.id, member_id=member.id, voted_at=utcnow()))
        db.session.add(Ballot(election_id=election.id, choices=[BallotChoice(candidate_id=c.id) for c in chosen]))
    db.session.commit()


def roll(election):
    db.session.add_all(RollEntry(election_id=election.id, member_id=member.id) for member in election.members)
    election.voting_opened_at = utcnow()
    db.session.commit()


def test_ranking_outcomes_and_figures(make_election):  # noqa: F811
    election = make_election(voters=8, candidates=5, seats=2, alternates=1)
    roll(election)
    a, b, c, d, e = candidates_of(election)
    ballots(election, [b, c], [b, a], [b, c], [c], [a], [], [])
    batch = PaperBatch(election_id=election.id, number=1, issued=10, cast=6, spoiled=1, unused=3, valid=5, blank=1,
                       invalid=0, settled_at=utcnow(),
                       votes=[PaperBatchVote(candidate_id=d.id, votes=4), PaperBatchVote(candidate_id=a.id, votes=1)])
    unsettled = PaperBatch(election_id=election.id, number=2, issued=10, cast=10, spoiled=0, unused=0, valid=10,
                           blank=0, invalid=0, votes=[PaperBatchVote(candidate_id=e.id, votes=10)])
    db.session.add_all([batch, unsettled])
    db.session.commit()

    tally = results(election)
    # d leads with 4 paper votes; a, b and c have 3 each and the same membership start, so the
    # candidate code orders them; e's 10 votes are in a batch not settled yet.
    assert [(row.candidate.id, row.votes, row.rank, row.outcome) for row in tally.rows] == [
        (d.id, 4, 1, "elected"), (a.id, 3, 2, "elected"), (b.id, 3, 3, "alternate"), (c.id, 3, 4, None),
        (e.id, 0, 5, None)]
    assert "کد نامزد" in tally.tie_note
    assert (tally.roll_size, tally.voted, tally.electronic, tally.paper) == (8, 13, 7, 6)
    assert (tally.cast, tally.valid, tally.blank, tally.invalid) == (13, 10, 3, 0)
    assert tally.turnout == round(100 * 13 / 8, 1)
    assert turnout(election).voted == 13 and turnout(election).roll_size == 8
    # The report's light count ranks and names the same, from a few columns.
    named = results(election, names_only=True)
    assert [(str(row.candidate), row.votes, row.rank, row.outcome) for row in named.rows] == [
        (str(row.candidate), row.votes, row.rank, row.outcome) for row in tally.rows]
    assert (named.tie_note, named.turnout) == (tally.tie_note, tally.turnout)


def test_a_tie_at_the_last_seat_is_broken_by_membership_then_code(make_election):  # noqa: F811
    election = make_election(voters=6, candidates=4, seats=1, alternates=1)
    roll(election)
    a, b, c, d = candidates_of(election)
    # b joined the council earlier than a: with equal votes b ranks higher and takes the seat.
    b.member.start_date = a.member.start_date - datetime.timedelta(days=400)
    db.session.commit()
    ballots(election, [a], [b], [a, b], [c], [], [])

    tally = results(election)
    assert [row.candidate.id for row in tally.rows[:2]] == [b.id, a.id]
    assert [row.outcome for row in tally.rows] == ["elected", "alternate", None, None]
    assert "سابقه عضویت" in tally.tie_note and str(a) in tally.tie_note and "۲" in tally.tie_note

    # Equal membership too: the lower candidate code ranks higher.
    b.member.start_date = a.member.start_date
    db.session.commit()
    assert [row.candidate.id for row in results(election).rows[:2]] == [a.id, b.id]


def test_no_tie_note_without_a_tie_at_a_boundary_and_zero_votes_elect_no_one(make_election):  # noqa: F811
    election = make_election(voters=4, candidates=4, seats=2, alternates=1)
    roll(election)
    a, b, c, d = candidates_of(election)
    ballots(election, [a], [a, b], [c, d])
    tally = results(election)
    assert tally.rows[0].candidate.id == a.id and tally.rows[0].outcome == "elected"
    # b, c, d tie on one vote below the first seat: the note explains the second seat and the alternate.
    assert tally.tie_note
    empty = make_election(voters=2, candidates=2, seats=1, alternates=1)
    assert all(row.outcome is None for row in results(empty).rows)
    assert results(empty).turnout == 0 and results(empty).tie_note == ""


def test_the_count_runs_a_fixed_number_of_queries(make_election, count_queries):  # noqa: F811
    small = make_election(voters=3, candidates=2)
    roll(small)
    ballots(small, *[[c] for c in candidates_of(small)])
    large = make_election(voters=10, candidates=8, seats=4, alternates=2)
    roll(large)
    ballots(large, *[candidates_of(large)[:3]] * 10)
    db.session.expire_all()
    with count_queries() as few:
        results(small)
    db.session.expire_all()
    with count_queries() as many:
        results(large)
    assert len(few) == len(many) <= 6  # the expired election reloaded, then five
