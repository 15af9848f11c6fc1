"""Candidate registration: the public page (member number and national code, any digits), each
reason someone cannot register said in Persian and nothing saved, nothing revealed about other
members; registration by the secretariat from the election page."""
import datetime

import pytest
from sqlalchemy import func, select

from core.db import db
from plugins.council.models import Candidate

from .conftest import text_of
from .test_elections import make_election  # noqa: F401  (a fixture)

NATIONAL_CODE = "0084575948"


@pytest.fixture
def member(make_member):
    member = make_member(first_name="زهرا", last_name="کمالی", member_number="2417")
    member.person.national_code = NATIONAL_CODE
    db.session.commit()
    return member


def candidates():
    return db.session.scalar(select(func.count()).select_from(Candidate))


def register(client, election, number="2417", code=NATIONAL_CODE, statement="ده سال سابقه مدیریت روابط عمومی"):
    return client.post(f"/council/elections/{election.id}/register",
                       data={"member_number": number, "national_code": code, "statement": statement})


def test_a_member_registers_on_the_public_page_in_persian_digits(client, make_election, member):
    election = make_election()
    page = client.get(f"/council/elections/{election.id}/register")
    assert page.status_code == 200
    assert "عضویت دست‌کم دو سال در شورا" in text_of(page)  # the clauses, so members know the rules
    response = register(client, election, number="۲۴۱۷", code="۰۰۸۴۵۷۵۹۴۸")
    assert response.status_code == 200
    candidate = db.session.scalar(select(Candidate))
    assert (candidate.member_id, candidate.status) == (member.id, "registered")
    assert candidate.statement == "ده سال سابقه مدیریت روابط عمومی"
    page = text_of(response)
    assert "ثبت‌نام شما دریافت شد" in page and f"شماره ثبت‌نام: {candidate.id}".translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in page


@pytest.mark.parametrize("number, code", [("2417", "0013542419"), ("9999", NATIONAL_CODE)])
def test_a_wrong_pair_gets_one_message_that_reveals_nothing(client, make_election, member, number, code):
    election = make_election()
    response = register(client, election, number=number, code=code)
    assert response.status_code == 422
    page = text_of(response)
    assert "عضوی با این شماره عضویت و این کد ملی وجود ندارد" in page
    assert "کمالی" not in page
    assert candidates() == 0


def test_an_invalid_national_code_is_refused(client, make_election, member):
    response = register(client, make_election(), code="1234567890")
    assert response.status_code == 422
    assert "کد ملی" in text_of(response) and candidates() == 0


def test_outside_the_registration_dates(client, make_election, member):
    for phase in ("upcoming", "vetting"):
        election = make_election(phase=phase, term=12 if phase == "upcoming" else 13)
        page = text_of(client.get(f"/council/elections/{election.id}/register"))
        assert "ثبت‌نام در این انتخابات از" in page and "register-form" not in page
        response = register(client, election)
        assert response.status_code == 422
        assert "ثبت‌نام در این انتخابات از" in text_of(response)
    assert candidates() == 0


def test_a_member_of_the_other_council_or_a_former_member(client, make_election, make_unit, make_member, member):
    county = make_election(body="county", term=4)
    response = register(client, county)
    assert response.status_code == 422
    assert "شما عضو شورای هماهنگی روابط عمومی فرمانداری‌ها نیستید" in text_of(response)
    member.end_date = datetime.date(2025, 1, 1)
    db.session.commit()
    response = register(client, make_election())
    assert response.status_code == 422
    assert "عضویت شما پایان یافته است" in text_of(response)
    assert candidates() == 0


def test_registering_twice(client, make_election, member):
    election = make_election()
    assert register(client, election).status_code == 200
    response = register(client, election)
    assert response.status_code == 422
    assert "پیش‌تر به عنوان نامزد ثبت‌نام کرده‌اید" in text_of(response)
    assert candidates() == 1


def test_after_the_final_list_registration_is_closed(client, make_election, member):
    election = make_election()
    election.list_published_at = datetime.datetime.now(datetime.UTC)
    db.session.commit()
    assert register(client, election).status_code == 422
    assert candidates() == 0


def test_staff_register_a_candidate_from_the_election_page(staff_client, viewer, login, app, make_election, member):
    election = make_election()
    assert "ثبت‌نام نامزد" in text_of(staff_client.get(f"/council/elections/{election.id}"))
    response = staff_client.post(f"/council/elections/{election.id}/candidates/new", data={"member_number": "۹۹۹"})
    assert response.status_code == 422 and "عضوی با این شماره عضویت وجود ندارد" in text_of(response)
    response = staff_client.post(f"/council/elections/{election.id}/candidates/new", data={"member_number": "۲۴۱۷"})
    assert response.status_code == 303
    assert db.session.scalar(select(Candidate.member_id)) == member.id
    response = staff_client.post(f"/council/elections/{election.id}/candidates/new", data={"member_number": "2417"})
    assert response.status_code == 422 and "پیش‌تر" in text_of(response)
    reader = login(viewer, test_client=app.test_client())
    assert reader.post(f"/council/elections/{election.id}/candidates/new",
                       data={"member_number": "2417"}).status_code == 403
    assert candidates() == 1


def test_the_public_page_of_a_missing_election(client):
    assert client.get("/council/elections/999/register").status_code == 404


def test_with_htmx_the_confirmation_replaces_the_form_alone(client, make_election, member):
    election = make_election()
    response = client.post(f"/council/elections/{election.id}/register", headers={"HX-Request": "true"},
                           data={"member_number": "2417", "national_code": NATIONAL_CODE})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="registered"' in html
    assert "<main" not in html and "<html" not in html
