"""News items: the form (Persian, Arabic and Latin digits; Persian messages, nothing saved on
error), the workflow draft → review → published with who may publish, publications on channels,
the list's filters, export and query count, the search box, and read-only viewers."""
import datetime
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, func, select, text

from core.db import db, refresh_statistics
from core.jalali import to_jalali_input, today
from core.text import fa_number
from core.search import SearchQuery, run_groups
from core.search.index import matches
from plugins.news.models import Channel, Editor, Event, NewsItem, Publication, Topic
from plugins.news.views.items import search_groups

from .conftest import ABAN_25_1403, text_of

HX = {"HX-Request": "true"}
SITE = "پایگاه اطلاع‌رسانی استانداری"
INTERNAL = "شبکه داخلی"
EITAA = "ایتا"


def channel(name):
    return db.session.scalar(select(Channel).where(Channel.name == name))


def topic(name):
    return db.session.scalar(select(Topic).where(Topic.name == name))


def item_count():
    return db.session.scalar(select(func.count()).select_from(NewsItem))


def fields(**changes):
    data = {"type": "news", "title": "بازدید استاندار از طرح‌های عمرانی میبد", "lead": "استاندار یزد امروز…",
            "body": "متن کامل خبر", "date": "۱۴۰۳/۰۸/۲۵"}
    data.update(changes)
    return data


# --- the form ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["۱۴۰۳/۰۸/۲۵", "١٤٠٣/٠٨/٢٥", "1403/8/25"])
def test_staff_records_a_draft_with_a_date_in_any_digits(staff_client, staff, make_person, typed):
    official = make_person()
    economy = topic("اقتصادی")
    event = Event(title="بازدید از شهرک صنعتی میبد", date=ABAN_25_1403, kind="visit")
    db.session.add(event)
    db.session.commit()
    response = staff_client.post("/news/items/new", data=fields(
        date=typed, title="افتتاح طرح‌هاي عمراني ميبد", officials=[official.id], topics=[economy.id],
        event=event.id))
    assert response.status_code == 303
    item = db.session.scalar(select(NewsItem))
    assert response.headers["Location"].endswith(f"/news/items/{item.id}")
    assert item.date == ABAN_25_1403
    assert item.title == "افتتاح طرح‌های عمرانی میبد"  # Arabic ي stored as Persian ی
    assert (item.status, item.author, item.officials, item.topics, item.event) == (
        "draft", staff, [official], [economy], event)
    page = text_of(staff_client.get(f"/news/items/{item.id}"))
    assert "افتتاح طرح‌های عمرانی میبد" in page and "پیش‌نویس" in page and official.full_name in page
    assert "اقتصادی" in page and "بازدید از شهرک صنعتی میبد" in page


def test_the_new_form_offers_today_and_the_active_topics(staff_client):
    topic("انتخابات").active = False
    db.session.commit()
    page = staff_client.get("/news/items/new").get_data(as_text=True)
    assert "اقتصادی" in page and "انتخابات" not in page
    date_input = re.search(r'<input[^>]*name="date"[^>]*>', page).group(0)
    assert f'value="{to_jalali_input(today())}"' in date_input


@pytest.mark.parametrize("changes, message", [
    ({"title": "  "}, "عنوان را وارد کنید"),
    ({"date": "۱۴۰۲/۱۲/۳۰"}, "وجود ندارد"),
    ({"type": "rumour"}, "نوع را از فهرست انتخاب کنید"),
    ({"topics": ["999999"]}, "موضوع‌ها را از فهرست انتخاب کنید"),
])
def test_bad_input_is_refused_in_persian_and_nothing_is_saved(staff_client, changes, message):
    response = staff_client.post("/news/items/new", data=fields(**changes), headers=HX)
    assert response.status_code == 422
    assert message in text_of(response)
    assert 'id="item-form"' in response.get_data(as_text=True)
    assert "متن کامل خبر" in response.get_data(as_text=True)  # nothing typed is lost
    assert item_count() == 0


def test_editing_a_published_item_keeps_it_published(staff_client, make_item):
    item = make_item(channels=(SITE,))
    response = staff_client.post(f"/news/items/{item.id}/edit", data=fields(title="عنوان تازه", date="۱۴۰۳/۰۸/۲۵"))
    assert response.status_code == 303
    db.session.refresh(item)
    assert (item.title, item.status, len(item.publications)) == ("عنوان تازه", "published", 1)


def test_an_item_goes_to_the_trash(staff_client, make_item):
    item = make_item()
    assert staff_client.post(f"/news/items/{item.id}/delete").status_code == 303
    assert staff_client.get(f"/news/items/{item.id}").status_code == 404
    assert item_count() == 0


