"""One member, one vote under concurrent submissions, enforced by the database: two connections
writing the same member's vote at once (the second gets the IntegrityError of Participation's
primary key, rolled back, with «رای شما پیش‌تر ثبت شده است»), and two browsers of the same member
posting their ballots at the same moment. Runs on SQLite and PostgreSQL (DATABASE_URL); the data
is committed for real and removed afterwards."""
import datetime
import re
import threading

import pytest
from sqlalchemy import func, select

from core.db import db, utcnow
from core.jalali import today
from core.models import Department, ModuleState, Organization, Person
from core.sms.models import SmsBatch
from core.testing import delete_all_rows
from plugins.council.models import (Ballot, Candidate, Election, Member, Participation, RollEntry, Unit,
                                    VoteCode)
from plugins.council.views.voting import already_voted_message, record_vote
from tests.plugins.council.test_voting import national_code

pytestmark = pytest.mark.committing


@pytest.fixture
def election_ids(app):
    """An open election with one candidate and one voter on its roll, committed: (election, voter,
    candidate) ids."""
    with app.app_context():
        department = Department(name="دبیرخانه شورای هماهنگی روابط عمومی‌ها")
        db.session.add(department)
        db.session.flush()
        db.session.add(ModuleState(key="council", department_id=department.id, enabled=True))
        organization = Organization(name="اداره کل میراث فرهنگی استان یزد", type="agency")
        db.session.add(organization)
        db.session.flush()
        unit = Unit(organization_id=organization.id, body="provincial")
        members = []
        for number, (first, last) in ((2001, ("مریم", "دهقان")), (2002, ("علی", "کاظمی"))):
            person = Person(first_name=first, last_name=last, national_code=national_code(number),
                            mobile=f"0913{number:07d}")
            members.append(Member(unit=unit, person=person, member_number=str(number), start_date=today()))
        db.session.add_all(members)
        day = today()
        election = Election(body="provincial", term=12, title="انتخابات دوازدهمین دوره هیات رئیسه", seats=1,
                            alternates=0, max_choices=1, registration_start=day, registration_end=day,
                            vetting_end=day, objections_end=day, voting_date=day, results_date=day,
                            list_published_at=utcnow(), voting_opened_at=utcnow())
        db.session.add(election)
        db.session.flush()
        candidate = Candidate(election_id=election.id, member_id=members[1].id, registered_at=utcnow(),
                              status="approved", code=11)
        db.session.add_all([candidate, RollEntry(election_id=election.id, member_id=members[0].id)])
        db.session.commit()
        ids = election.id, members[0].id, candidate.id
    try:
        yield ids
    finally:
        with app.app_context():
            db.session.remove()
            delete_all_rows()


def counts(app, election_id):
    with app.app_context():
        result = (db.session.scalar(select(func.count()).select_from(Participation)
                                    .where(Participation.election_id == election_id)),
                  db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.election_id == election_id)))
        db.session.remove()
        return result


def run_together(*targets):
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)


def test_two_connections_writing_the_same_members_vote(app, election_ids):
    election_id, member_id, candidate_id = election_ids
    with app.app_context():
        now = utcnow()
        codes = [VoteCode(election_id=election_id, member_id=member_id, code_hash="-", sent_at=now,
                          expires_at=now + datetime.timedelta(minutes=15), attempts=0) for _ in range(2)]
        db.session.add_all(codes)
        db.session.commit()
        code_ids = [code.id for code in codes]
        db.session.remove()
    barrier = threading.Barrier(2)
    outcomes = []

    def voter(code_id):
        def run():
            barrier.wait()
            # A POST request's connection, as the ballot page's (SQLite: BEGIN IMMEDIATE).
            with app.test_request_context(method="POST"):
                try:
                    election = db.session.get(Election, election_id)
                    outcomes.append(record_vote(election, db.session.get(VoteCode, code_id), [candidate_id]))
                finally:
                    db.session.remove()
        return run

    run_together(*(voter(code_id) for code_id in code_ids))
    with app.test_request_context():
        assert sorted(outcomes, key=str) == sorted([None, already_voted_message()], key=str)
    assert counts(app, election_id) == (1, 1)


def test_two_browsers_of_one_member_posting_at_once(app, election_ids):
    election_id, member_id, candidate_id = election_ids
    with app.app_context():
        member = db.session.get(Member, member_id)
        number, code_number = member.member_number, member.person.national_code
        db.session.remove()
    browsers, codes = [app.test_client(), app.test_client()], []
    for browser in browsers:
        answer = browser.post(f"/council/elections/{election_id}/vote",
                              data={"member_number": number, "national_code": code_number})
        assert answer.status_code == 303
        with app.app_context():
            text = db.session.scalar(select(SmsBatch.text).order_by(SmsBatch.id.desc()).limit(1))
            db.session.remove()
        codes.append(re.search(r"\b([0-9]{6})\b", text).group(1))
    barrier = threading.Barrier(2)
    answers = []

    def post(browser, code):
        def run():
            barrier.wait()
            answers.append(browser.post(f"/council/elections/{election_id}/vote/ballot",
                                        data={"code": code, "candidates": [str(candidate_id)]}))
        return run

    run_together(*(post(browser, code) for browser, code in zip(browsers, codes, strict=True)))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [303, 422]
    refused = next(answer for answer in answers if answer.status_code == 422)
    assert "رای شما پیش‌تر ثبت شده است" in refused.get_data(as_text=True)
    assert counts(app, election_id) == (1, 1)
