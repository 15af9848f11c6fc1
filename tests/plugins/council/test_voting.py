"""Opening and closing the vote with the roll frozen, the live turnout, and the public electronic
vote with a one-time SMS code: every refusal in Persian with nothing changed. The fixtures here
(an election with a published final list, voters with national codes, reading the SMS'd code)
are shared with the paper, tally and concurrency tests."""
import datetime
import re

import pytest
from sqlalchemy import func, select

from core.models.audit import AuditLog
from core.db import db, utcnow
from core.jalali import today
from core.sms.models import SmsBatch, SmsMessage
from plugins.council.models import (Ballot, BallotChoice, Candidate, Election, Participation, RollEntry, Supervisor,
                                    VoteCode)
from tests.plugins.council.conftest import text_of

ALREADY_VOTED = "رای شما پیش‌تر ثبت شده است"
NAMES = [("مریم", "دهقان"), ("علی", "کاظمی"), ("زهرا", "میرجلیلی"), ("حسین", "فلاح"), ("سمیه", "زارع"),
         ("محمد", "شریفی"), ("فاطمه", "اکبری"), ("رضا", "یزدانی")]


def national_code(number):
    """A valid national code (check digit included) made from ``number``."""
    digits = f"{number:09d}"[-9:]
    remainder = sum(int(digit) * weight for digit, weight in zip(digits, range(10, 1, -1))) % 11
    return digits + str(remainder if remainder < 2 else 11 - remainder)


@pytest.fixture
def make_election(make_member):
    """An election of the provincial council whose voting day is today, with its final list
    published: ``candidates`` members approved with codes 11, 12, …; every member (``voters``)
    has a national code ``national_code(member number)`` and a mobile."""
    terms = iter(range(12, 100))

    def factory(voters=6, candidates=4, mode="electronic", seats=2, alternates=1, max_choices=None,
                published=True, voting_date=None, body="provincial"):
        day = today()
        members = []
        for index in range(voters):
            first, last = NAMES[index % len(NAMES)]
            member = make_member(first_name=first, last_name=f"{last} {index + 1}" if index >= len(NAMES) else last)
            if body == "county":
                member.unit.body = "county"
            member.person.national_code = national_code(int(member.member_number))
            members.append(member)
        election = Election(
            body=body, term=next(terms), title="انتخابات دوازدهمین دوره هیات رئیسه", seats=seats, alternates=alternates,
            max_choices=max_choices or seats, registration_start=day - datetime.timedelta(days=30),
            registration_end=day - datetime.timedelta(days=20), vetting_end=day - datetime.timedelta(days=15),
            objections_end=day - datetime.timedelta(days=10), voting_date=voting_date or day,
            results_date=day + datetime.timedelta(days=1), mode=mode,
            list_published_at=utcnow() if published else None)
        db.session.add(election)
        db.session.flush()
        for index, member in enumerate(members[:candidates]):
            db.session.add(Candidate(election_id=election.id, member_id=member.id, registered_at=utcnow(),
                                     status="approved", code=11 + index if published else None))
        db.session.commit()
        election.members = members
        return election
    return factory


def candidates_of(election):
    return db.session.scalars(select(Candidate).where(Candidate.election_id == election.id)
                              .order_by(Candidate.code)).all()


def open_voting(head_client, election):
    response = head_client.post(f"/council/elections/{election.id}/voting/open")
    assert response.status_code == 303, text_of(response)
    db.session.refresh(election)
    return election


def last_code(member):
    """The code in the last SMS sent to the member's mobile (the outbox keeps the text)."""
    text = db.session.scalar(select(SmsBatch.text).join(SmsMessage).where(SmsMessage.mobile == member.person.mobile)
                             .order_by(SmsBatch.id.desc()).limit(1))
    return re.search(r"\b([0-9]{6})\b", text).group(1)


def identify(voter_client, election, member, code=None):
    return voter_client.post(f"/council/elections/{election.id}/vote", data={
        "member_number": member.member_number, "national_code": code or member.person.national_code})


def cast(voter_client, election, code, candidate_ids):
    return voter_client.post(f"/council/elections/{election.id}/vote/ballot",
                             data={"code": code, "candidates": [str(i) for i in candidate_ids]})


