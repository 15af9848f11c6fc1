"""SMS end to end on the outbox gateway: the send form and its preview, the confirmation that starts
the job, per-recipient statuses, delivery reports and reach; bad input; the outbox and batch pages;
the plugin API and the figures of a period."""
import re
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from core.db import db
from core.jobs import Job
from core.models import AuditLog, Organization, Person
from core.sms import SmsError, batches_and_reach, send_sms, sms_summary
from core.sms.models import SmsBatch, SmsMessage, SmsOptOut
from core.sms.service import send_batch
from core.testing import persian_text


@pytest.fixture
def staff_client(make_user, make_department, login):
    return login(make_user("staff", departments=[make_department()]))


@pytest.fixture
def people(app):
    press = Organization(name="خبرگزاری ایرنا", type="press")
    people = [Person(first_name="مریم", last_name="احمدی", mobile="09121111111", position="خبرنگار",
                     organization=press),
              Person(first_name="رضا", last_name="زارع", mobile="09122222222", position="خبرنگار"),
              Person(first_name="حسن", last_name="فلاح", position="خبرنگار")]
    db.session.add_all(people)
    db.session.commit()
    return people


def _batches():
    return db.session.scalar(select(func.count()).select_from(SmsBatch))


def _preview(client, **fields):
    data = {"action": "preview", "text": "جلسه خبری فردا ساعت ۱۰ در سالن استانداری", "numbers": ""}
    data.update(fields)
    return client.post("/sms/send", data=data)


def _confirm_fields(html):
    """The hidden fields of the preview's confirmation form, as the browser would post them."""
    fields = {"action": "confirm"}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html):
        fields.setdefault(name, [])
        if isinstance(fields[name], list):
            fields[name].append(value)
    for name, value in re.findall(r'<textarea name="(\w+)" hidden>(.*?)</textarea>', html, re.S):
        fields[name] = value
    return fields


def test_send_page_has_the_counter_and_its_script(staff_client, people):
    response = staff_client.get("/sms/send")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'<head>.*/static/js/sms\.js.*</head>', html, re.S)
    assert 'data-gsm-basic="' in html and 'data-max-parts="10"' in html
    assert "هنوز چیزی نوشته نشده است." in html
    assert "<script>" not in html
    assert f'<option value="{people[0].organization_id}">خبرگزاری ایرنا</option>' in html


def test_other_pages_do_not_load_the_counter(staff_client):
    assert "sms.js" not in staff_client.get("/sms/").get_data(as_text=True)


