"""Board elections: the list, setting one up (schedule order, Persian digits, the clauses), its page
with the phase and what comes next, publishing the final list with codes, the ballot paper and the
public final list; who may do what. ``make_election`` and ``candidate_of`` serve the other
election tests too."""
import datetime
import re
import pytest
from sqlalchemy import func, select

from core.db import db
from core.jalali import format_date, today
from plugins.council.models import Candidate, Clause, Election, Objection

from tests.core.test_pdf import pdftotext

from .conftest import text_of

# The schedule around ``base``; ``SHIFTS`` puts today in each phase.
CLAUSES = ("عضویت دست‌کم دو سال در شورا", "نداشتن سابقه محکومیت انتظامی")
SHIFTS = {"upcoming": 10, "registration": 0, "vetting": -7, "objections": -12, "final_list": -17}


def schedule(base):
    day = datetime.timedelta(days=1)
    return {"registration_start": base - 5 * day, "registration_end": base + 5 * day,
            "vetting_end": base + 10 * day, "objections_end": base + 15 * day, "voting_date": base + 20 * day,
            "results_date": base + 21 * day}


@pytest.fixture
def make_election(department):
    def factory(phase="registration", body="provincial", term=12, seats=5, clauses=CLAUSES, **fields):
        election = Election(body=body, term=term, title=fields.pop("title", f"انتخابات هیات رئیسه دوره {term}"),
                            seats=seats, alternates=fields.pop("alternates", 2),
                            max_choices=fields.pop("max_choices", seats), mode="electronic",
                            **{**schedule(today() + datetime.timedelta(days=SHIFTS[phase])), **fields})
        election.clauses = [Clause(position=index, text=text) for index, text in enumerate(clauses, 1)]
        db.session.add(election)
        db.session.commit()
        return election
    return factory


def candidate_of(election, member, status="registered", reason="", decided_days_ago=1):
    decided = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=decided_days_ago)
               if status != "registered" else None)
    candidate = Candidate(election=election, member=member, registered_at=datetime.datetime.now(datetime.UTC),
                          status=status, decision_reason=reason, decided_at=decided)
    db.session.add(candidate)
    db.session.commit()
    return candidate


def election_form(**changes):
    data = {"body": "provincial", "term": "۱۲", "title": "انتخابات دوازدهمین دوره هیات رئیسه", "seats": "۷",
            "alternates": "۲", "max_choices": "", "registration_start": "۱۴۰۵/۰۹/۰۱", "registration_end": "۱۴۰۵/۰۹/۱۰",
            "vetting_end": "1405/9/15", "objections_end": "١٤٠٥/٠٩/٢٠", "voting_date": "۱۴۰۵/۱۰/۰۱",
            "results_date": "۱۴۰۵/۱۰/۰۲", "mode": "electronic",
            "clause_list": "عضویت دست‌کم دو سال در شورا\n\nمدرک کارشناسی یا بالاتر\nنداشتن سابقه محکومیت انتظامی"}
    return {**data, **changes}


def test_head_sets_up_an_election_in_persian_digits(head_client):
    response = head_client.post("/council/elections/new", data=election_form())
    assert response.status_code == 303
    election = db.session.scalar(select(Election))
    assert (election.term, election.seats, election.alternates, election.max_choices) == (12, 7, 2, 7)
    assert election.vetting_end == datetime.date(2026, 12, 6)  # ۱۴۰۵/۰۹/۱۵
    assert [clause.text for clause in election.clauses] == [
        "عضویت دست‌کم دو سال در شورا", "مدرک کارشناسی یا بالاتر", "نداشتن سابقه محکومیت انتظامی"]
    page = text_of(head_client.get(response.headers["Location"]))
    assert "دوره دوازدهم" in page and "مدرک کارشناسی یا بالاتر" in page


@pytest.mark.parametrize("changes, field_message", [
    ({"registration_end": "۱۴۰۵/۰۸/۳۰"}, "«پایان ثبت‌نام» نمی‌تواند پیش از «آغاز ثبت‌نام»"),
    ({"voting_date": "۱۴۰۵/۰۹/۱۹"}, "«روز رای‌گیری» نمی‌تواند پیش از «مهلت اعتراض»"),
    ({"max_choices": "۸"}, "از ۱ تا ۷ انتخاب"),
    ({"seats": "صفر"}, "عدد صحیح"),
    ({"vetting_end": "۱۴۰۵/۱۳/۰۱"}, "ماه باید"),
])
def test_a_bad_setup_is_refused_in_persian(head_client, changes, field_message):
    response = head_client.post("/council/elections/new", data=election_form(**changes))
    assert response.status_code == 422
    assert field_message in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(Election)) == 0


