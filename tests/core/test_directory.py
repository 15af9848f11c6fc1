"""The directory's lists, pages and forms: organizations and people."""
import pytest
from sqlalchemy import select

from core.db import db
from core.models import AuditLog, Organization, Person
from core.testing import persian_text

# Valid national codes (check digit correct).
CODE_A = "0012345679"
CODE_B = "1234567891"


@pytest.fixture
def organization(app):
    organization = Organization(name="اداره کل ورزش و جوانان استان یزد", type="agency", city="یزد")
    db.session.add(organization)
    db.session.commit()
    return organization


@pytest.fixture
def person(app, organization):
    person = Person(first_name="علی", last_name="کریمی", national_code=CODE_A, mobile="09121234567",
                    organization=organization, position="مدیر روابط عمومی")
    db.session.add(person)
    db.session.commit()
    return person


@pytest.fixture
def staff_client(make_user, login):
    return login(make_user("staff"))


def _person_form(**changes):
    data = {"first_name": "مریم", "last_name": "احمدی", "national_code": CODE_B, "mobile": "09131112233",
            "email": "", "organization_id": "", "position": "کارشناس خبر"}
    data.update(changes)
    return data


@pytest.mark.parametrize("query", [
    "علي",  # Arabic yeh
    "كريمي",  # Arabic kaf and yeh
    "۰۰۱۲۳۴۵۶۷۹",  # Persian digits of the national code
    "٠٠١٢٣٤٥٦٧٩",  # Arabic-Indic digits
    "۰۹۱۲۱۲۳۴۵۶۷",  # the mobile number in Persian digits
    "علی مدیر",  # words anywhere
])
def test_people_search_matches_normalized_text(staff_client, person, query):
    other = Person(first_name="حسن", last_name="زارع", national_code=CODE_B)
    db.session.add(other)
    db.session.commit()
    html = staff_client.get("/directory/people/", query_string={"q": query}).get_data(as_text=True)
    assert "/directory/people/%d" % person.id in html
    assert "/directory/people/%d" % other.id not in html


