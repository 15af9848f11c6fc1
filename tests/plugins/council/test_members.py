"""Council members: the form (directory person, Persian digits, the next member number), a new
manager ending the previous one's membership with the history kept, refused input changing
nothing, ending a membership, the committee seat kept in step, the members list and its export."""
import datetime

from sqlalchemy import func, select

from core.db import db
from core.models import Person
from plugins.council.models import Member

from .conftest import ABAN_25_1403, text_of

HX = {"HX-Request": "true"}


def member_count():
    return db.session.scalar(select(func.count()).select_from(Member))


def new_person(first_name="سمانه", last_name="حکیم‌زاده", **fields):
    person = Person(first_name=first_name, last_name=last_name, **fields)
    db.session.add(person)
    db.session.commit()
    return person


def member_form(person, unit, **fields):
    return {"person": person.id, "unit_id": unit.id, "role": "expert", "position": "کارشناس خبر",
            "education": "bachelor", "field_of_study": "روزنامه‌نگاری", "start_date": "۱۴۰۳/۰۸/۲۵",
            "member_number": "۲۰۰۱", **fields}


def test_the_form_offers_the_next_member_number(staff_client, make_member, make_unit):
    make_member(member_number="1007")
    unit = make_unit("اداره کل بهزیستی استان یزد")
    html = staff_client.get(f"/council/members/new?unit={unit.id}").get_data(as_text=True)
    assert 'value="۱۰۰۸"' in html
    assert f'<option selected value="{unit.id}">' in html


def test_add_a_member_with_persian_digits(staff_client, make_unit):
    unit = make_unit()
    person = new_person(mobile="09131234567")
    response = staff_client.post("/council/members/new", data=member_form(person, unit))
    assert response.status_code == 303
    member = db.session.scalar(select(Member).where(Member.person_id == person.id))
    assert (member.unit_id, member.role, member.member_number, member.start_date) == (unit.id, "expert", "2001",
                                                                                       ABAN_25_1403)
    assert member.seat is not None and member.seat.term_start == ABAN_25_1403 and member.seat.term_end is None
    text = text_of(staff_client.get(f"/council/members/{member.id}"))
    assert "سمانه حکیم‌زاده" in text and "۲۰۰۱" in text and "کارشناسی" in text and "۰۹۱۳۱۲۳۴۵۶۷" in text


def test_refused_input_changes_nothing(staff_client, make_unit, make_member):
    unit = make_unit()
    taken = make_member(unit=unit, member_number="2001")
    person = new_person()
    before = member_count()
    cases = [
        ({"start_date": "۱۴۰۲/۱۲/۳۰"}, "۱۴۰۲"),  # 1402 has no 30 Esfand
        ({"member_number": "۲۰۰۱"}, "شماره عضویت ۲۰۰۱ از آنِ مریم دهقان است"),
        ({"member_number": "۲۰-۰۱"}, "شماره عضویت فقط از رقم تشکیل می‌شود"),
        ({"unit_id": "0"}, "روابط عمومی را انتخاب کنید"),
        ({"start_date": "۱۴۹۹/۰۱/۰۱"}, "تاریخ شروع در آینده است"),
    ]
    for change, message in cases:
        response = staff_client.post("/council/members/new", data=member_form(person, unit, **change))
        assert response.status_code == 422, change
        assert message in text_of(response), change
    again = staff_client.post("/council/members/new", data=member_form(taken.person, unit, member_number="2002"))
    assert again.status_code == 422 and "مریم دهقان هم‌اکنون عضو این روابط عمومی است" in text_of(again)
    assert member_count() == before


def test_a_new_manager_ends_the_previous_one(staff_client, make_unit, make_member):
    unit = make_unit()
    old = make_member(unit=unit, role="manager", first_name="رضا", last_name="یزدانی",
                      start_date=datetime.date(2020, 1, 1))
    person = new_person()
    response = staff_client.post("/council/members/new",
                                 data=member_form(person, unit, role="manager", start_date="1403/8/25"))
    assert response.status_code == 303
    db.session.refresh(old)
    assert old.end_date == ABAN_25_1403 and old.seat.term_end == ABAN_25_1403
    managers = db.session.scalars(select(Member).where(Member.unit_id == unit.id, Member.role == "manager")).all()
    assert sorted(m.end_date is None for m in managers) == [False, True]
    text = text_of(staff_client.get(f"/council/units/{unit.id}"))
    assert "رضا یزدانی" in text.split("سوابق")[1] and "سمانه حکیم‌زاده" in text.split("سوابق")[0]