def vote(app, election, member, candidate_ids):
    """A member votes from a browser of their own; returns the ballot's answer."""
    voter = app.test_client()
    assert identify(voter, election, member).status_code == 303
    return cast(voter, election, last_code(member), candidate_ids)


def counts(election):
    return (db.session.scalar(select(func.count()).select_from(Participation)
                              .where(Participation.election_id == election.id)),
            db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.election_id == election.id)))


# --- opening and closing --------------------------------------------------------------------------

def test_opening_freezes_the_roll_of_the_bodys_current_members(head_client, make_election, make_member, app):
    election = make_election(voters=4)
    gone = make_member(first_name="احمد", last_name="بازنشسته", end_date=today() - datetime.timedelta(days=3))
    other_body = make_member(first_name="نرگس", last_name="شهرستانی")
    other_body.unit.body = "county"
    db.session.commit()

    response = head_client.post(f"/council/elections/{election.id}/voting/open", follow_redirects=True)
    assert "رای‌گیری آغاز شد" in text_of(response)
    assert "۴" in text_of(response)
    db.session.refresh(election)
    assert election.voting_opened_at is not None
    roll = set(db.session.scalars(select(RollEntry.member_id).where(RollEntry.election_id == election.id)))
    assert roll == {member.id for member in election.members}
    assert gone.id not in roll and other_body.id not in roll

    # A member who joins after voting opened is not on the roll and gets no code.
    late = make_member(first_name="پرویز", last_name="تازه‌وارد")
    late.person.national_code = national_code(int(late.member_number))
    db.session.commit()
    answer = identify(app.test_client(), election, late)
    assert answer.status_code == 422
    assert "در فهرست واجدان رای این انتخابات نیستید" in text_of(answer)
    assert not db.session.scalar(select(func.count()).select_from(VoteCode))

    # Opening twice is refused.
    again = head_client.post(f"/council/elections/{election.id}/voting/open", follow_redirects=True)
    assert "پیش‌تر آغاز شده" in text_of(again)


def test_opening_needs_the_published_list_and_the_voting_day(head_client, make_election):
    unpublished = make_election(published=False, voters=2, candidates=2)
    answer = head_client.post(f"/council/elections/{unpublished.id}/voting/open", follow_redirects=True)
    assert "انتشار فهرست نهایی نامزدها" in text_of(answer)
    early = make_election(voters=2, candidates=2, voting_date=today() + datetime.timedelta(days=2))
    answer = head_client.post(f"/council/elections/{early.id}/voting/open", follow_redirects=True)
    assert "روز رای‌گیری" in text_of(answer)
    for election in (unpublished, early):
        db.session.refresh(election)
        assert election.voting_opened_at is None
    assert not db.session.scalar(select(func.count()).select_from(RollEntry))


def test_closing_and_who_may_open(head_client, staff_client, make_election, app, viewer, login):
    election = make_election(voters=2, candidates=2)
    assert staff_client.post(f"/council/elections/{election.id}/voting/open").status_code == 403
    closed_early = head_client.post(f"/council/elections/{election.id}/voting/close", follow_redirects=True)
    assert "تنها رای‌گیری باز" in text_of(closed_early)
    open_voting(head_client, election)
    # The button's page is where the action returns to (a local path only).
    back = head_client.post(f"/council/elections/{election.id}/voting/close", data={"next": "https://evil.example/"})
    assert back.headers["Location"].endswith(f"/council/elections/{election.id}/voting")
    db.session.refresh(election)
    assert election.voting_closed_at is not None

    viewer_client = login(viewer, test_client=app.test_client())
    assert viewer_client.get(f"/council/elections/{election.id}/voting").status_code == 200
    assert viewer_client.post(f"/council/elections/{election.id}/voting/close").status_code == 403
    anonymous = app.test_client().get(f"/council/elections/{election.id}/voting")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_staff_of_another_department_cannot_see_the_vote(make_election, make_user, make_department, login, app):
    election = make_election(voters=2, candidates=2)
    outsider = make_user("staff", departments=[make_department("واحد خبر")])
    client = login(outsider, test_client=app.test_client())
    assert client.get(f"/council/elections/{election.id}/voting").status_code == 403
    assert client.get(f"/council/elections/{election.id}/paper").status_code == 403


# --- the electronic vote ---------------------------------------------------------------------------

