"""Paper voting: batches entered twice by two different staff members, the equations checked with
the broken one named, differences shown field by field and settled by a manager; nothing saved
on a refused entry and nothing final until the entries agree or are settled."""
import pytest
from sqlalchemy import func, select

from core.db import db
from plugins.council.models import PaperBatch, PaperEntry
from plugins.council.tally import results
from tests.plugins.council.conftest import text_of
from tests.plugins.council.test_voting import candidates_of, make_election, open_voting  # noqa: F401


@pytest.fixture
def paper_election(head_client, make_election):  # noqa: F811
    return open_voting(head_client, make_election(voters=6, candidates=3, mode="paper", seats=2, max_choices=2))


@pytest.fixture
def second_staff(make_user, department, login, app):
    return login(make_user("staff", departments=[department]), test_client=app.test_client())


def figures(candidates, issued=50, cast=45, spoiled=2, unused=3, valid=40, blank=3, invalid=2, votes=(30, 25, 15)):
    data = {"issued": issued, "cast": cast, "spoiled": spoiled, "unused": unused, "valid": valid, "blank": blank,
            "invalid": invalid}
    data.update({f"votes_{candidate.id}": count for candidate, count in zip(candidates, votes, strict=True)})
    return data


def new_batch(client, election):
    response = client.post(f"/council/elections/{election.id}/paper/new", data={"label": "سالن همایش‌ها"})
    assert response.status_code == 303
    return db.session.scalar(select(PaperBatch).where(PaperBatch.election_id == election.id)
                             .order_by(PaperBatch.id.desc()).limit(1))


def entry_url(election, batch):
    return f"/council/elections/{election.id}/paper/{batch.id}/entry"


def test_two_agreeing_entries_make_the_batch_final(paper_election, staff_client, second_staff):
    election = paper_election
    candidates = candidates_of(election)
    batch = new_batch(staff_client, election)
    assert batch.number == 1
    # Three-digit figures, which no clock or date on the page can show.
    entered = figures(candidates, issued=500, cast=450, spoiled=20, unused=30, valid=400, blank=30, invalid=20,
                      votes=(300, 250, 150))

    first = staff_client.post(entry_url(election, batch), data=entered, follow_redirects=True)
    assert "کارشناس دیگری" in text_of(first)
    # The first entry's figures are not shown before the second one is in.
    page = text_of(staff_client.get(f"/council/elections/{election.id}/paper/{batch.id}"))
    assert not any(figure in page for figure in ("۳۰۰", "۲۵۰", "۱۵۰", "۴۵۰"))
    # The same person cannot make the second entry.
    again = staff_client.post(entry_url(election, batch), data=entered, follow_redirects=True)
    assert "شما پیش‌تر آرای این بسته را وارد کرده‌اید" in text_of(again)
    assert db.session.scalar(select(func.count()).select_from(PaperEntry)) == 1

    second = second_staff.post(entry_url(election, batch), data=entered, follow_redirects=True)
    assert "نهایی شد" in text_of(second)
    db.session.refresh(batch)
    assert batch.settled_at is not None and batch.cast == 450 and batch.settled_by_id is None
    tally = results(election)
    assert [row.votes for row in tally.rows] == [300, 250, 150]
    assert (tally.voted, tally.roll_size, tally.cast, tally.valid, tally.blank, tally.invalid) == (450, 6, 450, 400, 30, 20)
    assert "۳۰۰" in text_of(staff_client.get(f"/council/elections/{election.id}/paper/{batch.id}"))
    third = second_staff.get(entry_url(election, batch), follow_redirects=True)
    assert "نهایی شده" in text_of(third)


