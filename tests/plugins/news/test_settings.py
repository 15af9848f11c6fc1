"""The news settings: channels (add, edit, order, deactivate), topics and delegated editors."""
import pytest
from sqlalchemy import select

from core.db import db
from core.text import clean_text
from plugins.news.access import may_publish
from plugins.news.models import Channel, Editor, Topic

from .conftest import text_of

SETTINGS = "/news/settings/"
HTMX = {"HX-Request": "true"}


def channel_named(name):
    return db.session.scalar(select(Channel).where(Channel.name == name))


def channel_order():
    return list(db.session.scalars(select(Channel.name).order_by(Channel.position, Channel.id)))


def test_the_page_lists_channels_in_order_with_their_feeds_topics_and_editors(head_client, staff):
    response = head_client.get(SETTINGS)
    html = text_of(response)
    assert response.status_code == 200
    assert "مجاری انتشار" in html and "موضوعات" in html and "دبیران خبر" in html
    assert html.index("پایگاه اطلاع‌رسانی استانداری") < html.index("شبکه داخلی") < html.index("اینستاگرام")
    site = channel_named("پایگاه اطلاع‌رسانی استانداری")
    assert f"/news/feeds/{site.id}/rss.xml" in response.get_data(as_text=True)
    assert f"/news/feeds/{site.id}/atom.xml" in response.get_data(as_text=True)
    assert "بدون خوراک" in html  # the messengers have no feed
    assert "عمرانی" in html
    assert staff.full_name in html  # offered as an editor


@pytest.mark.parametrize("who", ["staff_client", "viewer"])
def test_only_the_head_manages_the_settings(request, login, department, who):
    client = request.getfixturevalue(who) if who == "staff_client" else login(request.getfixturevalue(who))
    assert client.get(SETTINGS).status_code == 403
    assert client.post("/news/settings/channels/", data={"channel-name": "بله", "channel-kind": "messenger"}) \
        .status_code == 403
    assert client.post("/news/settings/topics/", data={"topic-name": "گردشگری"}).status_code == 403


def test_adding_a_channel_puts_it_last(head_client):
    response = head_client.post("/news/settings/channels/", data={
        "channel-name": "روبیکا", "channel-kind": "messenger", "channel-url": "https://rubika.ir/ostandari_yazd",
        "channel-active": "y"})
    assert response.status_code == 303
    channel = channel_named("روبیکا")
    assert channel.kind == "messenger" and channel.active and not channel.feed
    assert channel.url == "https://rubika.ir/ostandari_yazd"
    assert channel_order()[-1] == "روبیکا"
    assert "مجرای «روبیکا» افزوده شد" in text_of(head_client.get(SETTINGS))