def test_a_member_votes_once_with_the_code_sent_by_sms(head_client, make_election, app):
    election = open_voting(head_client, make_election())
    first, second = candidates_of(election)[:2]
    member = election.members[4]
    voter = app.test_client()

    page = voter.get(f"/council/elections/{election.id}/vote")
    assert page.status_code == 200 and "شماره عضویت" in text_of(page)
    sent = identify(voter, election, member)
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/vote/ballot")
    code = last_code(member)
    batch = db.session.scalar(select(SmsBatch).order_by(SmsBatch.id.desc()).limit(1))
    assert batch.module == "council"
    stored = db.session.scalar(select(VoteCode).where(VoteCode.member_id == member.id))
    assert code not in stored.code_hash and stored.expires_at - stored.sent_at == datetime.timedelta(minutes=15)

    ballot = voter.get(f"/council/elections/{election.id}/vote/ballot")
    assert "حداکثر ۲ نفر را انتخاب کنید" in text_of(ballot)
    assert str(first.member.person.last_name) in text_of(ballot) and "۱۱" in text_of(ballot)
    assert 'name="member' not in ballot.get_data(as_text=True)  # no member id the voter could change

    done = cast(voter, election, code, [first.id, second.id])
    assert done.status_code == 303, text_of(done)
    assert "رای شما ثبت شد" in text_of(voter.get(done.headers["Location"]))
    assert counts(election) == (1, 1)
    ballot_row = db.session.scalar(select(Ballot).where(Ballot.election_id == election.id))
    assert {choice.candidate_id for choice in ballot_row.choices} == {first.id, second.id}
    db.session.refresh(stored)
    assert stored.used_at is not None
    # The ballot is not in the audit log (its rows would be timed next to the participation).
    assert not db.session.scalar(select(func.count()).select_from(AuditLog)
                                 .where(AuditLog.entity.in_(("council_ballots", "council_ballot_choices"))))

    # The same code again, and asking for a new code: refused, nothing added.
    replay = cast(voter, election, code, [first.id])
    assert replay.status_code == 303  # the session no longer holds a code
    again = identify(app.test_client(), election, member)
    assert again.status_code == 422 and ALREADY_VOTED in text_of(again)
    assert counts(election) == (1, 1)


def test_a_blank_ballot_is_a_ballot_without_choices(head_client, make_election, app):
    election = open_voting(head_client, make_election())
    assert vote(app, election, election.members[0], []).status_code == 303
    ballot = db.session.scalar(select(Ballot).where(Ballot.election_id == election.id))
    assert ballot.choices == []


def test_wrong_expired_and_exhausted_codes(head_client, make_election, app):
    election = open_voting(head_client, make_election())
    member = election.members[1]
    voter = app.test_client()
    identify(voter, election, member)
    code = last_code(member)
    wrong = "000000" if code != "000000" else "111111"

    answer = cast(voter, election, wrong, [])
    assert answer.status_code == 422 and "کد نادرست است" in text_of(answer) and "۴" in text_of(answer)
    assert counts(election) == (0, 0)
    badly_formed = cast(voter, election, "12", [])
    assert badly_formed.status_code == 422 and "۶ رقم" in text_of(badly_formed)

    stored = db.session.scalar(select(VoteCode).where(VoteCode.member_id == member.id))
    stored.expires_at = utcnow() - datetime.timedelta(minutes=1)
    db.session.commit()
    expired = cast(voter, election, code, [])
    assert expired.status_code == 422 and "منقضی" in text_of(expired)

    stored.expires_at = utcnow() + datetime.timedelta(minutes=10)
    db.session.commit()
    for _attempt in range(4):
        last = cast(voter, election, wrong, [])
    assert "بیش از حد" in text_of(last)
    # Even the right code is refused once the tries are used up.
    refused = cast(voter, election, code, [])
    assert refused.status_code == 422 and "بیش از حد" in text_of(refused)
    assert counts(election) == (0, 0)


def test_persian_digits_and_a_new_code_work(head_client, make_election, app):
    election = open_voting(head_client, make_election())
    member = election.members[2]
    voter = app.test_client()
    persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    answer = voter.post(f"/council/elections/{election.id}/vote", data={
        "member_number": member.member_number.translate(persian),
        "national_code": member.person.national_code.translate(persian)})
    assert answer.status_code == 303
    identify(voter, election, member)  # a second code; the latest one is read
    code = last_code(member)
    assert cast(voter, election, code.translate(persian), []).status_code == 303
    assert counts(election) == (1, 1)