# --- the workflow -----------------------------------------------------------------------------------

def test_staff_sends_for_review_but_may_not_publish(staff_client, make_item):
    item = make_item(status="draft")
    page = staff_client.get(f"/news/items/{item.id}").get_data(as_text=True)
    assert f"/news/items/{item.id}/submit" in page and 'id="publish-form"' not in page
    assert staff_client.post(f"/news/items/{item.id}/submit").status_code == 303
    assert db.session.get(NewsItem, item.id).status == "review"
    response = staff_client.post(f"/news/items/{item.id}/publish",
                                 data={"publish_date": "۱۴۰۳/۰۸/۲۶", "publish_time": "۱۰:۳۰"})
    assert response.status_code == 403
    assert "رئیس واحد یا دبیر خبر" in text_of(response)
    assert db.session.get(NewsItem, item.id).status == "review"
    assert staff_client.post(f"/news/items/{item.id}/unpublish").status_code == 403


def test_the_head_publishes_with_a_jalali_date_and_tehran_time(head_client, head, make_item):
    item = make_item(status="review")
    response = head_client.post(f"/news/items/{item.id}/publish",
                                data={"publish_date": "۱۴۰۳/۰۸/۲۶", "publish_time": "۱۰:۳۰"})
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.status == "published" and item.published_by == head
    assert item.date == datetime.date(2024, 11, 16)
    assert item.published_at == datetime.datetime(2024, 11, 16, 7, 0, tzinfo=datetime.UTC)
    page = text_of(head_client.get(f"/news/items/{item.id}"))
    assert "۱۰:۳۰" in page and "منتشرشده" in page and "ثبت انتشار" in page


def test_a_delegated_editor_publishes(login, make_user, department, head, make_item):
    editor = make_user("staff", username="editor", departments=[department])
    db.session.add(Editor(user_id=editor.id, granted_by_id=head.id))
    item = make_item(status="draft")
    client = login(editor)
    response = client.post(f"/news/items/{item.id}/publish",
                           data={"publish_date": "1403/08/25", "publish_time": "9:05"})
    assert response.status_code == 303
    assert db.session.get(NewsItem, item.id).status == "published"


def test_publishing_twice_is_refused_and_changes_nothing(head_client, make_item):
    item = make_item(status="published")
    response = head_client.post(f"/news/items/{item.id}/publish",
                                data={"publish_date": "۱۴۰۳/۰۹/۰۱", "publish_time": "۱۲:۰۰"}, follow_redirects=True)
    assert "این خبر پیش‌تر منتشر شده است" in text_of(response)
    db.session.refresh(item)
    assert item.date == ABAN_25_1403 and item.published_at is None


def test_a_bad_publication_time_is_refused_in_persian(head_client, make_item):
    item = make_item(status="draft")
    response = head_client.post(f"/news/items/{item.id}/publish",
                                data={"publish_date": "۱۴۰۳/۰۸/۲۶", "publish_time": "۲۵:۰۰"}, headers=HX)
    assert response.status_code == 422
    assert "ساعت را به شکل" in text_of(response) and 'id="publish-form"' in response.get_data(as_text=True)
    assert db.session.get(NewsItem, item.id).status == "draft"


def test_returning_to_draft_keeps_the_text_and_publications(head_client, make_item):
    item = make_item(channels=(SITE, EITAA), lead="لید خبر")
    assert head_client.post(f"/news/items/{item.id}/unpublish").status_code == 303
    db.session.refresh(item)
    assert (item.status, item.lead, len(item.publications)) == ("draft", "لید خبر", 2)
    response = head_client.post(f"/news/items/{item.id}/submit", follow_redirects=True)
    assert db.session.get(NewsItem, item.id).status == "review"
    response = head_client.post(f"/news/items/{item.id}/submit", follow_redirects=True)
    assert "فقط پیش‌نویس" in text_of(response)


# --- publications on channels -----------------------------------------------------------------------

def test_a_publication_is_recorded_once_per_channel(staff_client, make_item):
    item = make_item()
    site = channel(SITE)
    response = staff_client.post(f"/news/items/{item.id}/publications", data={
        "channel": site.id, "published_on": "۱۴۰۳/۰۸/۲۵", "link": "https://ostan-yz.ir/news/1234"})
    assert response.status_code == 303
    assert [(p.channel, p.link) for p in item.publications] == [(site, "https://ostan-yz.ir/news/1234")]
    response = staff_client.post(f"/news/items/{item.id}/publications", data={
        "channel": site.id, "published_on": "۱۴۰۳/۰۸/۲۶"}, headers=HX)
    assert response.status_code == 422
    assert "روی این مجرا پیش‌تر ثبت شده است" in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(Publication)) == 1


