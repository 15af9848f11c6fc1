"""Indicator sets of the performance evaluation: drafts edited with a live sum of weights,
approval only when the weights add up to 100 (recording who approved it), frozen once approved,
a new version copied from an approved one, and who may do what."""
import datetime

import pytest
from sqlalchemy import func, select

from core.db import db
from plugins.council.models.evaluation import Indicator, IndicatorSet

from .conftest import text_of


@pytest.fixture
def make_set():
    def factory(weights=(40, 35, 25), name="شاخص‌های ارزیابی هفته دولت", approved=False):
        indicator_set = IndicatorSet(name=name, version=1)
        indicator_set.indicators = [Indicator(title=f"شاخص {i + 1}", weight=w, position=i) for i, w in enumerate(weights)]
        if approved:
            indicator_set.approver, indicator_set.approved_on = "council", datetime.date(2024, 8, 1)
            indicator_set.approval_reference = "مصوبه ۳ جلسه ۱۲"
        db.session.add(indicator_set)
        db.session.commit()
        return indicator_set
    return factory


def grid(rows):
    data = {}
    for i, (title, weight) in enumerate(rows):
        data.update({f"rows-{i}-title": title, f"rows-{i}-weight": weight, f"rows-{i}-group_title": "",
                     f"rows-{i}-guidance": ""})
    return data


def test_a_set_is_made_and_its_indicators_entered_with_persian_digits(staff_client):
    response = staff_client.post("/council/evaluation/sets/new", data={"name": "شاخص‌های ارزیابی عملکرد"})
    assert response.status_code == 303
    indicator_set = db.session.scalar(select(IndicatorSet))
    assert response.headers["Location"].endswith(f"/council/evaluation/sets/{indicator_set.id}/indicators")
    page = text_of(staff_client.get(f"/council/evaluation/sets/{indicator_set.id}/indicators"))
    assert "شاخص‌ها و وزن‌ها" in page and "جمع وزن‌ها: ۰" in page
    response = staff_client.post(f"/council/evaluation/sets/{indicator_set.id}/indicators",
                                 data=grid([("اطلاع‌رسانی به‌هنگام", "۶۰"), ("پاسخگویی", "٤٠"), ("", "")]))
    assert response.status_code == 303
    db.session.expire_all()
    assert [(i.title, i.weight) for i in indicator_set.indicators] == [("اطلاع‌رسانی به‌هنگام", 60), ("پاسخگویی", 40)]
    page = text_of(staff_client.get(f"/council/evaluation/sets/{indicator_set.id}"))
    assert "پیش‌نویس" in page and "اطلاع‌رسانی به‌هنگام" in page and "۱۰۰" in page