def test_a_new_manager_cannot_start_before_the_current_one(staff_client, make_unit, make_member):
    unit = make_unit()
    old = make_member(unit=unit, role="manager", start_date=ABAN_25_1403)
    response = staff_client.post("/council/members/new", data=member_form(
        new_person(), unit, role="manager", start_date="۱۴۰۰/۰۱/۱۵"))
    assert response.status_code == 422
    assert "مدیر جدید نمی‌تواند پیش از آن آغاز کند" in text_of(response)
    db.session.refresh(old)
    assert old.end_date is None and member_count() == 1


def test_promoting_an_expert_ends_the_manager(staff_client, make_unit, make_member):
    unit = make_unit()
    manager = make_member(unit=unit, role="manager", start_date=datetime.date(2020, 1, 1))
    expert = make_member(unit=unit, first_name="علی", last_name="شاکری")
    data = member_form(expert.person, unit, role="manager", member_number=expert.member_number)
    response = staff_client.post(f"/council/members/{expert.id}/edit", data=data)
    assert response.status_code == 303
    db.session.refresh(manager)
    db.session.refresh(expert)
    assert manager.end_date == ABAN_25_1403 and expert.role == "manager" and expert.end_date is None


def test_end_a_membership(staff_client, make_member):
    member = make_member()
    bad = staff_client.post(f"/council/members/{member.id}/end", data={"end_date": "۱۴۰۰/۰۱/۰۱"})
    assert bad.status_code == 422 and "تاریخ پایان پیش از تاریخ شروع است" in text_of(bad)
    db.session.refresh(member)
    assert member.end_date is None
    response = staff_client.post(f"/council/members/{member.id}/end", data={"end_date": "۱۴۰۴/۰۱/۱۵"})
    assert response.status_code == 303
    db.session.refresh(member)
    assert member.end_date == datetime.date(2025, 4, 4) and member.seat.term_end == member.end_date
    assert staff_client.get(f"/council/members/{member.id}/end").status_code == 404  # ended already


def test_members_list_filters_and_export(staff_client, make_unit, make_member):
    county = make_unit("فرمانداری شهرستان اردکان", body="county")
    make_member(unit=county, role="manager", first_name="کاظم", last_name="اردکانی", education="master")
    former = make_member(first_name="طاهره", last_name="میبدی")
    former.end_date = ABAN_25_1403
    db.session.commit()
    text = text_of(staff_client.get("/council/members/"))
    assert "کاظم اردکانی" in text and "طاهره میبدی" not in text  # current members by default
    text = text_of(staff_client.get("/council/members/?status=former"))
    assert "طاهره میبدی" in text and "کاظم اردکانی" not in text
    html = staff_client.get("/council/members/?body=county&role=manager&education=master", headers=HX)
    assert "<html" not in html.get_data(as_text=True) and "کاظم اردکانی" in text_of(html)
    assert "کاظم" not in text_of(staff_client.get("/council/members/?role=expert"))
    assert "کاظم اردکانی" in text_of(staff_client.get("/council/members/?q=اردكاني"))  # Arabic ك and ي
    csv = staff_client.get("/council/members/?format=csv&status=all").get_data(as_text=True)
    assert "کاظم اردکانی" in csv and "طاهره میبدی" in csv and "کارشناسی ارشد" in csv


def test_move_a_member_to_the_trash(staff_client, make_member):
    member = make_member()
    assert staff_client.post(f"/council/members/{member.id}/delete").status_code == 303
    assert staff_client.get(f"/council/members/{member.id}").status_code == 404
    assert member_count() == 0


def test_permissions(app, login, make_user, viewer, make_member):
    member = make_member()
    viewer_client = login(viewer, test_client=app.test_client())
    assert viewer_client.get(f"/council/members/{member.id}").status_code == 200
    assert viewer_client.get("/council/members/").status_code == 200
    for path in ("/council/members/new", f"/council/members/{member.id}/edit", f"/council/members/{member.id}/end"):
        assert viewer_client.get(path).status_code == 403, path
    assert viewer_client.post(f"/council/members/{member.id}/delete").status_code == 403
    assert app.test_client().get("/council/members/").status_code == 302
