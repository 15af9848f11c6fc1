"""The Kavenegar gateway against a local fake of its REST API (tests/fakes/kavenegar.py): what is
posted, the per-recipient entries and message ids stored, delivery reports, and every failure
(wrong key, no credit, a refused number, a server error, no answer) leaving the unsent recipients
queued with a Persian reason, to be sent again."""
import pytest
from sqlalchemy import select

from core.db import db
from core.jobs import Job
from core.sms import send_sms, sms_summary
from core.sms.backends import get_backend
from core.sms.backends.kavenegar import KavenegarBackend
from core.sms.jobs import start_sending
from core.sms.models import SmsBatch, SmsMessage
from core.sms.service import refresh_statuses
from core.testing import persian_text
from tests.fakes.kavenegar import FakeKavenegar

NUMBERS = ["09121111111", "09122222222", "09123333333"]


@pytest.fixture
def fake(app, monkeypatch):
    with FakeKavenegar() as server:
        for key, value in {"SMS_BACKEND": "kavenegar", "KAVENEGAR_API_KEY": server.api_key,
                           "KAVENEGAR_BASE_URL": server.url, "KAVENEGAR_SENDER": "10004346",
                           "KAVENEGAR_TIMEOUT": 0.5}.items():
            monkeypatch.setitem(app.config, key, value)
        yield server


def _messages():
    return db.session.scalars(select(SmsMessage).order_by(SmsMessage.id)).all()


def test_the_configuration_picks_the_gateway(app, fake):
    backend = get_backend()
    assert isinstance(backend, KavenegarBackend)
    assert (backend.sender, backend.base_url, backend.max_parts) == ("10004346", fake.url, 4)


def test_send_posts_the_documented_fields_and_stores_each_entry(fake):
    batch = send_sms("نشست خبری استاندار، شنبه ساعت ۱۰", numbers=NUMBERS)
    method, params = fake.requests[0]
    assert method == "send"
    assert params == {"receptor": ",".join(NUMBERS), "message": "نشست خبری استاندار، شنبه ساعت ۱۰",
                      "sender": "10004346"}
    assert batch.status == "done" and batch.backend == "kavenegar"
    messages = _messages()
    ids = {m["receptor"]: str(i) for i, m in fake.messages.items()}
    assert [(m.mobile, m.status, m.provider_id, m.provider_status, m.cost) for m in messages] == [
        (n, "sent", ids[n], 1, 1190) for n in NUMBERS]


def test_recipients_are_sent_in_chunks(fake, monkeypatch):
    monkeypatch.setattr(KavenegarBackend, "send_chunk", 2)
    send_sms("متن", numbers=NUMBERS)
    assert [params["receptor"] for _method, params in fake.requests] == [
        "09121111111,09122222222", "09123333333"]
    job = db.session.scalars(select(Job)).one()
    assert (job.progress_done, job.progress_total) == (3, 3)


def test_delivery_reports_become_delivered_or_failed_with_a_reason(fake):
    batch = send_sms("متن", numbers=NUMBERS)
    fake.report("09121111111", 10)
    fake.report("09122222222", 11)
    # the third is still with the operator (status 4): it stays "sent"
    assert refresh_statuses(batch.id) == 2
    method, params = fake.requests[-1]
    assert method == "status" and len(params["messageid"].split(",")) == 3
    statuses = {m.mobile: (m.status, m.provider_status, m.error) for m in _messages()}
    assert statuses["09121111111"] == ("delivered", 10, "")
    assert statuses["09122222222"] == ("failed", 11, "نرسید: شاید گوشی خاموش یا خارج از دسترس باشد.")
    assert statuses["09123333333"][0] == "sent"
    assert sms_summary().reach == 1


def test_the_refresh_button_reads_reports_through_a_job(fake, make_user, login):
    client = login(make_user("head"))
    batch = send_sms("متن", numbers=NUMBERS[:1])
    fake.report(NUMBERS[0], 10)
    response = client.post(f"/sms/batches/{batch.id}/refresh", follow_redirects=True)
    assert "وضعیت ۱ گیرنده تغییر کرد" in persian_text(response.get_data(as_text=True))
    assert _messages()[0].status == "delivered"


