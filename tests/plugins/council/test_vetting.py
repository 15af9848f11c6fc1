"""Vetting: staff prepare the assessment per clause, the head decides; approval needs every clause
met, a rejection and a clause not met need their reasons; objections within their window, decided
with a reason (accepting one approves the candidate); nothing changes after the final list."""
import datetime

import pytest

from core.db import db
from core.jalali import format_date, today
from plugins.council.models import Objection, Vetting

from .conftest import text_of
from .test_elections import candidate_of, make_election  # noqa: F401  (a fixture)


@pytest.fixture
def election(make_election):
    return make_election(phase="vetting")


def marks(election, *met, reasons=(), **decision):
    data = {}
    for index, clause in enumerate(election.clauses):
        data[f"met_{clause.id}"] = "1" if met[index] else "0"
        data[f"reason_{clause.id}"] = reasons[index] if index < len(reasons) else ""
    return {**data, **decision}


def vet(client, election, candidate, data):
    return client.post(f"/council/elections/{election.id}/candidates/{candidate.id}/vetting", data=data)


def test_staff_prepare_and_the_head_approves(staff_client, head_client, election, make_member):
    candidate = candidate_of(election, make_member())
    page = text_of(staff_client.get(f"/council/elections/{election.id}/candidates/{candidate.id}"))
    assert "عضویت دست‌کم دو سال در شورا" in page and "تصمیم نهایی را رئیس دبیرخانه ثبت می‌کند" in page
    # Staff cannot decide: a decision they post is not read.
    assert vet(staff_client, election, candidate, marks(election, True, True, decision="approved")).status_code == 303
    assert candidate.status == "registered" and len(candidate.vetting) == 2
    assert vet(head_client, election, candidate, marks(election, True, True, decision="approved")).status_code == 303
    db.session.refresh(candidate)
    assert candidate.status == "approved" and candidate.decided_at is not None


def test_approval_needs_every_clause_met(head_client, election, make_member):
    candidate = candidate_of(election, make_member())
    response = vet(head_client, election, candidate,
                   marks(election, True, False, reasons=("", "محکومیت انتظامی در ۱۴۰۲"), decision="approved"))
    assert response.status_code == 422
    assert "فقط وقتی تأیید می‌شود که همه شرایط احراز شده باشد" in text_of(response)
    assert candidate.status == "registered" and not db.session.query(Vetting).count()


def test_a_rejection_and_a_clause_not_met_need_reasons(head_client, election, make_member):
    candidate = candidate_of(election, make_member())
    response = vet(head_client, election, candidate, marks(election, True, False, decision="rejected",
                                                           decision_reason="محکومیت انتظامی"))
    assert response.status_code == 422 and "بنویسید چرا این شرط احراز نشده است" in text_of(response)
    response = vet(head_client, election, candidate, marks(election, True, False, reasons=("", "محکومیت انتظامی"),
                                                           decision="rejected"))
    assert response.status_code == 422 and "ردصلاحیت باید دلیل داشته باشد" in text_of(response)
    assert candidate.status == "registered" and not db.session.query(Vetting).count()
    response = vet(head_client, election, candidate, marks(election, True, False, reasons=("", "محکومیت انتظامی"),
                                                           decision="rejected", decision_reason="بند ۲ اساسنامه"))
    assert response.status_code == 303
    db.session.refresh(candidate)
    assert (candidate.status, candidate.decision_reason) == ("rejected", "بند ۲ اساسنامه")
    page = text_of(head_client.get(f"/council/elections/{election.id}/candidates/{candidate.id}"))
    assert "محکومیت انتظامی" in page and "ثبت اعتراض" in page


def test_viewers_read_only(app, login, viewer, election, make_member):
    candidate = candidate_of(election, make_member())
    reader = login(viewer, test_client=app.test_client())
    assert reader.get(f"/council/elections/{election.id}/candidates/{candidate.id}").status_code == 200
    assert vet(reader, election, candidate, marks(election, True, True)).status_code == 403


def test_an_objection_within_its_window_accepted_approves(staff_client, head_client, make_election, make_member):
    election = make_election(phase="objections")
    candidate = candidate_of(election, make_member(), status="rejected", reason="سابقه کمتر از دو سال")
    url = f"/council/elections/{election.id}/candidates/{candidate.id}/objections"
    late = format_date(election.objections_end + datetime.timedelta(days=1), "numeric")
    response = staff_client.post(url, data={"filed_on": late, "text": "سابقه من دو سال و یک ماه است"})
    assert response.status_code == 422 and "آینده" in text_of(response)
    response = staff_client.post(url, data={"filed_on": format_date(today(), "numeric"), "text": ""})
    assert response.status_code == 422 and "متن اعتراض را وارد کنید" in text_of(response)
    assert not db.session.query(Objection).count()
    response = staff_client.post(url, data={"filed_on": format_date(today(), "numeric"),
                                            "text": "سابقه من دو سال و یک ماه است"})
    assert response.status_code == 303
    objection = db.session.query(Objection).one()
    decide = f"{url}/{objection.id}"
    assert staff_client.post(decide, data={f"o{objection.id}-decision": "accepted",
                                           f"o{objection.id}-reason": "سابقه تأیید شد"}).status_code == 403
    response = head_client.post(decide, data={f"o{objection.id}-decision": "accepted"})
    assert response.status_code == 422 and "دلیل تصمیم را وارد کنید" in text_of(response)
    assert objection.decision == "pending"
    response = head_client.post(decide, data={f"o{objection.id}-decision": "accepted",
                                              f"o{objection.id}-reason": "حکم کارگزینی سابقه را تأیید کرد"})
    assert response.status_code == 303
    db.session.refresh(candidate)
    assert (objection.decision, candidate.status) == ("accepted", "approved")
    # Decided: the vetting no longer changes by the clauses' form.
    response = vet(head_client, election, candidate, marks(election, False, False, reasons=("الف", "ب"),
                                                           decision="rejected", decision_reason="ج"))
    assert response.status_code == 303 and candidate.status == "approved"


def test_objections_after_their_window(staff_client, make_election, make_member):
    election = make_election(phase="final_list")
    candidate = candidate_of(election, make_member(), status="rejected", reason="بند ۱", decided_days_ago=30)
    response = staff_client.post(f"/council/elections/{election.id}/candidates/{candidate.id}/objections",
                                 data={"filed_on": format_date(today(), "numeric"), "text": "اعتراض دارم"},
                                 follow_redirects=True)
    assert "دیگر پذیرفته نمی‌شود" in text_of(response)
    assert not db.session.query(Objection).count()


def test_only_a_rejected_candidate_objects(staff_client, make_election, make_member):
    election = make_election(phase="objections")
    candidate = candidate_of(election, make_member(), status="approved")
    response = staff_client.post(f"/council/elections/{election.id}/candidates/{candidate.id}/objections",
                                 data={"filed_on": format_date(today(), "numeric"), "text": "اعتراض"},
                                 follow_redirects=True)
    assert "فقط نامزد ردصلاحیت‌شده می‌تواند اعتراض کند" in text_of(response)
    assert not db.session.query(Objection).count()


def test_the_vetting_is_frozen_with_the_final_list(head_client, make_election, make_member):
    election = make_election(phase="final_list")
    candidate = candidate_of(election, make_member(), status="approved")
    head_client.post(f"/council/elections/{election.id}/publish-list")
    response = vet(head_client, election, candidate, marks(election, True, False, reasons=("", "الف"),
                                                           decision="rejected", decision_reason="ب"))
    assert response.status_code == 303
    db.session.refresh(candidate)
    assert candidate.status == "approved" and candidate.code == 11