def test_at_most_three_codes_are_sent(head_client, make_election, app):
    election = open_voting(head_client, make_election())
    member = election.members[0]
    voter = app.test_client()
    for _attempt in range(3):
        assert identify(voter, election, member).status_code == 303
    fourth = identify(voter, election, member)
    assert fourth.status_code == 422 and "۳ کد" in text_of(fourth)
    assert db.session.scalar(select(func.count()).select_from(VoteCode)) == 3


def test_too_many_choices_or_a_candidate_not_on_the_list(head_client, make_election, app, make_member):
    election = open_voting(head_client, make_election(max_choices=2))
    candidates = candidates_of(election)
    rejected = make_member(first_name="کاوه", last_name="ردشده")
    outsider = Candidate(election_id=election.id, member_id=rejected.id, registered_at=utcnow(), status="rejected")
    db.session.add(outsider)
    db.session.commit()
    member = election.members[5]
    voter = app.test_client()
    identify(voter, election, member)
    code = last_code(member)

    too_many = cast(voter, election, code, [c.id for c in candidates[:3]])
    assert too_many.status_code == 422 and "حداکثر ۲ نامزد" in text_of(too_many)
    not_listed = cast(voter, election, code, [candidates[0].id, outsider.id])
    assert not_listed.status_code == 422 and "در فهرست نهایی این انتخابات نیست" in text_of(not_listed)
    assert counts(election) == (0, 0)
    # The code was not spent on the refused ballots.
    assert cast(voter, election, code, [candidates[0].id]).status_code == 303


def test_unknown_member_and_mismatched_national_code(head_client, make_election, app):
    election = open_voting(head_client, make_election())
    voter = app.test_client()
    member = election.members[0]
    wrong_pair = identify(voter, election, member, code=election.members[1].person.national_code)
    assert wrong_pair.status_code == 422 and "هیچ عضوی با این شماره عضویت و کد ملی" in text_of(wrong_pair)
    bad_code = identify(voter, election, member, code="1234567890")
    assert bad_code.status_code == 422 and "کد ملی" in text_of(bad_code)
    assert not db.session.scalar(select(func.count()).select_from(VoteCode))
    no_session = voter.get(f"/council/elections/{election.id}/vote/ballot")
    assert no_session.status_code == 303 and no_session.headers["Location"].endswith("/vote")


def test_no_vote_before_opening_after_closing_or_on_a_paper_election(head_client, make_election, app):
    election = make_election()
    before = app.test_client().get(f"/council/elections/{election.id}/vote")
    assert "رای‌گیری هنوز آغاز نشده" in text_of(before) and 'id="identify-form"' not in before.get_data(as_text=True)

    open_voting(head_client, election)
    member = election.members[3]
    voter = app.test_client()
    identify(voter, election, member)
    code = last_code(member)
    head_client.post(f"/council/elections/{election.id}/voting/close")

    late = cast(voter, election, code, [])
    assert late.status_code == 303
    assert "رای‌گیری این انتخابات پایان یافته" in text_of(voter.get(late.headers["Location"]))
    late_identify = identify(app.test_client(), election, election.members[0])
    assert late_identify.status_code == 422 and "پایان یافته" in text_of(late_identify)
    assert counts(election) == (0, 0)

    paper = make_election(mode="paper", voters=1, candidates=1)
    assert "برگه" in text_of(app.test_client().get(f"/council/elections/{paper.id}/vote"))


def test_a_member_without_a_mobile_is_told_to_ask_the_secretariat(head_client, make_election, app):
    election = open_voting(head_client, make_election())
    member = election.members[0]
    member.person.mobile = None
    db.session.commit()
    answer = identify(app.test_client(), election, member)
    assert answer.status_code == 422 and "شماره همراهی" in text_of(answer)


# --- turnout and minutes ---------------------------------------------------------------------------