@pytest.mark.parametrize("link", ["ostan-yz.ir/news", "javascript:alert(1)", "ftp://ostan-yz.ir"])
def test_a_publication_link_must_be_a_web_address(staff_client, make_item, link):
    item = make_item()
    response = staff_client.post(f"/news/items/{item.id}/publications", data={
        "channel": channel(EITAA).id, "published_on": "۱۴۰۳/۰۸/۲۵", "link": link}, headers=HX)
    assert response.status_code == 422
    assert "http://" in text_of(response)
    assert not item.publications


def test_a_publication_needs_a_published_item(staff_client, make_item):
    item = make_item(status="review")
    response = staff_client.post(f"/news/items/{item.id}/publications", data={
        "channel": channel(SITE).id, "published_on": "۱۴۰۳/۰۸/۲۵"}, follow_redirects=True)
    assert "ابتدا خبر را منتشر کنید" in text_of(response)
    assert not item.publications


def test_a_publication_is_edited_and_removed(staff_client, make_item):
    item = make_item(channels=(SITE, EITAA))
    site, eitaa = item.publications
    response = staff_client.post(f"/news/items/{item.id}/publications/{site.id}/edit", data={
        "channel": channel(EITAA).id, "published_on": "۱۴۰۳/۰۸/۲۵"}, headers=HX)
    assert response.status_code == 422 and "روی این مجرا پیش‌تر ثبت شده است" in text_of(response)
    response = staff_client.post(f"/news/items/{item.id}/publications/{site.id}/edit", data={
        "channel": channel(INTERNAL).id, "published_on": "۱۴۰۳/۰۸/۲۷", "link": "http://intranet/12"})
    assert response.status_code == 303
    db.session.refresh(site)
    assert (site.channel.name, site.published_on, site.link) == (INTERNAL, datetime.date(2024, 11, 17),
                                                                 "http://intranet/12")
    assert staff_client.post(f"/news/items/{item.id}/publications/{eitaa.id}/delete").status_code == 303
    db.session.refresh(item)
    assert [p.channel.name for p in item.publications] == [INTERNAL]
    other = make_item(title="خبر دیگر")
    assert staff_client.get(f"/news/items/{other.id}/publications/{site.id}/edit").status_code == 404


# --- the list -----------------------------------------------------------------------------------------

@pytest.fixture
def listed(make_item, make_person):
    governor = make_person(first_name="مهدی", last_name="صادقیان")
    deputy = make_person(first_name="علی", last_name="آقازاده")
    farming = topic("کشاورزی و آب")
    make_item(title="افتتاح بیمارستان میبد", channels=(SITE, EITAA), officials=[governor])
    make_item(title="گزارش تصویری نمایشگاه کتاب", type="photo_report", channels=(INTERNAL,),
              officials=[deputy], date=ABAN_25_1403 - datetime.timedelta(days=40))
    make_item(title="طرح آبرسانی بافق", status="review", topics=[farming])
    return {"governor": governor, "deputy": deputy, "farming": farming}


def titles(response):
    text = text_of(response)
    return {title for title in ("افتتاح بیمارستان میبد", "گزارش تصویری نمایشگاه کتاب", "طرح آبرسانی بافق")
            if title in text}


ALL = {"افتتاح بیمارستان میبد", "گزارش تصویری نمایشگاه کتاب", "طرح آبرسانی بافق"}


def test_the_list_shows_every_column(staff_client, listed):
    response = staff_client.get("/news/")
    assert response.status_code == 200 and titles(response) == ALL
    text = text_of(response)
    assert "۲۵ آبان ۱۴۰۳" in text and "گزارش تصویری" in text and "مهدی صادقیان" in text
    assert SITE in text and "در انتظار بررسی" in text


