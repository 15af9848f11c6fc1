"""The photo archive: events with their officials, photos and photo reports, the list's filters and
figures, the search over the archive's photos, the search box and the calendar."""
import datetime
import io

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import func, select, text

from core.db import db, refresh_statistics
from core.photos.models import Photo
from core.photos.service import save_photo
from plugins.news.models import Event, NewsItem
from plugins.news.views.archive import ENTITY, EVENTS
from tests.plugins.news.conftest import text_of

ABAN_10_1403 = datetime.date(2024, 10, 31)
ABAN_20_1403 = datetime.date(2024, 11, 10)
AZAR_5_1403 = datetime.date(2024, 11, 25)


def jpeg(mark=0):
    """A small JPEG, different for each ``mark`` (a set skips a photo it already holds)."""
    image = Image.new("RGB", (60, 40), (30 + mark * 20 % 200, 90, 140))
    ImageDraw.Draw(image).rectangle((mark % 50, 5, mark % 50 + 8, 20), fill=(240, 200, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def make_event():
    def factory(title="جلسه شورای اداری استان", date=ABAN_20_1403, place="سالن جلسات استانداری",
                kind="meeting", officials=(), photos=0, **fields):
        event = Event(title=title, date=date, place=place, kind=kind, officials=list(officials), **fields)
        db.session.add(event)
        db.session.flush()
        for number in range(photos):
            save_photo(ENTITY, event.id, jpeg(event.id * 10 + number), f"IMG_{number}.jpg")
        db.session.commit()
        return event
    return factory


@pytest.fixture
def governor(make_person):
    return make_person("مهدی", "صادقیان", "استاندار یزد")


@pytest.fixture
def deputy(make_person):
    return make_person("علی", "آقازاده", "معاون سیاسی استاندار")


def test_staff_record_an_event_with_officials_and_a_persian_date(staff_client, governor, deputy):
    response = staff_client.post("/news/events/new", data={
        "title": "بازدید استاندار از طرح‌های عمرانی ميبد", "kind": "visit", "date": "۱۴۰۳/۰۸/۲۰",
        "place": "فرمانداری ميبد", "officials": [str(governor.id), str(deputy.id)], "photographer": "",
        "description": "بازدید از سه طرح"})
    event = db.session.scalars(select(Event)).one()
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/news/events/{event.id}")
    assert event.date == ABAN_20_1403 and event.kind == "visit" and event.place == "فرمانداری میبد"
    assert {person.id for person in event.officials} == {governor.id, deputy.id}
    page = text_of(staff_client.get(f"/news/events/{event.id}"))
    assert "بازدید استاندار از طرح‌های عمرانی میبد" in page and "۲۰ آبان ۱۴۰۳" in page
    assert "مهدی صادقیان" in page and "علی آقازاده" in page and "بازدید" in page


def test_a_bad_event_answers_422_in_persian_and_keeps_what_was_typed(staff_client):
    response = staff_client.post("/news/events/new", data={"title": "", "kind": "meeting", "date": "۱۴۰۲/۱۲/۳۰",
                                                            "place": "سالن همایش‌های استانداری"},
                                 headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in html
    assert "عنوان رویداد را بنویسید" in text_of(response)
    assert "۱۴۰۲/۱۲/۳۰" in html and "سالن همایش‌های استانداری" in html
    assert db.session.scalar(select(func.count(Event.id))) == 0


def test_editing_an_event_changes_it(staff_client, make_event, governor):
    event = make_event()
    form = staff_client.get(f"/news/events/{event.id}/edit")
    assert form.status_code == 200 and "جلسه شورای اداری استان" in form.get_data(as_text=True)
    response = staff_client.post(f"/news/events/{event.id}/edit", data={
        "title": "جلسه شورای اداری استان با حضور استاندار", "kind": "ceremony", "date": "1403/8/10",
        "place": "تالار وحدت", "officials": [str(governor.id)]})
    assert response.status_code == 303
    db.session.refresh(event)
    assert event.kind == "ceremony" and event.date == ABAN_10_1403 and event.officials == [governor]


def test_the_list_shows_each_events_frames_and_reports_and_the_filtered_total(
        staff_client, make_event, make_item, count_queries):
    meeting = make_event(photos=3)
    make_event(title="آیین تجلیل از خبرنگاران", kind="ceremony", photos=2)
    make_event(title="جلسه ستاد تنظیم بازار", photos=0)
    make_item(title="گزارش تصویری جلسه شورای اداری", type="photo_report", event_id=meeting.id)
    staff_client.get("/news/events/")
    with count_queries() as queries:
        response = staff_client.get("/news/events/")
    page = text_of(response)
    assert "۳ رویداد" in page and "قاب عکس" not in page  # the whole archive's frames are not counted
    assert "۳ رویداد با ۵ قاب عکس" in text_of(staff_client.get("/news/events/?start=1403/01/01"))
    row = next(line for line in response.get_data(as_text=True).split("<tr") if "جلسه شورای اداری استان" in line)
    assert "<td data-label=\"قاب‌ها\">۳</td>" in row and "<td data-label=\"اخبار مرتبط\">۱</td>" in row
    assert len(queries) < 20
    only_meetings = text_of(staff_client.get("/news/events/?kind=meeting"))
    assert "۲ رویداد با ۳ قاب عکس" in only_meetings and "آیین تجلیل" not in only_meetings
    db.session.scalars(select(Photo).where(Photo.entity_id == meeting.id)).first().soft_delete()
    db.session.commit()
    assert "۲ رویداد با ۲ قاب عکس" in text_of(staff_client.get("/news/events/?kind=meeting"))  # not the trash


def test_the_list_filters_by_official_place_date_and_words(staff_client, make_event, governor, deputy):
    make_event(title="سفر استاندار به اردکان", place="فرمانداری اردکان", date=ABAN_10_1403, officials=[governor])
    make_event(title="نشست معاون سیاسی با اصحاب رسانه", place="خانه مطبوعات", date=AZAR_5_1403, officials=[deputy])
    make_event(title="جلسه شورای اداری", place="سالن جلسات استانداری", date=ABAN_20_1403,
               officials=[governor, deputy])

    def titles(query):
        return text_of(staff_client.get("/news/events/" + query, headers={"HX-Request": "true"}))

    by_governor = titles(f"?official={governor.id}")
    assert "سفر استاندار" in by_governor and "جلسه شورای اداری" in by_governor and "اصحاب رسانه" not in by_governor
    by_place = titles("?place=فرمانداري")
    assert "سفر استاندار" in by_place and "جلسه شورای اداری" not in by_place
    in_aban = titles("?start=۱۴۰۳/۰۸/۰۱&end=۱۴۰۳/۰۸/۳۰")
    assert "سفر استاندار" in in_aban and "جلسه شورای اداری" in in_aban and "اصحاب رسانه" not in in_aban
    assert "اصحاب رسانه" in titles("?q=رسانه") and "سفر استاندار" not in titles("?q=رسانه")
    bad_date = titles("?start=۱۴۰۲/۱۲/۳۰")
    assert "اصحاب رسانه" in bad_date and "سفر استاندار" in bad_date  # the mistyped date is left out …
    assert "۱۴۰۲/۱۲/۳۰" in bad_date and "اسفند" in bad_date  # … and says why
    assert "هیچ رویدادی با این پالایه‌ها پیدا نشد" in titles("?official=abc")


def test_the_list_exports_its_filtered_rows(staff_client, make_event):
    make_event(title="سفر استاندار به اردکان", photos=2)
    make_event(title="آیین تجلیل از خبرنگاران", kind="ceremony")
    response = staff_client.get("/news/events/?format=csv&kind=meeting")
    text = response.get_data().decode("utf-8-sig")
    assert response.status_code == 200 and "قاب‌ها" in text.splitlines()[0]
    assert "سفر استاندار به اردکان" in text and "آیین تجلیل" not in text and ",2," in text
    assert staff_client.get("/news/events/?format=xlsx").status_code == 200


def test_the_event_page_shows_photos_files_and_photo_reports(staff_client, make_event, make_item):
    event = make_event(photos=2)
    make_item(title="گزارش تصویری جلسه شورای اداری", type="photo_report", event_id=event.id)
    html = staff_client.get(f"/news/events/{event.id}").get_data(as_text=True)
    assert html.count('class="photo-thumb"') == 2 and f"/files/photos/{ENTITY}/{event.id}/" in html
    assert "گزارش تصویری جلسه شورای اداری" in html and 'name="photos"' in html and 'name="files"' in html
    assert f"event={event.id}" in html and "type=photo_report" in html and "ثبت گزارش تصویری" in html
    gallery = staff_client.get(f"/files/photos/{ENTITY}/{event.id}/")
    assert gallery.status_code == 200 and "جلسه شورای اداری استان" in text_of(gallery)


def test_deleting_an_event_moves_it_to_the_trash_with_its_photos(staff_client, make_event):
    event = make_event(photos=1)
    photo = db.session.scalars(select(Photo)).one()
    response = staff_client.post(f"/news/events/{event.id}/delete")
    assert response.status_code == 303
    trashed = db.session.scalars(select(Event).execution_options(include_deleted=True)).one()
    assert trashed.deleted_at is not None
    assert staff_client.get(f"/news/events/{event.id}").status_code == 404
    assert staff_client.get(f"/files/photos/{photo.id}").status_code == 404
    assert "جلسه شورای اداری استان" not in text_of(staff_client.get("/news/events/photos"))
    assert "هنوز رویدادی ثبت نشده است" in text_of(staff_client.get("/news/events/"))


def test_the_photo_search_shows_the_archives_photos_each_linked_to_its_event(
        staff_client, make_event, governor, deputy):
    visit = make_event(title="سفر استاندار به اردکان", place="فرمانداری اردکان", date=ABAN_10_1403,
                       officials=[governor], photos=3)
    press = make_event(title="نشست با اصحاب رسانه", place="خانه مطبوعات", date=AZAR_5_1403,
                       officials=[deputy], photos=2)
    html = staff_client.get("/news/events/photos").get_data(as_text=True)
    assert html.count('class="photo-thumb"') == 5
    assert f'href="/news/events/{visit.id}"' in html and f'href="/news/events/{press.id}"' in html
    assert html.index("نشست با اصحاب رسانه") < html.index("سفر استاندار")  # newest event first

    def thumbs(query):
        fragment = staff_client.get("/news/events/photos" + query, headers={"HX-Request": "true"})
        return fragment.get_data(as_text=True).count('class="photo-thumb"')

    assert thumbs(f"?official={governor.id}") == 3
    assert thumbs("?place=مطبوعات") == 2
    assert thumbs("?start=۱۴۰۳/۰۹/۰۱") == 2 and thumbs("?end=۱۴۰۳/۰۸/۳۰") == 3


def test_the_photo_search_pages_through_many_photos(staff_client, make_event):
    make_event(photos=50)
    first = staff_client.get("/news/events/photos").get_data(as_text=True)
    assert first.count('class="photo-thumb"') == 48 and "صفحهٔ ۱ از ۲" in first
    second = staff_client.get("/news/events/photos?page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert second.count('class="photo-thumb"') == 2


def test_a_viewer_reads_the_archive_but_cannot_change_it(department, login, viewer, make_event):
    event = make_event(photos=1)
    client = login(viewer)
    assert client.get("/news/events/").status_code == 200
    page = client.get(f"/news/events/{event.id}").get_data(as_text=True)
    assert "جلسه شورای اداری استان" in page and 'name="photos"' not in page and "/edit" not in page
    assert client.get("/news/events/photos").status_code == 200
    assert client.get("/news/events/new").status_code == 403
    assert client.post(f"/news/events/{event.id}/edit", data={"title": "x"}).status_code == 403
    assert client.post(f"/news/events/{event.id}/delete").status_code == 403
    assert client.post(f"/files/photos/{ENTITY}/{event.id}/upload").status_code == 403
    assert db.session.get(Event, event.id).deleted_at is None


def test_staff_of_another_department_are_refused(department, login, make_user, make_department, make_event):
    event = make_event()
    outsider = login(make_user("staff", departments=[make_department("اداره کل تبلیغات")]))
    assert outsider.get("/news/events/").status_code == 403
    assert outsider.get(f"/news/events/{event.id}").status_code == 403
    assert outsider.post("/news/events/new", data={"title": "x", "date": "1403/8/20"}).status_code == 403
    assert outsider.get(f"/files/photos/{ENTITY}/{event.id}/").status_code == 403


def test_the_search_box_finds_events(staff_client, make_event):
    event = make_event(title="بازديد از پروژه كمربندی اردکان")  # Arabic ي and ك, as an old import may hold
    response = staff_client.get("/search?q=کمربندی")
    page = text_of(response)
    assert "رویدادهای آرشیو تصاویر" in page and "بازديد از پروژه كمربندی اردکان" in page
    assert f"/news/events/{event.id}" in response.get_data(as_text=True)
    assert "رویدادهای آرشیو تصاویر" not in text_of(staff_client.get("/search?q=بازار"))


def test_events_are_on_the_calendar_as_meetings_and_ceremonies(staff_client, make_event):
    from plugins.news.views.archive import calendar_entries

    make_event(title="جلسه شورای اداری استان", date=ABAN_20_1403)
    make_event(title="آیین تجلیل از خبرنگاران", kind="ceremony", date=ABAN_10_1403)
    make_event(title="رویداد ماه بعد", date=AZAR_5_1403)
    entries = calendar_entries(datetime.date(2024, 10, 22), datetime.date(2024, 11, 20), None)
    assert sorted((entry["title"], entry["kind"]) for entry in entries) == [
        ("آیین تجلیل از خبرنگاران", "ceremony"), ("جلسه شورای اداری استان", "meeting")]
    month = staff_client.get("/calendar/agenda?y=1403&m=8").get_data(as_text=True)
    assert "آیین تجلیل از خبرنگاران" in month and "رویداد ماه بعد" not in month


def test_photo_report_items_count_only_when_not_in_the_trash(staff_client, make_event, make_item):
    event = make_event()
    item = make_item(type="photo_report", event_id=event.id)
    item.soft_delete()
    db.session.commit()
    assert db.session.scalar(select(func.count(NewsItem.id))) == 0
    html = staff_client.get("/news/events/").get_data(as_text=True)
    assert "<td data-label=\"اخبار مرتبط\">۰</td>" in html


def test_a_search_counts_its_events_and_frames_from_an_index(app, make_event):
    """On SQLite a search of the archive counts its events and sums their frames from the events'
    (id, deleted_at, frames) index (migration news0006), not from their rows; the trash left out."""
    kept = [make_event(title=f"بازدید استاندار {n}", photos=n) for n in range(1, 3)]
    trashed = make_event(title="بازدید از بیمارستان", photos=1)
    trashed.soft_delete()
    db.session.commit()
    with app.test_request_context("/news/events/?q=بازدید"):
        page = EVENTS.page(db.session, {"q": "بازدید"}, sums={"frames": Event.frames})
    assert page.total == 2 and page.sums == {"frames": 3} and {row.id for row in page.items} == {e.id for e in kept}
    if db.engine.dialect.name != "sqlite":
        return
    refresh_statistics()
    counted = EVENTS.filtered({"q": "بازدید"}, counting=True).with_only_columns(func.count(), func.sum(Event.frames))
    compiled = counted.compile(db.engine, compile_kwargs={"literal_binds": True})
    plan = " ".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "COVERING INDEX ix_news_events_search_live" in plan
