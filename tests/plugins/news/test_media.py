"""Media relations: the outlets with their figures, the reporters and their beats, visits and
meetings with the media (form, Persian errors, list filters, export, trash), who may do what,
and the contacts in the search box and on the calendar."""
import datetime
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.jalali import Period, format_date, today
from core.search import SearchQuery, run_groups
from plugins.news.models import OutletContact, Reporter
from plugins.news.views.media import calendar_entries, search_groups

from .conftest import ABAN_25_1403, text_of

HX = {"HX-Request": "true"}


def contact_count():
    return db.session.scalar(select(func.count()).select_from(OutletContact))


def add_contact(outlet=None, day=ABAN_25_1403, kind="visit", subject="بازدید از دفتر خبرگزاری", people=(), **fields):
    contact = OutletContact(kind=kind, date=day, organization=outlet, subject=subject, people=list(people), **fields)
    db.session.add(contact)
    db.session.commit()
    return contact


@pytest.fixture
def irna(make_outlet):
    return make_outlet()


@pytest.fixture
def reporter(make_person, irna):
    return make_person("مریم", "احمدی", position="خبرنگار", organization=irna, mobile="09121111111")


# --- outlets -------------------------------------------------------------------------------------

def test_outlets_list_counts_reporters_and_contacts_in_sql(staff_client, make_outlet, make_person, irna,
                                                           count_queries):
    mehr = make_outlet("خبرگزاری مهر یزد")
    make_outlet("دانشگاه یزد").type = "university"  # not an outlet
    for last_name in ("احمدی", "زارع"):
        make_person("مریم", last_name, position="خبرنگار", organization=irna)
    this_year = Period.year_to_date().start
    add_contact(irna, this_year)
    add_contact(irna, today(), subject="دیدار با دبیر سرویس")
    add_contact(irna, this_year - datetime.timedelta(days=30), subject="سال گذشته")
    add_contact(irna, today(), subject="در سطل بازیافت").soft_delete()
    db.session.commit()
    staff_client.get("/news/media/")  # the first request loads the user once
    with count_queries() as statements:
        response = staff_client.get("/news/media/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    row = text_of(response).split("خبرگزاری ایرنا یزد")[1].split("صفحه در")[0]
    assert row.split() == ["یزد", "۲", *format_date(today()).split(), "۲"]  # city, reporters, last, this year
    assert "خبرگزاری مهر یزد" in html and "دانشگاه یزد" not in html
    assert f'href="/directory/organizations/{irna.id}"' in html
    assert f'href="/news/media/outlets/{mehr.id}"' in html
    for number in range(3):
        make_person("علی", "کاظمی", organization=make_outlet(f"هفته‌نامه شماره {number}"))
    with count_queries() as more_statements:
        staff_client.get("/news/media/")
    assert len(more_statements) == len(statements)  # counted in SQL, not one query per outlet


def test_outlet_page_lists_reporters_with_beats_and_the_contacts(staff_client, irna, reporter):
    db.session.add(Reporter(person=reporter, beat="اقتصادی"))
    add_contact(irna, subject="بازدید از دفتر ایرنا", people=[reporter])
    text = text_of(staff_client.get(f"/news/media/outlets/{irna.id}"))
    assert "مریم احمدی" in text and "اقتصادی" in text
    assert "بازدید از دفتر ایرنا" in text and "بازدید از رسانه" in text


def test_outlet_page_is_only_for_press_outlets(staff_client, make_outlet):
    university = make_outlet("دانشگاه یزد")
    university.type = "university"
    db.session.commit()
    assert staff_client.get(f"/news/media/outlets/{university.id}").status_code == 404
    assert staff_client.get("/news/media/outlets/999999").status_code == 404


# --- reporters -----------------------------------------------------------------------------------

def test_reporters_are_press_people_and_people_with_a_beat(staff_client, make_person, reporter):
    freelance = make_person("حسن", "فلاح", position="خبرنگار آزاد")
    make_person("رضا", "کارمند", position="کارشناس")
    db.session.add(Reporter(person=freelance, beat="ورزشی"))
    db.session.commit()
    text = text_of(staff_client.get("/news/media/reporters"))
    assert "مریم احمدی" in text and "حسن فلاح" in text and "رضا کارمند" not in text
    assert "۰۹۱۲۱۱۱۱۱۱۱" in text
    only_sports = text_of(staff_client.get("/news/media/reporters?beat=ورزشی", headers=HX))
    assert "حسن فلاح" in only_sports and "مریم احمدی" not in only_sports


def test_reporters_filter_by_outlet_and_search(staff_client, make_outlet, make_person, reporter):
    mehr = make_outlet("خبرگزاری مهر یزد")
    make_person("علی", "کاظمی", position="عکاس خبری", organization=mehr)
    text = text_of(staff_client.get(f"/news/media/reporters?outlet={mehr.id}"))
    assert "علی کاظمی" in text and "مریم احمدی" not in text
    text = text_of(staff_client.get("/news/media/reporters?q=كاظمي"))  # Arabic ي and ك
    assert "علی کاظمی" in text and "مریم احمدی" not in text
    assert staff_client.get("/news/media/reporters?outlet=abc").status_code == 200


def test_staff_sets_a_beat_creating_the_reporter_row_then_edits_it(staff_client, reporter):
    response = staff_client.post(f"/news/media/reporters/{reporter.id}", data={"beat": "اقتصادي", "note": "دبیر سرویس"})
    assert response.status_code == 303
    row = db.session.scalar(select(Reporter).where(Reporter.person_id == reporter.id))
    assert (row.beat, row.note) == ("اقتصادی", "دبیر سرویس")
    staff_client.post(f"/news/media/reporters/{reporter.id}", data={"beat": "سیاسی", "note": ""})
    assert db.session.scalar(select(func.count()).select_from(Reporter)) == 1
    db.session.refresh(row)
    assert row.beat == "سیاسی"
    assert "سیاسی" in text_of(staff_client.get("/news/media/reporters"))


def test_a_too_long_beat_is_refused_in_persian(staff_client, reporter):
    response = staff_client.post(f"/news/media/reporters/{reporter.id}", data={"beat": "ا" * 201}, headers=HX)
    assert response.status_code == 422
    assert "حداکثر ۲۰۰ نویسه" in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(Reporter)) == 0