def test_the_live_sum_of_weights_answers_what_was_typed(staff_client, make_set):
    indicator_set = make_set()
    response = staff_client.post(f"/council/evaluation/sets/{indicator_set.id}/weights",
                                 data=grid([("الف", "۳۰"), ("ب", "45")]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    text = text_of(response)
    assert "جمع وزن‌ها: ۷۵" in text and "۲۵ امتیاز تا ۱۰۰ مانده است" in text
    assert "<html" not in response.get_data(as_text=True)


def test_a_row_with_a_title_and_no_weight_is_refused_and_nothing_changes(staff_client, make_set):
    indicator_set = make_set()
    response = staff_client.post(f"/council/evaluation/sets/{indicator_set.id}/indicators",
                                 data=grid([("شاخص تازه", ""), ("دیگری", "۱۲۰")]))
    assert response.status_code == 422
    text = text_of(response)
    assert "وزن شاخص را وارد کنید." in text and "وزن عددی صحیح از ۱ تا ۱۰۰ است." in text
    db.session.expire_all()
    assert [i.weight for i in indicator_set.indicators] == [40, 35, 25]


def test_weights_not_adding_up_to_100_cannot_be_approved(head_client, make_set):
    indicator_set = make_set(weights=(40, 35, 20))
    response = head_client.post(f"/council/evaluation/sets/{indicator_set.id}/approve", data={
        "approver": "council", "approved_on": "۱۴۰۳/۰۵/۱۰", "approval_reference": "مصوبه ۲"})
    assert response.status_code == 422
    assert "جمع وزن شاخص‌ها باید ۱۰۰ باشد؛ اکنون ۹۵ است." in text_of(response)
    db.session.expire_all()
    assert indicator_set.approved_on is None and indicator_set.approver is None


def test_approval_records_who_approved_and_freezes_the_set(head_client, head, make_set):
    indicator_set = make_set()
    response = head_client.post(f"/council/evaluation/sets/{indicator_set.id}/approve", data={
        "approver": "info_council", "approved_on": "۱۴۰۳/۰۵/۱۰", "approval_reference": "مصوبه ۴ جلسه ۲۱"})
    assert response.status_code == 303
    db.session.expire_all()
    assert (indicator_set.approver, indicator_set.approved_on, indicator_set.approved_by_id) == (
        "info_council", datetime.date(2024, 7, 31), head.id)
    page = text_of(head_client.get(f"/council/evaluation/sets/{indicator_set.id}"))
    assert "شورای اطلاع‌رسانی استان" in page and "مصوبه ۴ جلسه ۲۱" in page and "تصویب‌شده" in page
    # Frozen: neither the indicators nor the set can be changed any more.
    response = head_client.post(f"/council/evaluation/sets/{indicator_set.id}/indicators",
                                data=grid([("چیز دیگر", "100")]))
    assert response.status_code == 303
    db.session.expire_all()
    assert [i.weight for i in indicator_set.indicators] == [40, 35, 25]
    follow = text_of(head_client.get(response.headers["Location"]))
    assert "مجموعه شاخص تصویب‌شده قفل است" in follow


def test_a_new_version_is_a_draft_copy(staff_client, make_set):
    indicator_set = make_set(approved=True)
    response = staff_client.post(f"/council/evaluation/sets/{indicator_set.id}/copy")
    assert response.status_code == 303
    copy = db.session.scalar(select(IndicatorSet).where(IndicatorSet.version == 2))
    assert copy.previous_id == indicator_set.id and not copy.is_approved
    assert [(i.title, i.weight) for i in copy.indicators] == [("شاخص 1", 40), ("شاخص 2", 35), ("شاخص 3", 25)]
    page = text_of(staff_client.get(f"/council/evaluation/sets/{copy.id}"))
    assert "نسخهٔ ۲" in page and "برگرفته از" in page


def test_staff_cannot_approve_and_viewer_cannot_edit(staff_client, make_set, app, login, viewer):
    indicator_set = make_set()
    assert staff_client.post(f"/council/evaluation/sets/{indicator_set.id}/approve", data={
        "approver": "council", "approved_on": "1403/05/10", "approval_reference": "x"}).status_code == 403
    viewer_client = login(viewer, test_client=app.test_client())
    assert viewer_client.get(f"/council/evaluation/sets/{indicator_set.id}").status_code == 200
    assert viewer_client.post(f"/council/evaluation/sets/{indicator_set.id}/indicators",
                              data=grid([("x", "100")])).status_code == 403
    assert viewer_client.post("/council/evaluation/sets/new", data={"name": "x"}).status_code == 403


def test_staff_of_another_department_gets_403_and_anonymous_the_login(department, make_user, make_department, login, app,
                                                                        make_set):
    indicator_set = make_set()
    other = make_user("other", departments=[make_department("واحد خبر")])
    other_client = login(other, test_client=app.test_client())
    assert other_client.get("/council/evaluation/sets/").status_code == 403
    anonymous = app.test_client().get(f"/council/evaluation/sets/{indicator_set.id}")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_a_draft_goes_to_the_trash_and_the_list_searches_with_arabic_letters(staff_client, make_set):
    draft = make_set(name="شاخص‌های کیفی")
    make_set(name="شاخص‌های دیگر")
    listing = text_of(staff_client.get("/council/evaluation/sets/?q=كيفي"))
    assert "شاخص‌های کیفی" in listing and "شاخص‌های دیگر" not in listing
    assert staff_client.post(f"/council/evaluation/sets/{draft.id}/delete").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(IndicatorSet)) == 1
    assert staff_client.get(f"/council/evaluation/sets/{draft.id}").status_code == 404