def test_people_list_filters_and_htmx_block(staff_client, person):
    stranger = Person(first_name="حسن", last_name="زارع", position="خبرنگار")
    db.session.add(stranger)
    db.session.commit()
    response = staff_client.get("/directory/people/", query_string={"organization": person.organization_id},
                                headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'id="people-table"' in html
    assert "کریمی" in html and "زارع" not in html
    html = staff_client.get("/directory/people/", query_string={"position": "خبرنگار"}).get_data(as_text=True)
    assert "<html" in html and "زارع" in html and "کریمی" not in html


def test_organizations_list_filters_by_type_and_shows_persian_labels(staff_client, organization, person):
    db.session.add(Organization(name="خبرگزاری مهر یزد", type="press", city="یزد"))
    db.session.commit()
    html = persian_text(staff_client.get("/directory/organizations/").get_data(as_text=True))
    assert "دستگاه اجرایی" in html and "رسانه" in html
    html = staff_client.get("/directory/organizations/", query_string={"type": "press"}).get_data(as_text=True)
    assert "خبرگزاری مهر" in html and "ورزش و جوانان" not in html
    html = staff_client.get("/directory/organizations/", query_string={"q": "مهر يزد"}).get_data(as_text=True)
    assert "خبرگزاری مهر" in html and "ورزش و جوانان" not in html


def test_organization_page_lists_its_people(staff_client, organization, person):
    html = staff_client.get(f"/directory/organizations/{organization.id}").get_data(as_text=True)
    assert "علی کریمی" in html and f"/directory/people/{person.id}" in html
    html = staff_client.get(f"/directory/people/{person.id}").get_data(as_text=True)
    assert f"/directory/organizations/{organization.id}" in html and "۰۰۱۲۳۴۵۶۷۹" in html


def test_invalid_national_code_answers_422_with_persian_message(staff_client):
    response = staff_client.post("/directory/people/new", data=_person_form(national_code="1234567890"))
    assert response.status_code == 422
    assert "کد ملی ۱۰ رقمی معتبر وارد کنید" in response.get_data(as_text=True)
    response = staff_client.post("/directory/people/new", data=_person_form(national_code="123"),
                                 headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in html and 'id="person-form"' in html
    assert "کد ملی ۱۰ رقمی معتبر وارد کنید" in html
    assert db.session.scalar(select(Person)) is None


@pytest.mark.parametrize("mobile", ["+989121234567", "۰۹۱۲۱۲۳۴۵۶۷", "0912 123 4567", "9121234567", "٠٠٩٨٩١٢١٢٣٤٥٦٧"])
def test_mobile_variants_are_normalized(staff_client, mobile):
    response = staff_client.post("/directory/people/new", data=_person_form(mobile=mobile))
    assert response.status_code == 303
    assert db.session.scalar(select(Person.mobile)) == "09121234567"


def test_person_is_created_with_normalized_text_and_organization(staff_client, organization):
    response = staff_client.post("/directory/people/new", data=_person_form(
        first_name="علي", national_code="۱۲۳۴۵۶۷۸۹۱", organization_id=str(organization.id),
        email="m.ahmadi@example.ir"), headers={"HX-Request": "true"})
    person = db.session.scalar(select(Person))
    assert response.status_code == 204 and response.headers["HX-Redirect"] == f"/directory/people/{person.id}"
    assert (person.first_name, person.national_code, person.organization_id) == ("علی", CODE_B, organization.id)
    assert person.email == "m.ahmadi@example.ir"


def test_duplicate_national_code_names_the_existing_person(staff_client, person):
    response = staff_client.post("/directory/people/new", data=_person_form(national_code=CODE_A))
    assert response.status_code == 422
    assert "این کد ملی پیش‌تر برای علی کریمی ثبت شده است" in response.get_data(as_text=True)

    person.soft_delete()
    db.session.commit()
    response = staff_client.post("/directory/people/new", data=_person_form(national_code=CODE_A))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "علی کریمی" in html and "سطل بازیافت" in html


def test_editing_keeps_own_national_code(staff_client, person):
    response = staff_client.post(f"/directory/people/{person.id}/edit", data=_person_form(
        first_name="علی", last_name="کریمی‌نژاد", national_code=CODE_A, organization_id=str(person.organization_id)))
    assert response.status_code == 303
    db.session.refresh(person)
    assert person.last_name == "کریمی‌نژاد"


def test_soft_delete_hides_the_person_and_is_audited(staff_client, person):
    response = staff_client.post(f"/directory/people/{person.id}/delete", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "سطل بازیافت" in html
    assert f"/directory/people/{person.id}\"" not in html
    assert staff_client.get(f"/directory/people/{person.id}").status_code == 404
    hidden = db.session.scalar(select(Person).where(Person.id == person.id).execution_options(include_deleted=True))
    assert hidden is not None and hidden.is_deleted
    actions = db.session.scalars(select(AuditLog.action).where(
        AuditLog.entity == "people", AuditLog.entity_id == str(person.id))).all()
    assert "delete" in actions


def test_organization_form_and_duplicate_name(staff_client, organization):
    response = staff_client.post("/directory/organizations/new", data={
        "name": "اداره كل ورزش و جوانان استان يزد", "type": "agency", "city": "", "phone": "", "address": ""})
    assert response.status_code == 422
    assert "پیش‌تر ثبت شده است" in response.get_data(as_text=True)
    response = staff_client.post("/directory/organizations/new", data={
        "name": "فرمانداری شهرستان تفت", "type": "county", "city": "تفت", "phone": "۰۳۵۳۲۶۲۱۲۳۴", "address": ""})
    assert response.status_code == 303
    created = db.session.scalar(select(Organization).where(Organization.type == "county"))
    assert created.phone == "03532621234"
    response = staff_client.post("/directory/organizations/new", data={"name": "", "type": "", "phone": ""},
                                 headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "نام را وارد کنید" in html and "<html" not in html


def test_organization_delete_keeps_its_people(staff_client, organization, person):
    response = staff_client.post(f"/directory/organizations/{organization.id}/delete")
    assert response.status_code == 303
    assert staff_client.get(f"/directory/organizations/{organization.id}").status_code == 404
    assert db.session.get(Person, person.id) is not None


def test_viewer_reads_but_cannot_edit(make_user, login, person):
    client = login(make_user("viewer"))
    html = client.get(f"/directory/people/{person.id}").get_data(as_text=True)
    assert "علی کریمی" in html and "/edit" not in html
    assert client.get("/directory/people/new").status_code == 403
    assert client.post(f"/directory/people/{person.id}/delete").status_code == 403
    assert db.session.get(Person, person.id) is not None


def test_people_list_queries_do_not_grow_with_rows(client, make_user, login, count_queries):
    """The list page runs a bounded number of queries however many people it shows."""
    from core.db import db
    from core.models import Organization, Person

    login(make_user("staff"))
    organization = Organization(name="دانشگاه یزد", type="university", city="یزد")
    db.session.add(organization)
    db.session.add_all(Person(first_name="نفر", last_name=str(i), organization=organization) for i in range(3))
    db.session.commit()
    with count_queries() as few:
        assert client.get("/directory/people/").status_code == 200
    db.session.add_all(Person(first_name="نفر", last_name=str(i), organization=organization) for i in range(30))
    db.session.commit()
    with count_queries() as many:
        assert client.get("/directory/people/").status_code == 200
    assert len(many) == len(few), many


def test_people_filter_by_part_of_the_organization_name(client, make_user, login):
    from core.db import db
    from core.models import Organization, Person

    login(make_user("staff"))
    university = Organization(name="دانشگاه یزد", type="university", city="یزد")
    press = Organization(name="خبرگزاری مهر یزد", type="press", city="یزد")
    db.session.add_all([Person(first_name="سارا", last_name="استادی", organization=university),
                        Person(first_name="رضا", last_name="خبری", organization=press)])
    db.session.commit()
    html = client.get("/directory/people/", query_string={"org": "دانشگاه يزد"}).get_data(as_text=True)
    assert "سارا استادی" in html and "رضا خبری" not in html
    only = client.get("/directory/people/", query_string={"organization": str(press.id)}).get_data(as_text=True)
    assert "رضا خبری" in only and "سارا استادی" not in only and "فقط اشخاص «خبرگزاری مهر یزد»" in only
    fragment = client.get("/directory/people/?sort=organization", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and text.index("رضا خبری") < text.index("سارا استادی")  # خ before د