def test_reporters_export_as_xlsx_with_beats(staff_client, reporter):
    db.session.add(Reporter(person=reporter, beat="فرهنگی"))
    db.session.commit()
    response = staff_client.get("/news/media/reporters?format=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][:5] == ("نام", "رسانه", "سمت", "تلفن همراه", "حوزه خبری")
    assert rows[1][:5] == ("مریم احمدی", "خبرگزاری ایرنا یزد", "خبرنگار", "09121111111", "فرهنگی")


# --- visits and meetings ---------------------------------------------------------------------------

def contact_fields(outlet, **changes):
    data = {"kind": "visit", "date": "۱۴۰۳/۰۸/۲۵", "organization": outlet.id, "subject": "بازدید از خانه مطبوعات",
            "note": "گفت‌وگو درباره پوشش خبری سفر استاندار"}
    data.update(changes)
    return data


def test_staff_records_a_visit_with_the_reporters_met(staff_client, irna, reporter):
    response = staff_client.post("/news/media/contacts/new", data=contact_fields(irna, people=[reporter.id]))
    assert response.status_code == 303
    contact = db.session.scalar(select(OutletContact))
    assert (contact.kind, contact.date, contact.organization, contact.people) == ("visit", ABAN_25_1403, irna,
                                                                                    [reporter])
    text = text_of(staff_client.get("/news/media/contacts"))
    assert "بازدید از خانه مطبوعات" in text and "مریم احمدی" in text and "۲۵ آبان ۱۴۰۳" in text


@pytest.mark.parametrize("changes, message", [
    ({"date": "۱۴۰۲/۱۲/۳۰"}, "۱۴۰۲"),
    ({"date": ""}, "تاریخ را وارد کنید."),
    ({"subject": ""}, "موضوع را وارد کنید."),
    ({"organization": ""}, "رسانه‌ای را که بازدید شد انتخاب کنید."),
    ({"organization": "999999"}, "این سازمان در فهرست سازمان‌ها نیست."),
])
def test_a_wrong_contact_is_refused_in_persian_and_nothing_is_saved(staff_client, irna, changes, message):
    response = staff_client.post("/news/media/contacts/new", data=contact_fields(irna, **changes), headers=HX)
    assert response.status_code == 422
    text = text_of(response)
    assert message in text
    assert "گفت‌وگو درباره پوشش خبری سفر استاندار" in text  # what was typed is kept
    assert contact_count() == 0


def test_a_meeting_with_reporters_needs_no_outlet(staff_client, irna, reporter):
    response = staff_client.post("/news/media/contacts/new", data=contact_fields(
        irna, kind="meeting", organization="", subject="دیدار با خبرنگاران به مناسبت روز خبرنگار",
        people=[reporter.id]))
    assert response.status_code == 303
    assert db.session.scalar(select(OutletContact.organization_id)) is None


def test_edit_and_move_a_contact_to_the_trash(staff_client, irna):
    contact = add_contact(irna)
    page = staff_client.get(f"/news/media/contacts/{contact.id}/edit")
    assert "بازدید از دفتر خبرگزاری" in page.get_data(as_text=True)
    response = staff_client.post(f"/news/media/contacts/{contact.id}/edit",
                                 data=contact_fields(irna, subject="بازدید از صداوسیمای مرکز یزد"))
    assert response.status_code == 303
    assert contact.subject == "بازدید از صداوسیمای مرکز یزد"
    response = staff_client.post(f"/news/media/contacts/{contact.id}/delete", headers=HX)
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/news/media/contacts"
    assert contact.is_deleted
    assert staff_client.get(f"/news/media/contacts/{contact.id}/edit").status_code == 404
    assert "صداوسیمای" not in text_of(staff_client.get("/news/media/contacts"))


def test_contacts_filter_by_kind_outlet_dates_and_words(staff_client, make_outlet, irna):
    mehr = make_outlet("خبرگزاری مهر یزد")
    add_contact(irna, subject="بازدید از ایرنا")
    add_contact(mehr, subject="بازدید از مهر", day=ABAN_25_1403 - datetime.timedelta(days=60))
    add_contact(None, kind="meeting", subject="دیدار روز خبرنگار")

    def subjects(query):
        response = staff_client.get(f"/news/media/contacts?{query}", headers=HX)
        assert response.status_code == 200
        return {s for s in ("بازدید از ایرنا", "بازدید از مهر", "دیدار روز خبرنگار") if s in text_of(response)}

    assert subjects("kind=meeting") == {"دیدار روز خبرنگار"}
    assert subjects(f"outlet={mehr.id}") == {"بازدید از مهر"}
    assert subjects("start=۱۴۰۳/۰۸/۰۱") == {"بازدید از ایرنا", "دیدار روز خبرنگار"}
    assert subjects("end=1403/07/30") == {"بازدید از مهر"}
    assert subjects("q=روز") == {"دیدار روز خبرنگار"}
    bad = staff_client.get("/news/media/contacts?start=۱۴۰۲/۱۲/۳۰")
    assert bad.status_code == 200 and "دیدار روز خبرنگار" in text_of(bad)


def test_contacts_export_as_csv(staff_client, irna, reporter):
    add_contact(irna, people=[reporter])
    response = staff_client.get("/news/media/contacts?format=csv")
    lines = response.data.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:3] == ["تاریخ", "گونه", "رسانه"]
    assert lines[1].split(",")[:4] == ["۱۴۰۳/۰۸/۲۵", "بازدید از رسانه", "خبرگزاری ایرنا یزد", "مریم احمدی"]


