"""Photo captions (عکس نوشته) and clips: the form with its checks, the list's filters and export,
the trash, the search box and who may change them."""
import datetime

import pytest
from sqlalchemy import func, select

from core.db import db
from plugins.news.models import Caption, Channel, Event
from tests.plugins.news.conftest import text_of

ABAN_20_1403 = datetime.date(2024, 11, 10)
AZAR_5_1403 = datetime.date(2024, 11, 25)


@pytest.fixture
def governor(make_person):
    return make_person("مهدی", "صادقیان", "استاندار یزد")


@pytest.fixture
def channel(department):
    return db.session.scalars(select(Channel).where(Channel.name == "ایتا")).one()  # a default channel


@pytest.fixture
def event(department):
    event = Event(title="آیین تجلیل از خبرنگاران", date=ABAN_20_1403, place="تالار وحدت", kind="ceremony")
    db.session.add(event)
    db.session.commit()
    return event


@pytest.fixture
def make_caption():
    def factory(quote="یزد شهر امنیت و آرامش است", kind="caption", date=ABAN_20_1403, **fields):
        caption = Caption(quote=quote, kind=kind, date=date, **fields)
        db.session.add(caption)
        db.session.commit()
        return caption
    return factory


def test_staff_record_a_caption_with_its_official_channel_and_event(staff_client, governor, channel, event):
    event.officials = [governor]
    db.session.commit()
    form = staff_client.get(f"/news/captions/new?event={event.id}").get_data(as_text=True)
    assert f'<option selected value="{event.id}">۲۰ آبان ۱۴۰۳ — آیین تجلیل از خبرنگاران' in form
    assert f'value="{governor.id}" checked' in form or f'<option selected value="{governor.id}"' in form
    response = staff_client.post("/news/captions/new", data={
        "kind": "clip", "quote": "رسانه‌ها چشم بیدار جامعه‌اند", "official": str(governor.id),
        "title": "کلیپ روز خبرنگار", "date": "۱۴۰۳/۰۸/۲۰", "channel_id": str(channel.id),
        "event_id": str(event.id), "link": "https://eitaa.com/ostandari_yazd/1234"})
    assert response.status_code == 303
    caption = db.session.scalars(select(Caption)).one()
    assert (caption.kind, caption.official, caption.channel, caption.event, caption.date) == (
        "clip", governor, channel, event, ABAN_20_1403)
    page = text_of(staff_client.get("/news/captions/"))
    assert "رسانه‌ها چشم بیدار جامعه‌اند" in page and "مهدی صادقیان" in page and "ایتا" in page
    assert "کلیپ" in page and "آیین تجلیل از خبرنگاران" in page
    assert "رسانه‌ها چشم بیدار جامعه‌اند" in text_of(staff_client.get(f"/news/events/{event.id}"))


@pytest.mark.parametrize("fields, message", [
    ({"quote": ""}, "متن نقل‌قول را بنویسید"),
    ({"date": "۱۴۰۲/۱۲/۳۰"}, "اسفند"),
    ({"link": "javascript:alert(1)"}, "نشانی کامل را با"),
    ({"link": "eitaa.com/yazd"}, "نشانی کامل را با"),
    ({"event_id": "999999"}, "این رویداد در آرشیو نیست"),
    ({"channel_id": "999999"}, "مجرا را از فهرست انتخاب کنید"),
    ({"official": "999999"}, "در فهرست"),
])
def test_a_bad_caption_answers_422_in_persian_and_saves_nothing(staff_client, fields, message):
    data = {"kind": "caption", "quote": "یزد شهر امنیت و آرامش است", "date": "1403/08/20", **fields}
    response = staff_client.post("/news/captions/new", data=data, headers={"HX-Request": "true"})
    assert response.status_code == 422 and message in text_of(response)
    assert "<html" not in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Caption.id))) == 0


def test_an_inactive_channel_is_not_offered_but_kept_on_its_captions(staff_client, channel, make_caption):
    old = db.session.scalars(select(Channel).where(Channel.name == "سروش")).one()
    old.active = False
    db.session.commit()
    assert "سروش" not in staff_client.get("/news/captions/new").get_data(as_text=True)
    caption = make_caption(channel=old)
    assert "سروش" in staff_client.get(f"/news/captions/{caption.id}/edit").get_data(as_text=True)