@pytest.mark.parametrize("data, message", [
    ({"channel-name": "ايتا", "channel-kind": "messenger"}, "مجرایی با نام «ایتا» از پیش هست"),
    ({"channel-name": "", "channel-kind": "messenger"}, "نام مجرا را بنویسید"),
    ({"channel-name": "تلگرام", "channel-kind": "messenger", "channel-url": "t.me/yazd"}, "http://"),
    ({"channel-name": "تلگرام", "channel-kind": "fax"}, "نوع مجرا"),
])
def test_a_bad_channel_gets_a_persian_message_and_keeps_the_input(head_client, data, message):
    before = channel_order()
    response = head_client.post("/news/settings/channels/", data=data, headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html or message in text_of(response)
    assert 'id="channel-form"' in html and "<html" not in html  # only the form, for htmx
    if data["channel-name"]:
        assert clean_text(data["channel-name"]) in html  # kept, with Persian ی
    assert channel_order() == before


def test_editing_a_channel_keeps_its_own_name_and_refuses_another(head_client):
    site = channel_named("پایگاه اطلاع‌رسانی استانداری")
    url = f"/news/settings/channels/{site.id}/"
    assert "پایگاه اطلاع‌رسانی استانداری" in text_of(head_client.get(url))
    response = head_client.post(url, data={"channel-name": "شبکه داخلی", "channel-kind": "site"})
    assert response.status_code == 422 and "مجرایی با نام «شبکه داخلی» از پیش هست" in text_of(response)
    response = head_client.post(url, data={"channel-name": "پایگاه اطلاع‌رسانی استانداری یزد", "channel-kind": "site",
                                           "channel-url": "https://www.ostanyazd.ir", "channel-active": "y"})
    assert response.status_code == 303
    db.session.refresh(site)
    assert site.name == "پایگاه اطلاع‌رسانی استانداری یزد" and site.url == "https://www.ostanyazd.ir"
    assert not site.feed  # the unticked box turned the feed off
    assert head_client.get("/news/settings/channels/999999/").status_code == 404


def test_moving_a_channel_up_and_down(head_client):
    internal = channel_named("شبکه داخلی")
    response = head_client.post(f"/news/settings/channels/{internal.id}/move", data={"direction": "up"})
    assert response.status_code == 303
    assert channel_order()[:2] == ["شبکه داخلی", "پایگاه اطلاع‌رسانی استانداری"]
    response = head_client.post(f"/news/settings/channels/{internal.id}/move", data={"direction": "up"},
                                headers=HTMX)
    assert response.status_code == 200 and 'id="channels"' in response.get_data(as_text=True)
    assert channel_order()[0] == "شبکه داخلی"  # already first: stays
    head_client.post(f"/news/settings/channels/{internal.id}/move", data={"direction": "down"})
    head_client.post(f"/news/settings/channels/{internal.id}/move", data={"direction": "down"})
    assert channel_order()[:3] == ["پایگاه اطلاع‌رسانی استانداری", "پایگاه اطلاع‌رسانی وزارت کشور", "شبکه داخلی"]
    assert head_client.post(f"/news/settings/channels/{internal.id}/move", data={"direction": "x"}).status_code == 400


def test_a_channel_is_deactivated_not_deleted_and_stays_on_its_items(head_client, make_item):
    item = make_item(channels=["ایتا"])
    eitaa = channel_named("ایتا")
    response = head_client.post(f"/news/settings/channels/{eitaa.id}/deactivate")
    assert response.status_code == 303
    db.session.refresh(eitaa)
    assert not eitaa.active
    db.session.refresh(item)
    assert [p.channel.name for p in item.publications] == ["ایتا"]
    html = text_of(head_client.get(SETTINGS))
    assert "غیرفعال شد" in html and "فعال کن" in html
    head_client.post(f"/news/settings/channels/{eitaa.id}/activate")
    db.session.refresh(eitaa)
    assert eitaa.active


def test_topics_are_added_renamed_and_deactivated(head_client):
    response = head_client.post("/news/settings/topics/", data={"topic-name": "گردشگری"})
    assert response.status_code == 303
    topic = db.session.scalar(select(Topic).where(Topic.name == "گردشگری"))
    assert topic.active

    response = head_client.post("/news/settings/topics/", data={"topic-name": "  عمراني "}, headers=HTMX)
    assert response.status_code == 422 and "موضوعی با نام «عمرانی» از پیش هست" in text_of(response)

    url = f"/news/settings/topics/{topic.id}/"
    assert head_client.post(url, data={"topic-name": ""}).status_code == 422
    assert head_client.post(url, data={"topic-name": "گردشگری و میراث فرهنگی"}).status_code == 303
    head_client.post(f"/news/settings/topics/{topic.id}/deactivate")
    db.session.refresh(topic)
    assert topic.name == "گردشگری و میراث فرهنگی" and not topic.active
    assert "گردشگری و میراث فرهنگی" in text_of(head_client.get(SETTINGS))


def test_the_head_delegates_publishing_to_staff_of_the_department(head_client, staff, make_user, department):
    outsider = make_user("staff")  # staff of no department of the module
    fellow_head = make_user("head", departments=[department])
    html = head_client.get(SETTINGS).get_data(as_text=True)
    assert f'value="{staff.id}"' in html
    assert f'value="{outsider.id}"' not in html and f'value="{fellow_head.id}"' not in html

    response = head_client.post("/news/settings/editors/", data={"user_id": outsider.id})
    assert response.status_code == 422 and db.session.scalar(select(Editor)) is None

    response = head_client.post("/news/settings/editors/", data={"user_id": staff.id})
    assert response.status_code == 303
    editor = db.session.scalar(select(Editor))
    assert editor.user_id == staff.id
    assert may_publish(staff)
    html = text_of(head_client.get(SETTINGS))
    assert "از این پس می‌تواند خبر منتشر کند" in html
    assert "همهٔ کارشناسان واحد دبیر خبرند" in html  # no one left to add

    assert head_client.post(f"/news/settings/editors/{editor.id}/remove").status_code == 303
    assert db.session.scalar(select(Editor)) is None
    assert head_client.post(f"/news/settings/editors/{editor.id}/remove").status_code == 404
