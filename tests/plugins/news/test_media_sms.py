"""SMS bulletins of the news department: the compose form with the core's length counter, the
preview of the recipients (invalid numbers with reasons, opted-out ones, parts), sending through
the outbox gateway (eager jobs in tests) as a batch of module "news", the list of past bulletins
with the period's figures (sent and reach), and who may send."""
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from core.db import db
from core.sms.models import SmsBatch, SmsGroup, SmsGroupMember, SmsMessage, SmsOptOut
from core.sms.service import refresh_statuses

from .conftest import text_of

HX = {"HX-Request": "true"}
TEXT = "نشست خبری استاندار یزد فردا ساعت ۱۰ در سالن شهید رجایی استانداری برگزار می‌شود."


@pytest.fixture
def reporters_group(make_outlet, make_person):
    irna = make_outlet()
    people = [make_person("مریم", "احمدی", position="خبرنگار", organization=irna, mobile="09121111111"),
              make_person("رضا", "زارع", position="عکاس خبری", organization=irna, mobile="09122222222"),
              make_person("حسن", "فلاح", position="خبرنگار", organization=irna, mobile="09123333333")]
    group = SmsGroup(name="خبرنگاران", members=[SmsGroupMember(person_id=p.id) for p in people])
    db.session.add_all([group, SmsOptOut(mobile="09123333333", reason="درخواست خبرنگار")])
    db.session.commit()
    return group


def batches():
    return db.session.scalar(select(func.count()).select_from(SmsBatch))


def confirm_fields(html):
    """The hidden fields of the preview's form, as the browser posts them."""
    fields = {"action": "confirm", "group_ids": []}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html):
        if name == "group_ids":
            fields[name].append(value)
        else:
            fields[name] = value
    for name, value in re.findall(r'<textarea name="(\w+)" hidden>(.*?)</textarea>', html, re.S):
        fields[name] = value
    return fields


def test_the_page_has_the_form_with_the_core_counter_and_the_groups(staff_client, reporters_group):
    html = staff_client.get("/news/media/sms").get_data(as_text=True)
    assert "/static/js/sms.js" in html and 'id="sms-counter"' in html and "data-sms-text" in html
    assert "<script>" not in html
    text = text_of(staff_client.get("/news/media/sms"))
    assert "خبرنگاران (۳ عضو)" in text and "پیش‌نمایش گیرندگان" in text


def test_preview_shows_recipients_invalid_numbers_and_opted_out_then_sends_through_the_outbox(
        staff_client, reporters_group):
    response = staff_client.post("/news/media/sms/send", data={
        "action": "preview", "title": "دعوت نشست خبری", "text": TEXT, "group_ids": [reporters_group.id],
        "numbers": "۰۹۱۳۵۵۵۶۶۶۶\n0912345"}, headers=HX)
    html = response.get_data(as_text=True)
    text = text_of(response)
    assert response.status_code == 200
    assert "این خبرنامه برای ۳ گیرنده فرستاده می‌شود" in text  # two reporters and the typed number
    assert "۰۹۱۲۳۴۵" in text and "در فهرست انصراف" in text and "حسن فلاح" in text
    assert batches() == 0  # nothing sent by the preview

    response = staff_client.post("/news/media/sms/send", data=confirm_fields(html))
    batch = db.session.scalar(select(SmsBatch))
    assert response.status_code == 303
    assert response.headers["Location"] == f"/sms/batches/{batch.id}"
    assert (batch.module, batch.title, batch.status, batch.invalid_count) == ("news", "دعوت نشست خبری", "done", 1)
    statuses = dict(db.session.execute(select(SmsMessage.mobile, SmsMessage.status)).all())
    assert statuses == {"09121111111": "sent", "09122222222": "sent", "09135556666": "sent",
                        "09123333333": "skipped"}
    again = staff_client.post("/news/media/sms/send", data=confirm_fields(html))  # a second click
    assert again.headers["Location"] == f"/sms/batches/{batch.id}" and batches() == 1


