"""The public RSS and Atom feeds of a channel's published news."""
import datetime
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from core.db import db
from core.models import User
from plugins.news.models import Channel, Topic

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITE = "پایگاه اطلاع‌رسانی استانداری"


@pytest.fixture
def site(department):
    return db.session.scalar(select(Channel).where(Channel.name == SITE))


def rss_items(client, channel):
    response = client.get(f"/news/feeds/{channel.id}/rss.xml")
    assert response.status_code == 200
    return ElementTree.fromstring(response.data).find("channel").findall("item")


def test_rss_lists_the_published_items_of_the_channel_newest_first(client, site, make_item, make_user):
    author = make_user("staff", full_name="زهرا دهقانی")
    economy = db.session.scalar(select(Topic).where(Topic.name == "اقتصادی"))
    older = make_item(title="افتتاح نمایشگاه صنایع دستی", date=datetime.date(2024, 11, 10), channels=[SITE],
                      lead="نمایشگاه تا پایان هفته برپاست.", author=author)
    older.topics.append(economy)
    older.publications[0].link = "https://www.ostanyazd.ir/news/123"
    db.session.commit()
    make_item(title="جلسه شورای اداری استان", date=datetime.date(2024, 11, 15), channels=[SITE])
    make_item(title="خبر شبکه داخلی", channels=["شبکه داخلی"])
    make_item(title="پیش‌نویس خبر", status="draft", channels=[SITE])
    make_item(title="خبر در انتظار بررسی", status="review", channels=[SITE])
    deleted = make_item(title="خبر حذف‌شده", channels=[SITE])
    deleted.soft_delete(db.session.get(User, author.id))
    db.session.commit()

    response = client.get(f"/news/feeds/{site.id}/rss.xml")  # no login: the feed is public
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ElementTree.fromstring(response.data).find("channel")
    assert channel.findtext("title") == SITE and channel.findtext("language") == "fa"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["جلسه شورای اداری استان", "افتتاح نمایشگاه صنایع دستی"]
    newest, oldest = items
    assert newest.findtext("link") == f"http://localhost.test/news/items/{newest_id(newest)}"
    assert oldest.findtext("link") == "https://www.ostanyazd.ir/news/123"
    assert oldest.findtext("description") == "نمایشگاه تا پایان هفته برپاست."
    assert [c.text for c in oldest.findall("category")] == ["اقتصادی"]
    assert oldest.findtext(f"{DC}creator") == "زهرا دهقانی"
    published = parsedate_to_datetime(oldest.findtext("pubDate"))
    assert published.utcoffset() == datetime.timedelta(hours=3, minutes=30)
    assert published.date() == datetime.date(2024, 11, 10) and published.hour == 0


def newest_id(item):
    return item.findtext("guid").rsplit("/", 1)[-1]


def test_atom_has_the_same_entries_with_rfc3339_dates(client, site, make_item):
    item = make_item(title="دیدار استاندار با خبرنگاران", channels=[SITE], lead="به مناسبت روز خبرنگار",
                     published_at=datetime.datetime(2024, 11, 15, 6, 30, tzinfo=datetime.UTC))
    response = client.get(f"/news/feeds/{site.id}/atom.xml")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}title") == SITE
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name")  # the organization
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "دیدار استاندار با خبرنگاران"
    assert entry.findtext(f"{ATOM}summary") == "به مناسبت روز خبرنگار"
    assert entry.findtext(f"{ATOM}id") == f"http://localhost.test/news/items/{item.id}"
    assert entry.find(f"{ATOM}link").get("href") == f"http://localhost.test/news/items/{item.id}"
    assert entry.findtext(f"{ATOM}published") == "2024-11-15T10:00:00+03:30"
    datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_special_characters_are_escaped(client, site, make_item, kind):
    make_item(title='مصوبه <ویژه> "شورا" & ستاد', lead="a < b && c", channels=[SITE])
    response = client.get(f"/news/feeds/{site.id}/{kind}.xml")
    body = response.get_data(as_text=True)
    assert "&lt;ویژه&gt;" in body and "&amp; ستاد" in body and "<ویژه>" not in body
    root = ElementTree.fromstring(response.data)
    titles = [element.text for element in root.iter() if element.tag in ("title", f"{ATOM}title")]
    assert 'مصوبه <ویژه> "شورا" & ستاد' in titles


def test_the_feed_holds_the_latest_fifty(client, site, make_item):
    for day in range(1, 56):
        make_item(title=f"خبر شماره {day}", date=datetime.date(2024, 1, 1) + datetime.timedelta(days=day),
                  channels=[SITE])
    items = rss_items(client, site)
    assert len(items) == 50
    assert items[0].findtext("title") == "خبر شماره 55" and items[-1].findtext("title") == "خبر شماره 6"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_unknown_inactive_or_feedless_channels_answer_404(client, site, department, kind):
    assert client.get(f"/news/feeds/999999/{kind}.xml").status_code == 404
    eitaa = db.session.scalar(select(Channel).where(Channel.name == "ایتا"))
    assert not eitaa.feed
    assert client.get(f"/news/feeds/{eitaa.id}/{kind}.xml").status_code == 404
    site.active = False
    db.session.commit()
    assert client.get(f"/news/feeds/{site.id}/{kind}.xml").status_code == 404


def test_a_feed_is_gone_while_the_module_is_off(client, site, enable_module):
    enable_module("news", enabled=False)
    assert client.get(f"/news/feeds/{site.id}/rss.xml").status_code == 404


def test_conditional_get_answers_304_until_an_item_changes(client, site, make_item):
    item = make_item(title="نشست خبری معاون عمرانی", channels=[SITE])
    url = f"/news/feeds/{site.id}/rss.xml"
    first = client.get(url)
    modified = first.headers["Last-Modified"]
    again = client.get(url, headers={"If-Modified-Since": modified})
    assert again.status_code == 304 and not again.data

    item.updated_at = parsedate_to_datetime(modified) + datetime.timedelta(minutes=5)
    item.status = "draft"  # unpublished: it must leave the feed
    db.session.commit()
    changed = client.get(url, headers={"If-Modified-Since": modified})
    assert changed.status_code == 200
    assert ElementTree.fromstring(changed.data).find("channel").findall("item") == []