def test_one_election_per_council_and_term(head_client, make_election):
    make_election(term=12)
    response = head_client.post("/council/elections/new", data=election_form())
    assert response.status_code == 422
    assert "برای دوره ۱۲ انتخابات دارد" in text_of(response)
    assert head_client.post("/council/elections/new",
                            data=election_form(body="county")).status_code == 303


def test_who_may_see_and_set_up(app, login, staff_client, viewer, make_user, make_department, make_election):
    election = make_election()
    assert staff_client.get("/council/elections/").status_code == 200
    assert staff_client.get(f"/council/elections/{election.id}").status_code == 200
    assert staff_client.post("/council/elections/new", data=election_form(term="۱۳")).status_code == 403
    assert staff_client.get(f"/council/elections/{election.id}/edit").status_code == 403
    viewer = login(viewer, test_client=app.test_client())
    assert viewer.get(f"/council/elections/{election.id}").status_code == 200
    assert "تنظیم انتخابات" not in text_of(viewer.get("/council/elections/"))
    other = login(make_user("other", departments=[make_department("واحد خبر")]), test_client=app.test_client())
    assert other.get("/council/elections/").status_code == 403
    anonymous = app.test_client().get("/council/elections/")
    assert anonymous.status_code == 302 and "login" in anonymous.headers["Location"]


def test_the_page_shows_the_phase_what_comes_next_and_the_figures(staff_client, make_election, make_member):
    election = make_election(phase="vetting")
    candidate_of(election, make_member(), status="approved")
    candidate_of(election, make_member(), status="rejected", reason="سابقه کمتر از دو سال")
    candidate_of(election, make_member())
    page = text_of(staff_client.get(f"/council/elections/{election.id}"))
    assert "بررسی صلاحیت" in page
    assert f"بررسی صلاحیت نامزدها تا {format_date(election.vetting_end)}" in page
    assert re.search(r"۳\s*ثبت‌نام‌شده\s*۱\s*تأیید صلاحیت\s*۱\s*ردصلاحیت", page)


def test_the_list_and_its_search(staff_client, make_election, count_queries):
    make_election(title="انتخابات دوره دوازدهم")
    make_election(body="county", term=5, title="انتخابات شورای فرمانداری‌ها")
    page = text_of(staff_client.get("/council/elections/?q=فرمانداری"))
    assert "انتخابات شورای فرمانداری‌ها" in page and "انتخابات دوره دوازدهم" not in page
    db.session.expire_all()
    with count_queries() as queries:
        assert staff_client.get("/council/elections/").status_code == 200
    few = len(queries)
    make_election(term=11, title="انتخابات دوره یازدهم")
    db.session.expire_all()
    with count_queries() as queries:
        staff_client.get("/council/elections/")
    assert len(queries) == few
    export = staff_client.get("/council/elections/?format=csv&body=county").get_data(as_text=True)
    assert "انتخابات شورای فرمانداری‌ها" in export and "انتخابات دوره یازدهم" not in export
    search = text_of(staff_client.get("/search?q=یازدهم"))
    assert "انتخابات دوره یازدهم" in search


def test_clauses_are_fixed_once_the_vetting_begins(head_client, make_election):
    election = make_election(phase="vetting")
    data = election_form(title="عنوان تازه", clause_list="شرطی دیگر",
                         **{name: format_date(value, "numeric") for name, value in schedule(
                             today() + datetime.timedelta(days=SHIFTS["vetting"])).items()})
    assert head_client.post(f"/council/elections/{election.id}/edit", data=data).status_code == 303
    db.session.refresh(election)
    assert election.title == "عنوان تازه"
    assert [clause.text for clause in election.clauses] == ["عضویت دست‌کم دو سال در شورا",
                                                            "نداشتن سابقه محکومیت انتظامی"]


