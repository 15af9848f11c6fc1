"""The supervisory board (هیات نظارت): named people with roles, their sign-off and objections
recorded after the vote closes, and the results published only when more than half signed off;
the public results page shows the count, the turnout and the objections, and nothing before."""
import datetime

import pytest

from core.db import db
from core.jalali import format_date, today
from core.models import Person
from plugins.council.models import Ballot, BallotChoice, Participation, RollEntry, Supervisor

from .conftest import text_of
from .test_elections import candidate_of, make_election  # noqa: F401  (a fixture)

NAMES = [("محمود", "حکیم‌زاده"), ("اعظم", "شاکری"), ("یاسر", "وکیلی"), ("نرگس", "فاضلی"), ("کاظم", "عسکری")]


@pytest.fixture
def people():
    rows = [Person(first_name=first, last_name=last) for first, last in NAMES]
    db.session.add_all(rows)
    db.session.commit()
    return rows


@pytest.fixture
def closed_election(make_election, make_member):
    """A vote of five members on the roll, four of whom voted: for «بهرامی» three times, one blank."""
    election = make_election(phase="final_list", seats=1, alternates=0, max_choices=1)
    members = [make_member(last_name=name) for name in ("بهرامی", "زارع", "کریمی", "صالحی", "رحیمی")]
    first, second = (candidate_of(election, member, status="approved") for member in members[:2])
    first.code, second.code = 11, 12
    now = datetime.datetime.now(datetime.UTC)
    election.list_published_at = election.voting_opened_at = election.voting_closed_at = now
    db.session.add_all(RollEntry(election_id=election.id, member_id=member.id) for member in members)
    db.session.add_all(Participation(election_id=election.id, member_id=member.id, voted_at=now)
                       for member in members[:4])
    for choices in ([first], [first], [first], []):
        db.session.add(Ballot(election_id=election.id, choices=[BallotChoice(candidate_id=c.id) for c in choices]))
    db.session.commit()
    return election


def add(client, election, person, role="member"):
    return client.post(f"/council/elections/{election.id}/supervisors", data={"person": str(person.id), "role": role})


def sign_off(client, election, supervisor, day=None, objection=""):
    return client.post(f"/council/elections/{election.id}/supervisors/{supervisor.id}/sign-off",
                       data={"signed_on": format_date(day or today(), "numeric") if day is not False else "",
                             "objection": objection})


def test_naming_the_board(head_client, staff_client, make_election, people):
    election = make_election()
    assert add(staff_client, election, people[0]).status_code == 403
    assert add(head_client, election, people[0], role="chair").status_code == 303
    response = add(head_client, election, people[1], role="chair")
    assert response.status_code == 422 and "هیات نظارت پیش‌تر رئیس دارد" in text_of(response)
    response = add(head_client, election, people[0])
    assert response.status_code == 422 and "این شخص پیش‌تر عضو هیات نظارت است" in text_of(response)
    response = head_client.post(f"/council/elections/{election.id}/supervisors", data={"person": "99999"})
    assert response.status_code == 422
    assert [(s.person_id, s.role) for s in db.session.query(Supervisor)] == [(people[0].id, "chair")]
    page = text_of(head_client.get(f"/council/elections/{election.id}"))
    assert "محمود حکیم‌زاده" in page and "رئیس" in page


def test_sign_off_only_after_the_vote_closes(head_client, make_election, people):
    election = make_election()
    supervisor = Supervisor(election=election, person=people[0])
    db.session.add(supervisor)
    db.session.commit()
    assert sign_off(head_client, election, supervisor).status_code == 303
    assert supervisor.signed_off_at is None
    page = text_of(head_client.get(f"/council/elections/{election.id}"))
    assert "پس از پایان رای‌گیری نتایج را تأیید می‌کنند" in page


