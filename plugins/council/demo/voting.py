"""The votes of the demo's elections that were held (voting closed, from the elections part): the
roll frozen when voting opened and about 85% of it voting electronically during the voting
hours, each ballot choosing up to the most choices allowed, a few blank. Candidates draw votes
by a popularity of their own, so the result has clear winners and a close race for the last
seats. An election not voted yet gets nothing."""
import datetime

from sqlalchemy import insert, select

from ..models import Ballot, BallotChoice, Candidate, Participation, RollEntry

TURNOUT = 0.85
BLANK = 0.02


def _on_roll(members, day):
    return [member for member in members
            if (member.start_date is None or member.start_date <= day) and (member.end_date is None or member.end_date > day)]


def _vote(session, rnd, election, members):
    opened = election.voting_opened_at or election.voting_closed_at - datetime.timedelta(hours=8)
    roll = _on_roll(members, opened.date())
    session.execute(insert(RollEntry), [{"election_id": election.id, "member_id": m.id} for m in roll])
    candidates = session.scalars(select(Candidate.id).where(
        Candidate.election_id == election.id, Candidate.status == "approved", Candidate.code.is_not(None))
        .order_by(Candidate.code)).all()
    popularity = {candidate: rnd.uniform(0.3, 1.0) + (1.5 if rnd.random() < 0.3 else 0) for candidate in candidates}
    voters = rnd.sample(roll, round(TURNOUT * len(roll)))
    window = (election.voting_closed_at - opened).total_seconds()
    participations, ballots, choices = [], [], []
    for member in voters:
        participations.append({"election_id": election.id, "member_id": member.id,
                               "voted_at": opened + datetime.timedelta(seconds=rnd.uniform(0, window))})
        key = f"{rnd.getrandbits(128):032x}"
        ballots.append({"key": key, "election_id": election.id})
        if rnd.random() < BLANK or not candidates:
            continue
        count = min(len(candidates), max(1, election.max_choices - rnd.choice((0, 0, 0, 1, 2))))
        pool = dict(popularity)
        for _choice in range(count):
            chosen = rnd.choices(list(pool), weights=list(pool.values()))[0]
            del pool[chosen]
            choices.append({"ballot_key": key, "candidate_id": chosen})
    # Ballots in an order of their own, apart from the participations'.
    rnd.shuffle(ballots)
    for model, rows in ((Participation, participations), (Ballot, ballots), (BallotChoice, choices)):
        if rows:
            session.execute(insert(model), rows)


def seed(session, context, demo):
    for election in demo.elections:
        if election.voting_closed_at is None or election.mode != "electronic":
            continue
        _vote(session, context.random, election, demo.members.get(election.body, []))