@pytest.mark.parametrize("changes, message", [
    ({"issued": 51}, "برگه‌های تحویل‌شده باید برابر آرای مأخوذه + برگه‌های باطل‌شده + برگه‌های استفاده‌نشده باشد"),
    ({"blank": 4}, "آرای صحیح + آرای سفید + آرای باطله باید برابر آرای مأخوذه باشد"),
    ({"votes": (40, 40, 5)}, "جمع آرای نامزدها (۸۵)"),
    ({"votes": (41, 10, 10)}, "آرای یک نامزد نمی‌تواند از آرای صحیح (۴۰) بیشتر باشد"),
    ({"cast": "چهل"}, "عدد صحیح"),
    ({"unused": -1}, "منفی"),
])
def test_a_broken_equation_is_named_and_nothing_is_saved(paper_election, staff_client, changes, message):
    election = paper_election
    batch = new_batch(staff_client, election)
    answer = staff_client.post(entry_url(election, batch), data=figures(candidates_of(election), **changes))
    assert answer.status_code == 422
    assert message in text_of(answer)
    assert not db.session.scalar(select(func.count()).select_from(PaperEntry))


def test_differences_are_shown_and_settled_by_a_manager(paper_election, staff_client, second_staff, head_client):
    election = paper_election
    candidates = candidates_of(election)
    batch = new_batch(staff_client, election)
    staff_client.post(entry_url(election, batch), data=figures(candidates))
    answer = second_staff.post(entry_url(election, batch), follow_redirects=True,
                               data=figures(candidates, valid=41, blank=2, votes=(31, 25, 15)))
    assert "مغایرت دارند" in text_of(answer)
    db.session.refresh(batch)
    assert batch.settled_at is None and batch.cast is None
    assert results(election).voted == 0  # an unsettled batch counts for nothing

    page = head_client.get(f"/council/elections/{election.id}/paper/{batch.id}")
    html = page.get_data(as_text=True)
    assert html.count('class="failed"') == 3  # valid, blank and the first candidate's votes
    assert 'id="settle-form"' in html
    assert staff_client.post(f"/council/elections/{election.id}/paper/{batch.id}/settle",
                             data=figures(candidates)).status_code == 403

    bad = head_client.post(f"/council/elections/{election.id}/paper/{batch.id}/settle",
                           data=figures(candidates, valid=41))
    assert bad.status_code == 422 and "آرای مأخوذه باشد" in text_of(bad)
    db.session.refresh(batch)
    assert batch.settled_at is None

    done = head_client.post(f"/council/elections/{election.id}/paper/{batch.id}/settle",
                            data=figures(candidates, valid=41, blank=2, votes=(31, 25, 15)), follow_redirects=True)
    assert "ارقام نهایی بسته ثبت شد" in text_of(done)
    db.session.refresh(batch)
    assert batch.settled_at is not None and batch.valid == 41 and batch.settled_by_id is not None
    assert [row.votes for row in results(election).rows] == [31, 25, 15]


def test_paper_entry_is_refused_on_an_electronic_election_or_before_opening(head_client, staff_client,
                                                                          make_election):  # noqa: F811
    electronic = open_voting(head_client, make_election(voters=2, candidates=2))
    answer = staff_client.post(f"/council/elections/{electronic.id}/paper/new", follow_redirects=True)
    assert "الکترونیکی" in text_of(answer)
    not_open = make_election(voters=2, candidates=2, mode="paper")
    answer = staff_client.post(f"/council/elections/{not_open.id}/paper/new", follow_redirects=True)
    assert "پس از آغاز رای‌گیری" in text_of(answer)
    assert not db.session.scalar(select(func.count()).select_from(PaperBatch))


def test_the_batches_list(paper_election, staff_client, second_staff, viewer, login, app):
    election = paper_election
    candidates = candidates_of(election)
    batch = new_batch(staff_client, election)
    staff_client.post(entry_url(election, batch), data=figures(candidates))
    second_staff.post(entry_url(election, batch), data=figures(candidates))
    new_batch(staff_client, election)
    viewer_client = login(viewer, test_client=app.test_client())
    page = viewer_client.get(f"/council/elections/{election.id}/paper")
    text = text_of(page)
    assert page.status_code == 200 and "نهایی‌شده" in text and "در انتظار ورود" in text and "۴۵" in text
    assert 'id="batch-form"' not in page.get_data(as_text=True)
    assert viewer_client.post(f"/council/elections/{election.id}/paper/new").status_code == 403