def test_preview_reports_invalid_opted_out_and_repeated_numbers_and_sends_nothing(staff_client, people):
    db.session.add(SmsOptOut(mobile="09133333333"))
    db.session.commit()
    response = _preview(staff_client, person_ids=[str(p.id) for p in people],
                        numbers="۰۹۱۲۱۱۱۱۱۱۱\n0912345\n+989133333333\n09134444444")
    text = persian_text(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "این پیامک به ۳ گیرنده فرستاده خواهد شد." in text
    assert "نامعتبر، فرستاده نمی‌شود (۲)" in text
    assert "۰۹۱۲۳۴۵" in text and "حسن فلاح" in text and "در فهرست اشخاص شمارهٔ همراهی ندارد." in text
    assert "در فهرست انصراف، کنارگذاشته (۱)" in text and "۰۹۱۳۳۳۳۳۳۳۳" in text
    assert "۱ شماره بیش از یک بار برگزیده شده بود" in text
    assert "بخش (۴۰ نویسه)" in text
    assert _batches() == 0


def test_confirmation_sends_through_the_outbox_job_then_reports_delivery_and_reach(staff_client, people):
    preview = _preview(staff_client, person_ids=[str(p.id) for p in people[:2]], numbers="09134444444\n09134444444")
    response = staff_client.post("/sms/send", data=_confirm_fields(preview.get_data(as_text=True)))
    assert response.status_code == 303
    batch = db.session.scalars(select(SmsBatch)).one()
    assert response.headers["Location"].endswith(f"/sms/batches/{batch.id}")
    assert (batch.status, batch.backend, batch.parts, batch.encoding) == ("done", "outbox", 1, "ucs2")
    assert batch.text == "جلسه خبری فردا ساعت ۱۰ در سالن استانداری"
    job = db.session.get(Job, batch.job_id)
    assert (job.kind, job.status, job.progress_done, job.progress_total) == ("sms.send", "done", 3, 3)
    messages = db.session.scalars(select(SmsMessage).order_by(SmsMessage.id)).all()
    assert [(m.mobile, m.status) for m in messages] == [
        ("09121111111", "sent"), ("09122222222", "sent"), ("09134444444", "sent")]
    assert messages[0].name == "مریم احمدی" and messages[0].provider_id == f"outbox-{messages[0].id}"
    page = persian_text(staff_client.get(f"/sms/batches/{batch.id}").get_data(as_text=True))
    assert "مریم احمدی" in page and "فرستاده‌شده" in page and "۳ از ۳ تحویل سامانهٔ پیامک شد" in page
    assert sms_summary().reach == 0

    response = staff_client.post(f"/sms/batches/{batch.id}/refresh")
    assert response.status_code == 303
    assert {m.status for m in db.session.scalars(select(SmsMessage))} == {"delivered"}
    summary = sms_summary()
    assert (summary.batches, summary.recipients, summary.delivered, summary.reach) == (1, 3, 3, 3)
    outbox = persian_text(staff_client.get("/sms/").get_data(as_text=True))
    assert "رسیده: ۳" in outbox and "جلسه خبری فردا" in outbox


def test_a_second_click_on_send_sends_nothing_more(staff_client, people):
    preview = _preview(staff_client, numbers="09134444444")
    fields = _confirm_fields(preview.get_data(as_text=True))
    first = staff_client.post("/sms/send", data=fields)
    second = staff_client.post("/sms/send", data=fields)
    assert second.headers["Location"] == first.headers["Location"]
    assert _batches() == 1


def test_recipients_changed_since_the_preview_are_shown_again(staff_client, people):
    preview = _preview(staff_client, person_ids=[str(people[0].id), str(people[1].id)])
    people[1].mobile = None
    db.session.commit()
    response = staff_client.post("/sms/send", data=_confirm_fields(preview.get_data(as_text=True)))
    assert response.status_code == 200
    assert "گیرندگان پس از پیش‌نمایش تغییر کرده‌اند" in persian_text(response.get_data(as_text=True))
    assert _batches() == 0


@pytest.mark.parametrize("fields, message", [
    ({"text": "   "}, "متن پیامک را بنویسید."),
    ({"text": "س" * 671}, "پیامک بیش از اندازه بلند است: ۱۱ بخش؛ حداکثر ۱۰ بخش (۶۷۰ نویسه در این الفبا) فرستادنی است."),
    ({"numbers": ""}, "گیرندگان پیامک را برگزینید"),
])
def test_bad_input_gets_a_persian_message_keeps_what_was_typed_and_sends_nothing(staff_client, fields, message):
    data = {"numbers": "09121234567\n0912"} if fields.get("numbers") is None else {}
    response = _preview(staff_client, **{**data, **fields})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in persian_text(html)
    if "numbers" not in fields:
        assert "09121234567\n0912</textarea>" in html
    assert _batches() == 0


def test_only_invalid_numbers_leave_no_one_and_no_send_button(staff_client):
    response = _preview(staff_client, numbers="12345\n021-5555")
    text = persian_text(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "کسی برای فرستادن نمانده است" in text and "۱۲۳۴۵" in text
    assert 'value="confirm"' not in response.get_data(as_text=True)
    assert _batches() == 0


def test_going_back_from_the_preview_keeps_everything(staff_client, people):
    preview = _preview(staff_client, person_ids=[str(people[0].id)], numbers="09134444444", position="خبرنگار")
    fields = {**_confirm_fields(preview.get_data(as_text=True)), "action": "edit"}
    html = staff_client.post("/sms/send", data=fields).get_data(as_text=True)
    assert "جلسه خبری فردا ساعت ۱۰ در سالن استانداری</textarea>" in html
    assert "09134444444</textarea>" in html
    assert f'name="person_ids" value="{people[0].id}" checked' in html
    assert 'value="خبرنگار"' in html


def test_people_search_swaps_only_the_picker_with_htmx(staff_client, people):
    response = staff_client.post("/sms/send", data={"action": "search", "person_query": "زارع", "text": "x"},
                                 headers={"HX-Request": "true", "HX-Target": "picker"})
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="picker"')
    assert f'name="person_ids" value="{people[1].id}"' in html
    assert "مریم" not in html


def test_people_search_without_javascript_renders_the_whole_form(staff_client, people):
    response = staff_client.post("/sms/send", data={"action": "search", "person_query": "خبرنگار",
                                                     "text": "متن نگه داشته", "person_ids": [str(people[0].id)]})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "متن نگه داشته</textarea>" in html
    assert f'name="person_ids" value="{people[0].id}" checked' in html
    assert f'name="person_ids" value="{people[1].id}">' in html


def test_outbox_filters_and_a_bad_date(staff_client):
    send_sms("اطلاعیه", numbers=["09121234567"])
    html = staff_client.get("/sms/", query_string={"status": "stopped"}).get_data(as_text=True)
    assert "هیچ پیامکی با این پالایه‌ها جور نیست." in persian_text(html)
    html = staff_client.get("/sms/", query_string={"from": "۱۴۰۲/۱۲/۳۰"}).get_data(as_text=True)
    assert "تاریخ ۱۴۰۲/۱۲/۳۰ معتبر نیست و نادیده گرفته شد." in persian_text(html)
    assert "اطلاعیه" in html


def test_the_unfiltered_outbox_sums_this_year_and_a_filtered_one_its_rows(staff_client):
    old = SmsBatch(text="پیام قدیمی", parts=1, encoding="ucs2", backend="outbox", status="done",
                   created_at=datetime(2020, 5, 1, 8, tzinfo=UTC))
    db.session.add_all([old, SmsMessage(batch=old, mobile="09121234567", status="delivered")])
    db.session.commit()
    send_sms("اطلاعیه امسال", numbers=["09131234567", "09131234568"])
    this_year = persian_text(staff_client.get("/sms/").get_data(as_text=True))
    assert "آمار از ۱ فروردین" in this_year and "پیام قدیمی" in this_year  # listed, not summed
    assert '<span class="tile-value">۲</span><span class="tile-title">گیرندگان' in staff_client.get("/sms/").get_data(as_text=True)
    since_1398 = staff_client.get("/sms/", query_string={"from": "1398/01/01"}).get_data(as_text=True)
    assert '<span class="tile-value">۳</span><span class="tile-title">گیرندگان' in since_1398


def test_plugin_api_sends_and_counts_per_module(app, people):
    batch = send_sms("بولتن خبری امروز", numbers=["09134444444", "۰۹۱۲۱۱۱۱۱۱۱", "bad"],
                     person_ids=[people[1].id], module="news", title="بولتن")
    assert (batch.status, batch.module, batch.invalid_count) == ("done", "news", 1)
    send_sms("پیام دیگر", numbers=["09134444444"])
    assert sms_summary(module="news").recipients == 3
    assert sms_summary().recipients == 4
    with pytest.raises(SmsError, match="متن پیامک را بنویسید."):
        send_sms("  ", numbers=["09121234567"])
    with pytest.raises(SmsError, match="هیچ‌یک از گیرندگان"):
        send_sms("متن", numbers=["123"])


def test_reach_of_a_period_counts_distinct_delivered_numbers(app):
    def batch_on(day, mobiles, status="delivered"):
        batch = SmsBatch(text="متن", parts=1, encoding="ucs2", backend="outbox", status="done",
                         created_at=datetime(*day, 8, tzinfo=UTC))
        batch_messages = [SmsMessage(mobile=m, status=status) for m in mobiles]
        db.session.add(batch)
        db.session.flush()
        for message in batch_messages:
            message.batch_id = batch.id
        db.session.add_all(batch_messages)

    batch_on((2024, 4, 1), ["09121111111", "09122222222"])
    batch_on((2024, 4, 20), ["09121111111", "09123333333"])
    batch_on((2024, 4, 21), ["09124444444"], status="failed")
    batch_on((2024, 6, 1), ["09125555555"])
    db.session.commit()
    summary = sms_summary(date(2024, 3, 20), date(2024, 4, 30))
    assert (summary.batches, summary.recipients, summary.delivered, summary.failed, summary.reach) == (3, 5, 4, 1, 3)
    assert sms_summary(date(2024, 5, 1), date(2024, 6, 30)).reach == 1
    # The report's cheaper pair agrees, a batch without a delivered message counted too.
    assert batches_and_reach(date(2024, 3, 20), date(2024, 4, 30)) == (3, 3)
    assert batches_and_reach(date(2024, 4, 21), date(2024, 4, 21)) == (1, 0)
    assert batches_and_reach(date(2024, 7, 1), date(2024, 7, 30)) == (0, 0)
    assert batches_and_reach(module="news") == (0, 0)


def test_batches_are_audited_but_not_each_recipient(app):
    send_sms("متن", numbers=["09121234567", "09131234567"])
    tables = set(db.session.scalars(select(AuditLog.entity)))
    assert "sms_batches" in tables and "sms_messages" not in tables


def test_refresh_status_command(app):
    send_sms("متن", numbers=["09121234567"])
    result = CliRunner().invoke(app.cli, ["sms", "refresh-status"], obj=None)
    assert result.exit_code == 0, result.output
    assert "1 messages changed status" in result.output
    assert db.session.scalar(select(SmsMessage.status)) == "delivered"


@pytest.fixture
def worker_later(app, monkeypatch):
    """Jobs wait for a worker instead of running at once (the production backends)."""
    monkeypatch.setitem(app.extensions, "ravabet_jobs", type("Later", (), {"submit": lambda self, job: None})())


def test_the_batch_page_follows_a_send_run_by_a_worker(staff_client, worker_later):
    batch = send_sms("متن", numbers=["09121234567", "09131234567"])
    html = staff_client.get(f"/sms/batches/{batch.id}").get_data(as_text=True)
    assert 'hx-trigger="every 2s"' in html and "در انتظار فرستادن" in persian_text(html)
    poll = staff_client.get(f"/sms/batches/{batch.id}", headers={"HX-Request": "true", "HX-Target": "batch-progress"})
    assert poll.get_data(as_text=True).lstrip().startswith('<section class="card sms-progress"')
    assert "HX-Refresh" not in poll.headers
    send_batch(batch.id)
    poll = staff_client.get(f"/sms/batches/{batch.id}", headers={"HX-Request": "true", "HX-Target": "batch-progress"})
    assert poll.headers["HX-Refresh"] == "true"
    assert 'hx-trigger="every 2s"' not in poll.get_data(as_text=True)


def test_reading_reports_by_a_worker_leads_to_the_job_page(staff_client, request):
    batch = send_sms("متن", numbers=["09121234567"])
    request.getfixturevalue("worker_later")
    response = staff_client.post(f"/sms/batches/{batch.id}/refresh")
    job = db.session.scalars(select(Job).where(Job.kind == "sms.refresh")).one()
    assert response.headers["Location"].endswith(f"/jobs/{job.id}")