def test_turnout_is_live_and_the_htmx_fragment_is_only_the_block(head_client, make_election, app, count_queries):
    election = open_voting(head_client, make_election(voters=8))
    for member in election.members[:2]:
        vote(app, election, member, [])
    page = head_client.get(f"/council/elections/{election.id}/voting")
    text = text_of(page)
    assert "۲" in text and "۸" in text and "۲۵٪" in text
    assert 'hx-trigger="every 15s"' in page.get_data(as_text=True)
    with count_queries() as statements:
        fragment = head_client.get(f"/council/elections/{election.id}/voting", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True) and "۲۵٪" in text_of(fragment)
    assert len(statements) < 12
    head_client.post(f"/council/elections/{election.id}/voting/close")
    closed = head_client.get(f"/council/elections/{election.id}/voting").get_data(as_text=True)
    assert "hx-trigger" not in closed


def test_the_minutes_pdf(head_client, make_election, app, tmp_path):
    import subprocess

    from core.models import Person

    election = open_voting(head_client, make_election(voters=6, candidates=4, seats=2, alternates=1))
    not_yet = head_client.get(f"/council/elections/{election.id}/minutes.pdf", follow_redirects=True)
    assert "پس از پایان رای‌گیری" in text_of(not_yet)
    candidates = candidates_of(election)
    for member, choice in zip(election.members, ([0, 1], [0, 1], [0, 2], [1], [], [0]), strict=True):
        vote(app, election, member, [candidates[i].id for i in choice])
    head_client.post(f"/council/elections/{election.id}/voting/close")
    for index, (first, last) in enumerate((("حمید", "ناظری"), ("لیلا", "امینی"))):
        person = Person(first_name=first, last_name=last)
        db.session.add(person)
        db.session.flush()
        db.session.add(Supervisor(election_id=election.id, person_id=person.id, role="chair" if not index else "member",
                                  signed_off_at=utcnow() if not index else None,
                                  objection="" if not index else "صندوق دوم دیر باز شد"))
    db.session.commit()

    response = head_client.get(f"/council/elections/{election.id}/minutes.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "minutes.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "صورتجلسه" in text and "دوازدهمین" in text
    assert "۱۰۰" in text  # six of six voted
    assert "ناظری" in text and "صندوق دوم دیر باز شد" in text
    assert "منتخب" in text and "علی البدل" in text.replace("‌", " ")


def test_the_dashboard_shows_the_live_turnout_of_an_open_election(head_client, make_election, app):
    from core.jalali import Period, jalali_today
    from plugins.council.reports.voting import metrics

    election = open_voting(head_client, make_election(voters=4))
    vote(app, election, election.members[0], [])
    now = jalali_today()
    [metric] = metrics(Period.month(now.year, now.month), None)
    assert metric["value"] == 25 and metric["url_args"] == {"election_id": election.id}
    assert metrics(Period.year(now.year - 1), None) == []
    part = head_client.get("/dashboard/part/council")
    assert "مشارکت تاکنون" in text_of(part) and "۲۵" in text_of(part)
    head_client.post(f"/council/elections/{election.id}/voting/close")
    assert metrics(Period.month(now.year, now.month), None) == []


def test_the_demo_votes_in_a_held_election_only(make_election):
    import random
    from types import SimpleNamespace

    from plugins.council.demo import voting as demo_voting
    from plugins.council.demo.base import CouncilDemo
    from plugins.council.tally import results

    held = make_election(voters=20, candidates=5, seats=3, alternates=1)
    held.voting_opened_at = utcnow() - datetime.timedelta(hours=8)
    held.voting_closed_at = utcnow()
    upcoming = make_election(voters=2, candidates=2, published=False)
    demo = CouncilDemo(department=None, members={"provincial": held.members + upcoming.members},
                       elections=[held, upcoming])
    demo_voting.seed(db.session, SimpleNamespace(random=random.Random(7)), demo)
    db.session.commit()
    tally = results(held)
    assert tally.roll_size == 22 and tally.voted == round(0.85 * 22) and tally.turnout > 80
    assert len(tally.of("elected")) == 3 and len(tally.of("alternate")) == 1
    assert tally.rows[0].votes > tally.rows[-1].votes
    assert results(upcoming).roll_size == 0


def test_ballots_are_not_kept_in_the_order_they_were_cast(app):
    """On SQLite the ballot tables have no rowid: rows are stored by their random keys."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's rowid")
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    for table in ("council_ballots", "council_ballot_choices"):
        with pytest.raises(OperationalError):
            db.session.execute(text(f"SELECT rowid FROM {table}"))
        db.session.rollback()