def test_the_results_wait_for_more_than_half_of_the_board(app, head_client, staff_client, closed_election, people):
    election = closed_election
    supervisors = [Supervisor(election=election, person=person, role="chair" if index == 0 else "member")
                   for index, person in enumerate(people[:4])]
    db.session.add_all(supervisors)
    db.session.commit()
    public = app.test_client()
    assert "نتایج هنوز منتشر نشده است" in text_of(public.get(f"/council/elections/{election.id}/results"))
    # Staff see the count before it is published.
    page = text_of(staff_client.get(f"/council/elections/{election.id}"))
    assert "۴ نفر از ۵ عضو واجد شرایط رای دادند (۸۰ درصد)" in page
    assert sign_off(head_client, election, supervisors[0]).status_code == 303
    response = sign_off(head_client, election, supervisors[1], day=today() + datetime.timedelta(days=1))
    assert response.status_code == 422 and "تاریخ تأیید نمی‌تواند در آینده باشد" in text_of(response)
    response = sign_off(head_client, election, supervisors[1], day=False)
    assert response.status_code == 422 and "تاریخ تأیید یا متن اعتراض یا هر دو" in text_of(response)
    # An objection without a sign-off.
    assert sign_off(head_client, election, supervisors[1], day=False,
                    objection="دو برگه رای با تأخیر شمرده شد").status_code == 303
    assert sign_off(head_client, election, supervisors[2]).status_code == 303
    # Two of four: not more than half.
    assert staff_client.post(f"/council/elections/{election.id}/publish-results").status_code == 403
    response = head_client.post(f"/council/elections/{election.id}/publish-results", follow_redirects=True)
    assert "بیش از نیمی از اعضای هیات نظارت" in text_of(response) and "اکنون ۲ از ۴ نفر" in text_of(response)
    assert election.results_published_at is None
    assert sign_off(head_client, election, supervisors[3]).status_code == 303
    assert head_client.post(f"/council/elections/{election.id}/publish-results").status_code == 303
    assert election.results_published_at is not None
    page = text_of(public.get(f"/council/elections/{election.id}/results"))
    assert "مریم بهرامی" in page and "منتخب" in page and "۸۰ درصد" in page
    assert "دو برگه رای با تأخیر شمرده شد" in page and "شاکری" in page
    # Published: the sign-offs are frozen.
    response = sign_off(head_client, election, supervisors[1], objection="تغییر")
    assert response.status_code == 303 and supervisors[1].objection == "دو برگه رای با تأخیر شمرده شد"


def test_results_only_after_the_vote_closes(head_client, make_election, people):
    election = make_election(phase="final_list")
    db.session.add(Supervisor(election=election, person=people[0], signed_off_at=datetime.datetime.now(datetime.UTC)))
    db.session.commit()
    response = head_client.post(f"/council/elections/{election.id}/publish-results", follow_redirects=True)
    assert "نتایج فقط پس از پایان رای‌گیری منتشر می‌شود" in text_of(response)
    assert election.results_published_at is None


def test_the_report_item_of_the_election(closed_election, make_member, make_election, people):
    from core.jalali import Period
    from plugins.council.reports.elections import report_items

    election = closed_election
    election.term = 12
    db.session.add_all(Supervisor(election=election, person=person) for person in people)
    db.session.commit()
    rejected = candidate_of(election, make_member(last_name="صالحی‌نژاد"), status="rejected", reason="بند ۱")
    assert rejected.status == "rejected"
    period = Period(today() - datetime.timedelta(days=60), today() + datetime.timedelta(days=60), "custom", "")
    upcoming = make_election(body="county", term=5)
    candidate_of(upcoming, make_member())
    texts = [item["text"] for item in report_items(period)]
    assert texts[0] == ("برگزاری انتخابات دوازدهمین دوره هیات رئیسه با ثبت‌نام ۳ نامزد، تأیید صلاحیت ۲ نفر، "
                        "مشارکت ۸۰ درصد و نظارت هیات ۵ نفره.")
    assert "شورای هماهنگی روابط عمومی فرمانداری‌ها" in texts[1] and "پنجمین" in texts[1]
    quiet = Period(today() - datetime.timedelta(days=900), today() - datetime.timedelta(days=800), "custom", "")
    assert report_items(quiet) == []
