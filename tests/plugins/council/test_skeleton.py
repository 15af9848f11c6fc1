"""The plugin boots with the module on: its sections answer, a member gets a seat in the body's
committee, and at most one current manager per unit holds in the database."""
import pytest
from sqlalchemy.exc import IntegrityError

from core.db import db
from plugins.council.models import Body


def test_a_member_gets_a_seat_in_the_body_committee(make_member):
    member = make_member()
    body = db.session.query(Body).filter_by(key="provincial").one()
    assert member.seat.committee_id == body.committee_id
    assert member.seat.person_id == member.person_id
    assert body.committee.kind == "council"


def test_one_current_manager_per_unit(make_unit, make_member):
    unit = make_unit()
    make_member(unit=unit, role="manager")
    with pytest.raises(IntegrityError):
        make_member(unit=unit, role="manager", first_name="علی")
    db.session.rollback()


def test_the_sections_answer(staff_client):
    for path in ("/council/", "/council/members/", "/council/cards/", "/council/committees/"):
        assert staff_client.get(path).status_code == 200, path