@pytest.mark.parametrize("query, expected", [
    (lambda ids: {"channel": channel(EITAA).id}, {"افتتاح بیمارستان میبد"}),
    (lambda ids: {"channel": channel(INTERNAL).id}, {"گزارش تصویری نمایشگاه کتاب"}),
    (lambda ids: {"type": "photo_report"}, {"گزارش تصویری نمایشگاه کتاب"}),
    (lambda ids: {"official": ids["deputy"].id}, {"گزارش تصویری نمایشگاه کتاب"}),
    (lambda ids: {"topic": ids["farming"].id}, {"طرح آبرسانی بافق"}),
    (lambda ids: {"status": "review"}, {"طرح آبرسانی بافق"}),
    (lambda ids: {"start": "۱۴۰۳/۰۸/۰۱"}, {"افتتاح بیمارستان میبد", "طرح آبرسانی بافق"}),
    (lambda ids: {"end": "1403/08/01"}, {"گزارش تصویری نمایشگاه کتاب"}),
    (lambda ids: {"q": "بيمارستان"}, {"افتتاح بیمارستان میبد"}),
    (lambda ids: {"channel": "abc"}, set()),
])
def test_each_filter_narrows_the_list(staff_client, listed, query, expected):
    response = staff_client.get("/news/", query_string=query(listed), headers=HX)
    assert response.status_code == 200
    assert titles(response) == expected
    assert "<html" not in response.get_data(as_text=True)  # only the results block


def test_a_channels_count_is_its_listed_items(staff_client, make_item):
    """The count's own form of the channel filter (from the publications) counts what the page lists:
    each item once, its status, not the trash."""
    make_item(title="خبر اول", channels=(SITE, EITAA))
    make_item(title="خبر دوم", channels=(EITAA,), status="review")
    make_item(title="خبر سوم", channels=(SITE,))
    make_item(title="خبر حذف‌شده", channels=(SITE,)).soft_delete()
    db.session.commit()
    statements = []
    def listener(*args):
        statements.append(args[2])
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        for args, expected in (({"channel": channel(SITE).id}, 2), ({"channel": channel(EITAA).id}, 2),
                               ({"channel": channel(EITAA).id, "status": "published"}, 1),
                               ({"channel": channel(INTERNAL).id}, 0)):
            text = text_of(staff_client.get("/news/", query_string=args, headers=HX))
            listed = [title for title in ("خبر اول", "خبر دوم", "خبر سوم", "خبر حذف‌شده") if title in text]
            assert f"{fa_number(expected)} مورد" in text and len(listed) == expected
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    if db.engine.dialect.name == "sqlite":  # the count checks the items' state in its index
        assert any("INDEXED BY ix_news_items_state" in statement for statement in statements)


def test_a_mistyped_date_filter_is_shown_and_ignored(staff_client, listed):
    response = staff_client.get("/news/?start=۱۴۰۲/۱۲/۳۰")
    assert response.status_code == 200 and titles(response) == ALL
    assert "وجود ندارد" in text_of(response)


def test_the_list_sorts_by_title(staff_client, listed):
    text = text_of(staff_client.get("/news/?sort=title"))
    assert text.index("افتتاح بیمارستان میبد") < text.index("طرح آبرسانی بافق") < text.index("گزارش تصویری نمایشگاه")


def test_the_export_keeps_the_filters(staff_client, listed):
    response = staff_client.get("/news/", query_string={"format": "xlsx", "official": listed["governor"].id})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][:3] == ("تاریخ", "نوع", "عنوان")
    assert len(rows) == 2 and rows[1][2] == "افتتاح بیمارستان میبد" and rows[1][1] == "خبر"
    assert SITE in rows[1][5] and EITAA in rows[1][5]
    csv = staff_client.get("/news/?format=csv").data.decode("utf-8-sig")
    assert "طرح آبرسانی بافق" in csv and "در انتظار بررسی" in csv


def test_the_list_names_officials_by_last_name_and_channels_by_day_without_the_trash(
        staff_client, make_item, make_person):
    kept, first, gone = (make_person(first_name=first, last_name=last)
                         for first, last in (("مهدی", "صادقیان"), ("علی", "آقازاده"), ("رضا", "بهرامی")))
    item = make_item(officials=[kept, first, gone])
    for name, days in ((SITE, 3), (EITAA, 1)):
        item.publications.append(Publication(channel=channel(name), published_on=ABAN_25_1403
                                             + datetime.timedelta(days=days)))
    gone.soft_delete(None)
    db.session.commit()
    row = re.search(r'<tr id="item-%d">(.*?)</tr>' % item.id, staff_client.get("/news/").get_data(as_text=True), re.S)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    assert cells[3] == "علی آقازاده، مهدی صادقیان"
    assert re.findall(r'<span class="badge">(.*?)</span>', cells[4]) == [EITAA, SITE]


def test_the_list_runs_a_fixed_number_of_queries(staff_client, make_item, make_person, count_queries):
    def queries():
        with count_queries() as statements:
            assert staff_client.get("/news/").status_code == 200
        return len(statements)

    make_item(channels=(SITE,), officials=[make_person()], topics=[topic("اقتصادی")])
    few = queries()
    for number in range(12):
        make_item(title=f"خبر شماره {number}", channels=(SITE, EITAA, INTERNAL),
                  officials=[make_person(last_name=f"مقام {number}")], topics=[topic("سیاسی"), topic("فرهنگی")])
    assert queries() == few