def test_the_list_shows_the_bulletins_and_the_summary_counts_sent_and_reach(staff_client, reporters_group):
    staff_client.post("/news/media/sms/send", data={
        "action": "confirm", "text": TEXT, "group_ids": [reporters_group.id], "token": "a"})
    staff_client.post("/news/media/sms/send", data={
        "action": "confirm", "text": "یادآوری: " + TEXT, "numbers": "09121111111", "token": "b"})
    other = SmsBatch(text="پیامک صفحه پیامک هسته", parts=1, encoding="ucs2", backend="outbox", module=None)
    db.session.add(other)
    db.session.commit()
    for batch in db.session.scalars(select(SmsBatch).where(SmsBatch.module == "news")):
        refresh_statuses(batch.id)  # the outbox reports every message delivered
    response = staff_client.get("/news/media/sms")
    text = text_of(response)
    summary = text.split("خبرنامه‌های فرستاده‌شده", 1)[1]  # after the heading
    # 2 bulletins, 3 messages delivered, reaching 2 distinct numbers; the core's own batch left out
    assert "۲ خبرنامه‌های فرستاده‌شده ۳ پیامک‌ها ۳ رسیده ۲ دسترسی" in summary
    assert "یادآوری" in text and "پیامک صفحه پیامک هسته" not in text
    assert "خبرنامه پیامکی" in text  # the default title


def test_the_period_filters_the_bulletins_and_the_summary(staff_client, reporters_group):
    db.session.add(SmsBatch(title="بولتن پارسال", text=TEXT, parts=2, encoding="ucs2", backend="outbox", module="news",
                            created_at=datetime(2023, 5, 1, 8, tzinfo=UTC)))
    db.session.commit()
    assert "بولتن پارسال" not in text_of(staff_client.get("/news/media/sms"))  # this year by default
    response = staff_client.get("/news/media/sms?start=۱۴۰۲/۰۱/۰۱&end=۱۴۰۲/۱۲/۲۹", headers=HX)
    text = text_of(response)
    assert "بولتن پارسال" in text and "۱ خبرنامه‌های فرستاده‌شده" in text
    bad = staff_client.get("/news/media/sms?start=۱۴۰۲/۱۲/۳۰")
    assert bad.status_code == 200 and "۱۴۰۲" in text_of(bad)


@pytest.mark.parametrize("fields, message", [
    ({"text": ""}, "متن پیامک را بنویسید."),
    ({"text": "خبر " * 200}, "پیامک بیش از اندازه بلند است"),
    ({"group_ids": [], "numbers": ""}, "یک گروه انتخاب کنید یا دست‌کم یک شماره همراه بنویسید."),
])
def test_bad_input_is_refused_in_persian_and_kept(staff_client, reporters_group, fields, message):
    data = {"action": "preview", "title": "دعوت", "text": TEXT, "group_ids": [reporters_group.id], **fields}
    response = staff_client.post("/news/media/sms/send", data=data, headers=HX)
    assert response.status_code == 422
    assert message in text_of(response)
    assert 'value="دعوت"' in response.get_data(as_text=True)  # what was typed is kept
    assert batches() == 0


def test_no_valid_recipient_gives_a_persian_message_and_sends_nothing(staff_client):
    response = staff_client.post("/news/media/sms/send", data={"action": "preview", "text": TEXT,
                                                               "numbers": "0912345"}, headers=HX)
    assert response.status_code == 422
    assert "کسی برای فرستادن نمانده است" in text_of(response)
    response = staff_client.post("/news/media/sms/send", data={"action": "confirm", "text": TEXT,
                                                               "numbers": "0912345", "token": "x"}, headers=HX)
    assert response.status_code == 422 and batches() == 0


def test_a_viewer_sees_the_bulletins_but_cannot_send(login, department, viewer, reporters_group):
    client = login(viewer)
    html = client.get("/news/media/sms").get_data(as_text=True)
    assert "/news/media/sms/send" not in html and "sms.js" not in html
    response = client.post("/news/media/sms/send", data={"action": "confirm", "text": TEXT,
                                                         "group_ids": [reporters_group.id], "token": "v"})
    assert response.status_code == 403 and batches() == 0