def test_editing_and_trashing_a_caption(staff_client, make_caption):
    caption = make_caption()
    response = staff_client.post(f"/news/captions/{caption.id}/edit", data={
        "kind": "caption", "quote": "یزد، شهر امنیت، آرامش و مهربانی", "date": "1403/09/05", "link": ""})
    assert response.status_code == 303
    db.session.refresh(caption)
    assert caption.quote == "یزد، شهر امنیت، آرامش و مهربانی" and caption.date == AZAR_5_1403
    assert staff_client.post(f"/news/captions/{caption.id}/delete").status_code == 303
    assert db.session.scalar(select(func.count(Caption.id))) == 0
    assert staff_client.get(f"/news/captions/{caption.id}/edit").status_code == 404
    assert "هنوز عکس‌نوشته یا کلیپی ثبت نشده است" in text_of(staff_client.get("/news/captions/"))


def test_the_list_filters_by_kind_official_channel_date_and_words(
        staff_client, make_caption, governor, make_person, channel):
    deputy = make_person("علی", "آقازاده", "معاون سیاسی استاندار")
    make_caption(quote="امنیت پایدار حاصل همدلی است", official=governor, channel=channel)
    make_caption(quote="گردشگری موتور توسعه یزد است", kind="clip", official=deputy, date=AZAR_5_1403)

    def listed(query):
        return text_of(staff_client.get("/news/captions/" + query, headers={"HX-Request": "true"}))

    assert "امنیت پایدار" in listed("?kind=caption") and "گردشگری" not in listed("?kind=caption")
    assert "گردشگری" in listed(f"?official={deputy.id}") and "امنیت پایدار" not in listed(f"?official={deputy.id}")
    assert "امنیت پایدار" in listed(f"?channel={channel.id}") and "گردشگری" not in listed(f"?channel={channel.id}")
    assert "گردشگری" in listed("?start=۱۴۰۳/۰۹/۰۱") and "امنیت پایدار" not in listed("?start=۱۴۰۳/۰۹/۰۱")
    assert "امنیت پایدار" in listed("?end=1403/08/30") and "گردشگری" not in listed("?end=1403/08/30")
    assert "گردشگری" in listed("?q=گردشگري") and "امنیت پایدار" not in listed("?q=گردشگري")
    assert "هیچ عکس‌نوشته یا کلیپی با این پالایه‌ها پیدا نشد" in listed("?official=x")


def test_the_list_exports_its_rows(staff_client, make_caption, governor):
    make_caption(quote="امنیت پایدار حاصل همدلی است", official=governor)
    make_caption(quote="گردشگری موتور توسعه یزد است", kind="clip")
    response = staff_client.get("/news/captions/?format=csv&kind=caption")
    text = response.get_data().decode("utf-8-sig")
    assert response.status_code == 200 and "نقل‌قول" in text.splitlines()[0]
    assert "امنیت پایدار حاصل همدلی است" in text and "مهدی صادقیان" in text and "گردشگری" not in text
    assert staff_client.get("/news/captions/?format=xlsx").status_code == 200


def test_the_search_box_finds_captions(app, department, login, staff_client, viewer, make_caption):
    caption = make_caption(quote="گردشگری موتور توسعه يزد است", title="عکس‌نوشته گردشگری")
    html = staff_client.get("/search?q=توسعه یزد").get_data(as_text=True)
    assert "عکس‌نوشته‌ها و کلیپ‌ها" in text_of(staff_client.get("/search?q=توسعه یزد"))
    assert f"/news/captions/{caption.id}/edit" in html
    viewer_html = login(viewer, test_client=app.test_client()).get("/search?q=توسعه یزد").get_data(as_text=True)
    assert f"#caption-{caption.id}" in viewer_html and "/edit" not in viewer_html


def test_a_viewer_reads_captions_but_cannot_change_them(login, viewer, department, make_caption):
    caption = make_caption()
    client = login(viewer)
    page = client.get("/news/captions/")
    assert page.status_code == 200 and "یزد شهر امنیت و آرامش است" in text_of(page)
    assert f"/news/captions/{caption.id}/edit" not in page.get_data(as_text=True)
    assert client.get("/news/captions/new").status_code == 403
    assert client.post(f"/news/captions/{caption.id}/edit", data={"quote": "x"}).status_code == 403
    assert client.post(f"/news/captions/{caption.id}/delete").status_code == 403


def test_staff_of_another_department_are_refused(department, login, make_user, make_department, make_caption):
    caption = make_caption()
    outsider = login(make_user("staff", departments=[make_department("اداره کل تبلیغات")]))
    assert outsider.get("/news/captions/").status_code == 403
    assert outsider.post(f"/news/captions/{caption.id}/delete").status_code == 403
    assert db.session.get(Caption, caption.id).deleted_at is None