# --- search and permissions ------------------------------------------------------------------------------

def _searched(text, user, limit):
    """The groups the search box shows for ``text``: the module's answer run as the core runs it."""
    query = SearchQuery.parse(text)
    return run_groups(search_groups(query, user, limit), query, user, limit)


def test_the_search_box_finds_an_item(app, staff, make_item):
    item = make_item(title="افتتاح کتابخانه مرکزی اردکان", lead="با حضور استاندار")
    make_item(title="خبر دیگر")
    with app.test_request_context():
        groups = _searched("كتابخانه اردكان", staff, 5)
    assert len(groups) == 1 and groups[0]["total"] == 1
    hit = groups[0]["hits"][0]
    assert hit["title"] == item.title and hit["url"] == f"/news/items/{item.id}"
    assert groups[0]["more_url"].startswith("/news/?q=")


def test_the_search_box_counts_the_items_from_their_ids_without_the_trash(app, staff, make_item):
    items = [make_item(title=f"افتتاح پروژه شماره {n}") for n in range(8)]
    items[7].deleted_at = datetime.datetime.now()
    db.session.commit()
    with app.test_request_context():
        [group] = _searched("افتتاح پروژه", staff, 5)
    assert group["total"] == 7
    assert [hit["title"] for hit in group["hits"]] == [items[n].title for n in (6, 5, 4, 3, 2)]


def test_the_search_page_shows_the_item(staff_client, make_item):
    make_item(title="افتتاح کتابخانه مرکزی اردکان")
    assert "افتتاح کتابخانه مرکزی اردکان" in text_of(staff_client.get("/search?q=کتابخانه"))


def test_a_viewer_reads_but_does_not_edit(login, viewer, department, make_item):
    item = make_item(channels=(SITE,))
    client = login(viewer)
    assert client.get("/news/").status_code == 200
    page = client.get(f"/news/items/{item.id}")
    assert page.status_code == 200 and "ثبت انتشار" not in text_of(page)
    assert f"/news/items/{item.id}/edit" not in page.get_data(as_text=True)
    assert client.get("/news/items/new").status_code == 403
    assert client.post(f"/news/items/{item.id}/edit", data=fields()).status_code == 403
    assert client.post(f"/news/items/{item.id}/publications",
                       data={"channel": channel(EITAA).id, "published_on": "۱۴۰۳/۰۸/۲۵"}).status_code == 403


def test_staff_of_another_department_may_not_edit(login, make_user, make_department, department, make_item):
    other = make_user("staff", username="other", departments=[make_department("واحد فضاسازی")])
    item = make_item(status="draft")
    client = login(other)
    assert client.post("/news/items/new", data=fields()).status_code == 403
    assert client.post(f"/news/items/{item.id}/submit").status_code == 403
    assert db.session.get(NewsItem, item.id).status == "draft"


def test_a_search_checks_its_matches_against_the_trash_from_an_index(app, make_item):
    """On SQLite the items' matches are looked up in their (id, deleted_at) index (migration
    news0003s, core.search.index.create_live_index), not in their rows; with statistics, as
    ``flask db upgrade`` leaves them."""
    if db.engine.dialect.name != "sqlite":
        assert db.session.scalar(text("SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%search_live'")) == 0
        return
    for n in range(3):
        make_item(title=f"افتتاح بیمارستان {n}")
    refresh_statistics()
    statement = select(func.count(NewsItem.id)).where(matches(NewsItem.search_text, "افتتاح"),
                                                      NewsItem.deleted_at.is_(None))
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    plan = " ".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "COVERING INDEX ix_news_items_search_live" in plan
    assert db.session.scalar(statement) == 3


def test_the_labels_of_a_page_are_translated_and_an_unknown_code_stands_for_itself(app):
    from plugins.news.labels import item_status_badge, label, labels
    with app.test_request_context():
        types = labels("item_type")
        assert types["photo_report"] == label("item_type", "photo_report") == "گزارش تصویری"
        assert types["<odd>"] == label("item_type", "<odd>") == "<odd>"
        assert list(types) == ["news", "photo_report", "interview", "note", "announcement"]
        assert item_status_badge("review") == '<span class="badge resolution-in_progress">در انتظار بررسی</span>'
        # An unknown status: grey, its code escaped, as the macro it replaces showed it.
        assert item_status_badge("<b>") == '<span class="badge off">&lt;b&gt;</span>'