def test_publishing_the_final_list_numbers_it_in_persian_alphabetical_order(head_client, make_election, make_member):
    election = make_election(phase="final_list")
    names = ["یزدانی", "پاکزاد", "کریمی", "بهرامی", "زارع", "چاوشی"]
    candidates = {name: candidate_of(election, make_member(last_name=name), status="approved") for name in names}
    rejected = candidate_of(election, make_member(last_name="آقایی"), status="rejected", reason="شرط ۱")
    response = head_client.post(f"/council/elections/{election.id}/publish-list")
    assert response.status_code == 303
    codes = {name: candidates[name].code for name in names}
    assert codes == {"بهرامی": 11, "پاکزاد": 12, "چاوشی": 13, "زارع": 14, "کریمی": 15, "یزدانی": 16}
    assert rejected.code is None and election.list_published_at is not None
    # Frozen: a second publication changes nothing.
    head_client.post(f"/council/elections/{election.id}/publish-list")
    assert "پیش‌تر منتشر شده" in text_of(head_client.get(f"/council/elections/{election.id}"))


def test_the_final_list_waits_for_the_vetting_and_the_objections(head_client, make_election, make_member):
    election = make_election(phase="objections")
    candidate_of(election, make_member(), status="approved")
    undecided = candidate_of(election, make_member())

    def refused_with(message):
        response = head_client.post(f"/council/elections/{election.id}/publish-list", follow_redirects=True)
        assert message in text_of(response)
        assert db.session.scalar(select(Election.list_published_at).where(Election.id == election.id)) is None

    refused_with("۱ نامزد هنوز تعیین تکلیف نشده")
    undecided.status, undecided.decision_reason = "rejected", "شرط ۲"
    db.session.commit()
    refused_with("نامزدهای ردصلاحیت‌شده تا")
    db.session.add(Objection(candidate=undecided, filed_on=today(), text="اعتراض دارم"))
    db.session.commit()
    refused_with("۱ اعتراض هنوز بررسی نشده")


def test_the_ballot_paper_and_the_public_list(app, head_client, make_election, make_unit, make_member):
    election = make_election(phase="final_list", max_choices=3, title="انتخابات دوازدهمین دوره هیات رئیسه")
    for name, organization in (("بهرامی", "اداره کل بهزیستی استان یزد"), ("زارع", "شهرداری یزد")):
        candidate_of(election, make_member(make_unit(name=organization), last_name=name), status="approved")
    refused = head_client.get(f"/council/elections/{election.id}/ballot.pdf", follow_redirects=True)
    assert "هنوز منتشر نشده" in text_of(refused)
    head_client.post(f"/council/elections/{election.id}/publish-list")
    response = head_client.get(f"/council/elections/{election.id}/ballot.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdftotext(response.data)
    assert "انتخابات دوازدهمین دوره هیات رئیسه" in text
    # pdftotext puts the spaces around numbers in right-to-left lines where it likes.
    assert "حداکثر۳نفر" in text.replace(" ", "") and "۱۱" in text and "۱۲" in text
    assert "بهرامی" in text and "اداره کل بهزیستی استان یزد" in text

    public = app.test_client().get(f"/council/elections/{election.id}/list")
    assert public.status_code == 200
    page = text_of(public)
    assert "مریم بهرامی" in page and "۱۱" in page and "اداره کل بهزیستی استان یزد" in page
    assert "1001" not in public.get_data(as_text=True) and "۱۰۰۱" not in page  # no member numbers


def test_the_public_list_before_publication_shows_nothing(app, make_election, make_member):
    election = make_election(phase="objections")
    candidate_of(election, make_member(last_name="بهرامی"), status="approved")
    page = text_of(app.test_client().get(f"/council/elections/{election.id}/list"))
    assert "هنوز منتشر نشده" in page and "بهرامی" not in page


def test_the_election_page_runs_a_fixed_number_of_queries(staff_client, make_election, make_member, count_queries):
    election = make_election(phase="objections")
    rejected = candidate_of(election, make_member(), status="rejected", reason="بند ۱")
    db.session.add(Objection(candidate=rejected, filed_on=today(), text="اعتراض"))
    candidate_of(election, make_member(), status="approved")
    db.session.commit()
    db.session.expire_all()
    with count_queries() as queries:
        assert staff_client.get(f"/council/elections/{election.id}").status_code == 200
    few = len(queries)
    for _ in range(3):
        candidate_of(election, make_member(), status="approved")
    db.session.expire_all()
    with count_queries() as queries:
        staff_client.get(f"/council/elections/{election.id}")
    assert len(queries) == few


def test_the_calendar_shows_registration_and_voting(staff_client, make_election):
    election = make_election(title="انتخابات دوره دوازدهم")
    jalali = format_date(election.voting_date, "numeric").translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    year, month, _day = (int(part) for part in jalali.split("/"))
    page = text_of(staff_client.get(f"/calendar/agenda?y={year}&m={month}"))
    assert "روز رای‌گیری: انتخابات دوره دوازدهم" in page