@pytest.mark.parametrize("failure, reason", [
    (("status", 403), "سامانهٔ پیامک کلید API را نمی‌پذیرد. مقدار KAVENEGAR_API_KEY را بررسی کنید."),
    (("status", 418), "اعتبار حساب سامانهٔ پیامک تمام شده است. حساب را شارژ کنید، سپس دوباره بفرستید."),
    (("http", 502), "سامانهٔ پیامک با خطا پاسخ داد (HTTP ۵۰۲). کمی بعد دوباره بکوشید."),
    (("timeout", 1), "سامانهٔ پیامک به‌موقع پاسخ نداد. گیرندگانی که پیامک نگرفته‌اند در انتظارند؛ "
                     "شاید گیرندگان آخرین درخواست پیامک را گرفته باشند."),
])
def test_a_gateway_failure_stops_the_batch_keeps_recipients_queued_and_can_be_sent_again(
        fake, make_user, login, failure, reason):
    client = login(make_user("staff"))
    fake.fail_next(*failure)
    batch = send_sms("متن", numbers=NUMBERS)
    db.session.refresh(batch)
    assert (batch.status, batch.error) == ("stopped", reason)
    assert {(m.status, m.error) for m in _messages()} == {("queued", reason)}
    job = db.session.get(Job, batch.job_id)
    assert (job.status, job.error) == ("failed", reason)
    page = persian_text(client.get(f"/sms/batches/{batch.id}").get_data(as_text=True))
    assert reason in page and "گیرندگانی که هنوز پیامک نگرفته‌اند در انتظارند" in page

    response = client.post(f"/sms/batches/{batch.id}/resend")
    assert response.status_code == 303
    db.session.refresh(batch)
    assert (batch.status, batch.error, batch.job_id) == ("done", "", job.id)
    assert {m.status for m in _messages()} == {"sent"}
    assert sorted(fake.sent_to()) == NUMBERS
    assert db.session.get(Job, job.id).status == "done"


def test_a_wrong_api_key_is_reported_by_the_real_check(fake, monkeypatch, app):
    monkeypatch.setitem(app.config, "KAVENEGAR_API_KEY", "wrong-key")
    batch = send_sms("متن", numbers=NUMBERS[:1])
    assert "KAVENEGAR_API_KEY" in db.session.get(SmsBatch, batch.id).error
    assert fake.messages == {}


def test_running_out_of_credit_midway_keeps_what_was_sent(fake, monkeypatch):
    monkeypatch.setattr(KavenegarBackend, "send_chunk", 1)
    fake.credit = 1190 * 2
    batch = send_sms("متن", numbers=NUMBERS)
    assert db.session.get(SmsBatch, batch.id).status == "stopped"
    assert [m.status for m in _messages()] == ["sent", "sent", "queued"]
    fake.credit = None
    start_sending(db.session.get(SmsBatch, batch.id))
    assert [m.status for m in _messages()] == ["sent", "sent", "sent"]
    assert sorted(fake.sent_to()) == NUMBERS


def test_a_refused_number_fails_alone_and_the_others_are_sent(fake):
    fake.refused.add("09122222222")
    batch = send_sms("متن", numbers=NUMBERS)
    assert db.session.get(SmsBatch, batch.id).status == "done"
    statuses = {m.mobile: (m.status, m.error) for m in _messages()}
    assert statuses["09122222222"] == ("failed", "سامانهٔ پیامک شمارهٔ گیرنده را نمی‌پذیرد.")
    assert statuses["09121111111"][0] == statuses["09123333333"][0] == "sent"


def test_a_failure_of_the_status_request_is_reported(fake, make_user, login):
    client = login(make_user("staff"))
    batch = send_sms("متن", numbers=NUMBERS[:1])
    fake.fail_next("status", 418)
    response = client.post(f"/sms/batches/{batch.id}/refresh", follow_redirects=True)
    assert "اعتبار حساب سامانهٔ پیامک تمام شده است" in persian_text(response.get_data(as_text=True))
    assert _messages()[0].status == "sent"


def test_an_unreachable_gateway_sends_nothing(fake, monkeypatch, app):
    monkeypatch.setitem(app.config, "KAVENEGAR_BASE_URL", "http://127.0.0.1:9/v1")  # the discard port: refused
    batch = send_sms("متن", numbers=NUMBERS[:1])
    assert db.session.get(SmsBatch, batch.id).error == (
        "سامانهٔ پیامک در دسترس نبود و چیزی فرستاده نشد. کمی بعد دوباره بفرستید.")
    assert _messages()[0].status == "queued"


def test_an_empty_api_key_is_a_persian_error_without_a_request(fake, monkeypatch, app):
    monkeypatch.setitem(app.config, "KAVENEGAR_API_KEY", "")
    batch = send_sms("متن", numbers=NUMBERS[:1])
    assert db.session.get(SmsBatch, batch.id).error == "سامانهٔ پیامک پیکربندی نشده است: KAVENEGAR_API_KEY خالی است."
    assert fake.requests == []


def test_the_cost_estimate_uses_the_gateways_reported_costs(fake, make_user, login):
    client = login(make_user("staff"))
    send_sms("متن", numbers=NUMBERS[:1])
    response = client.post("/sms/send", data={"action": "preview", "text": "س" * 100, "numbers": "\n".join(NUMBERS)})
    assert "۷٬۱۴۰" in persian_text(response.get_data(as_text=True))  # 3 recipients × 2 parts × 1,190 rials


def test_the_gateways_limit_of_four_parts_applies(fake, make_user, login):
    client = login(make_user("staff"))
    response = client.post("/sms/send", data={"action": "preview", "text": "س" * 269, "numbers": NUMBERS[0]})
    assert response.status_code == 422
    assert "حداکثر ۴ بخش (۲۶۸ نویسه در این الفبا)" in persian_text(response.get_data(as_text=True))
