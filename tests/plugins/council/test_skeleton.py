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


def test_no_earlier_record_is_not_reported_as_a_first_time(monkeypatch):
    import datetime
    from types import SimpleNamespace

    from plugins.council import reports

    earlier = datetime.date(2019, 5, 1)
    part = SimpleNamespace(report_items=lambda period: [{"key": "a", "text": "…", "previous": None},
                                                        {"key": "b", "text": "…", "previous": earlier},
                                                        {"key": "c", "text": "…"}])
    monkeypatch.setattr(reports, "PARTS", (part,))
    assert reports.report_items(None) == [{"key": "a", "text": "…"}, {"key": "b", "text": "…", "previous": earlier},
                                          {"key": "c", "text": "…"}]