# --- permissions ---------------------------------------------------------------------------------

def test_a_viewer_reads_but_cannot_edit(login, department, viewer, irna, reporter):
    client = login(viewer)
    contact = add_contact(irna)
    for url in ("/news/media/", f"/news/media/outlets/{irna.id}", "/news/media/reporters", "/news/media/contacts",
                "/news/media/sms"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "/news/media/contacts/new" not in response.get_data(as_text=True)
    assert client.get(f"/news/media/reporters/{reporter.id}").status_code == 403
    assert client.post("/news/media/contacts/new", data=contact_fields(irna)).status_code == 403
    assert client.post(f"/news/media/contacts/{contact.id}/delete").status_code == 403
    assert not contact.is_deleted


def test_staff_of_another_department_cannot_see_or_edit(login, department, make_user, make_department, irna):
    other = login(make_user("staff", departments=[make_department("اداره کل فضاسازی")]))
    assert other.get("/news/media/").status_code == 403
    assert other.post("/news/media/contacts/new", data=contact_fields(irna)).status_code == 403
    assert contact_count() == 0


# --- search and calendar -------------------------------------------------------------------------

def _searched(text, user, limit):
    """The groups the search box shows for ``text``: the module's answer run as the core runs it."""
    query = SearchQuery.parse(text)
    return run_groups(search_groups(query, user, limit), query, user, limit)


def test_search_finds_contacts(app, staff, irna):
    add_contact(irna, subject="دیدار با مدیر خبرگزاری")
    with app.test_request_context():
        groups = _searched("مدير", staff, 5)
        assert groups[0]["hits"][0]["title"] == "دیدار با مدیر خبرگزاری"
        assert _searched("هیچ", staff, 5) == []


def test_calendar_shows_contacts_as_meetings(app, staff, irna):
    add_contact(irna)
    with app.test_request_context():
        entries = calendar_entries(ABAN_25_1403, ABAN_25_1403, staff)
        assert [(e["title"], e["kind"], e["detail"]) for e in entries] == [
            ("بازدید از دفتر خبرگزاری", "meeting", "خبرگزاری ایرنا یزد")]
        assert calendar_entries(ABAN_25_1403 + datetime.timedelta(days=1), ABAN_25_1403 + datetime.timedelta(days=9),
                                staff) == []
