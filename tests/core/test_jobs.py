"""Background jobs with the eager backend (the test suite's): results, progress on the job page,
failures and retries, cancelling, pick-up of jobs a dead process left running, permissions."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import db, utcnow
from core.jobs import Job, JobError, enqueue, job_handler
from core.models import AuditLog, Organization
from core.testing import persian_text

BROKEN = {"cause": None}


@job_handler("tests.count")
def count_handler(ctx, payload):
    total = payload["n"]
    for done in range(1, total + 1):
        ctx.progress(done, total, message=f"مورد {done}")
    db.session.add(Organization(name=payload.get("organization", "سازمان کار"), type="agency"))
    return {"counted": total, "url": "/directory/", "label": "دیدن فهرست"}


@job_handler("tests.flaky")
def flaky_handler(ctx, payload):
    ctx.progress(1, 2)
    db.session.add(Organization(name="نیمه‌کاره", type="agency"))
    if BROKEN["cause"] == "known":
        raise JobError("فایل منبع پیدا نشد.")
    if BROKEN["cause"] == "bug":
        raise ZeroDivisionError("division by zero")
    ctx.progress(2, 2)
    return {"ok": True}


@pytest.fixture
def broken():
    yield BROKEN
    BROKEN["cause"] = None


def _job(user=None, **fields):
    """A job row written directly (a backend never sees it), for states a test sets up."""
    values = {"kind": "tests.count", "title": "شمارش آزمایشی", "payload": {"n": 1}, "status": "queued",
              "created_by_id": user.id if user else None, **fields}
    job = Job(**values)
    db.session.add(job)
    db.session.commit()
    return job


def _htmx_get(client, url):
    return client.get(url, headers={"HX-Request": "true"})


def test_eager_backend_runs_the_job_and_stores_its_result(app, make_user):
    user = make_user("staff")
    job = enqueue("tests.count", {"n": 3}, title="شمارش سه مورد", user=user)
    assert job.status == "done"
    assert job.result == {"counted": 3, "url": "/directory/", "label": "دیدن فهرست"}
    assert (job.progress_done, job.progress_total, job.message) == (3, 3, "مورد 3")
    assert job.attempts == 1 and job.worker == "eager"
    assert job.started_at <= job.finished_at and job.created_by_id == user.id
    organization = db.session.scalar(select(Organization).where(Organization.name == "سازمان کار"))
    # The handler's changes are audited as the job's creator.
    entry = db.session.scalar(select(AuditLog).where(AuditLog.entity == "organizations",
                                                     AuditLog.entity_id == str(organization.id)))
    assert entry.user_id == user.id


def test_enqueue_refuses_unknown_kinds_and_payloads_that_are_not_json(app):
    with pytest.raises(LookupError):
        enqueue("tests.no_such_kind", {}, title="ناشناخته")
    with pytest.raises(TypeError):
        enqueue("tests.count", {"when": utcnow()}, title="بد")
    assert db.session.scalar(select(Job).where(Job.title.in_(["ناشناخته", "بد"]))) is None


def test_the_logged_in_user_owns_the_job_they_start(app, make_user):
    from flask_login import login_user

    user = make_user("staff")
    with app.test_request_context():
        login_user(user)
        job = enqueue("tests.count", {"n": 1}, title="کار من")
    assert job.created_by_id == user.id


def test_a_running_job_page_shows_progress_and_keeps_polling(app, make_user, login, client):
    user = make_user("staff")
    job = _job(user, status="running", progress_done=120, progress_total=500, message="ارسال به ۱۲۰ نفر",
               started_at=utcnow(), heartbeat_at=utcnow(), attempts=1, worker="elsewhere")
    login(user)
    page = client.get(f"/jobs/{job.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    text = persian_text(html)
    assert "شمارش آزمایشی" in text and "در حال اجرا" in text
    assert "۱۲۰ از ۵۰۰" in text and "۲۴٪" in text and "ارسال به ۱۲۰ نفر" in text
    assert '<progress class="job-bar" max="500" value="120"' in html
    assert 'hx-trigger="every 1s"' in html and f'hx-get="/jobs/{job.id}"' in html
    assert f'href="/jobs/{job.id}" class="job-refresh">به‌روزرسانی</a>' in html  # without JavaScript
    assert "<script>" not in html and "http-equiv" not in html

    fragment = _htmx_get(client, f"/jobs/{job.id}").get_data(as_text=True)
    assert "<html" not in fragment and 'id="flashes"' not in fragment
    assert fragment.lstrip().startswith("<section") and 'hx-trigger="every 1s"' in fragment


def test_a_finished_job_stops_polling_and_links_to_its_result(app, make_user, login, client):
    user = make_user("staff")
    login(user)
    job = enqueue("tests.count", {"n": 4}, title="شمارش", user=user)
    fragment = _htmx_get(client, f"/jobs/{job.id}").get_data(as_text=True)
    assert "hx-trigger" not in fragment and "job-refresh" not in fragment
    text = persian_text(fragment)
    assert "انجام‌شده" in text and "۱۰۰٪" in text and "۴ از ۴" in text
    assert '<a class="button primary" href="/directory/">دیدن فهرست</a>' in fragment


def test_a_failing_handler_shows_why_and_a_retry_succeeds_once_the_cause_is_fixed(
        app, make_user, login, client, broken):
    user = make_user("staff")
    broken["cause"] = "known"
    job = enqueue("tests.flaky", {}, title="کار شکننده", user=user)
    assert job.status == "failed" and job.error == "فایل منبع پیدا نشد."
    assert "JobError" in job.traceback
    # What the handler wrote after its last checkpoint was rolled back.
    assert db.session.scalar(select(Organization).where(Organization.name == "نیمه‌کاره")) is None
    assert job.progress_done == 1

    login(user)
    html = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    text = persian_text(html)
    assert "ناموفق" in text and "علت توقف: فایل منبع پیدا نشد." in text
    assert f'action="/jobs/{job.id}/retry"' in html and "اجرای دوباره" in text
    assert "hx-trigger" not in html
    assert "Traceback" not in html  # for administrators only

    broken["cause"] = None
    response = client.post(f"/jobs/{job.id}/retry")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/jobs/{job.id}")
    db.session.refresh(job)
    assert job.status == "done" and job.attempts == 2 and job.error is None and job.traceback is None
    assert job.result == {"ok": True}
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "کار دوباره در نوبت اجرا قرار گرفت." in persian_text(page)


def test_an_unexpected_error_gets_a_general_persian_message_and_the_admin_sees_the_traceback(
        app, make_user, login, client, broken):
    owner, admin = make_user("staff"), make_user("admin")
    broken["cause"] = "bug"
    job = enqueue("tests.flaky", {}, title="کار با خطا", user=owner)
    assert job.status == "failed"
    assert job.error.startswith("کار به علت خطایی پیش‌بینی‌نشده متوقف شد.")
    assert "ZeroDivisionError" in job.traceback

    login(admin)
    html = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "جزئیات فنی برای مدیر سامانه" in html and "ZeroDivisionError" in html


def test_retry_of_a_job_that_did_not_fail_changes_nothing(app, make_user, login, client):
    user = make_user("staff")
    job = enqueue("tests.count", {"n": 1}, title="تمام‌شده", user=user)
    login(user)
    response = client.post(f"/jobs/{job.id}/retry", follow_redirects=True)
    text = persian_text(response.get_data(as_text=True))
    assert "فقط کار ناموفق یا لغوشده را می‌توان دوباره اجرا کرد." in text
    db.session.refresh(job)
    assert job.status == "done" and job.attempts == 1


def test_a_queued_job_can_be_cancelled_and_run_again(app, make_user, login, client):
    user = make_user("staff")
    job = _job(user)
    login(user)
    html = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "در انتظار شروع" in persian_text(html) and f'action="/jobs/{job.id}/cancel"' in html

    client.post(f"/jobs/{job.id}/cancel")
    db.session.refresh(job)
    assert job.status == "cancelled"
    response = client.post(f"/jobs/{job.id}/cancel", follow_redirects=True)
    assert "دیگر نمی‌توان آن را لغو کرد" in persian_text(response.get_data(as_text=True))

    client.post(f"/jobs/{job.id}/retry")
    db.session.refresh(job)
    assert job.status == "done" and job.attempts == 1


def test_a_job_left_running_by_a_dead_process_is_picked_up_again(app):
    long_ago = utcnow() - timedelta(minutes=10)
    orphan = _job(status="running", attempts=1, worker="dead-host:1:1", started_at=long_ago,
                  heartbeat_at=long_ago, progress_done=1, progress_total=5, payload={"n": 5})
    alive = _job(status="running", attempts=1, worker="live-host:2:2", started_at=utcnow(),
                 heartbeat_at=utcnow())
    waiting = _job(payload={"n": 2})
    given_up = _job(status="running", attempts=3, worker="dead-host:1:1", started_at=long_ago,
                    heartbeat_at=long_ago)

    result = app.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    for job in (orphan, alive, waiting, given_up):
        db.session.refresh(job)
    assert orphan.status == "done" and orphan.attempts == 2 and orphan.worker != "dead-host:1:1"
    assert orphan.progress_done == 5 and orphan.result["counted"] == 5
    assert waiting.status == "done" and waiting.attempts == 1
    assert alive.status == "running" and alive.worker == "live-host:2:2"  # its heartbeat is fresh
    assert given_up.status == "failed" and "چند بار نیمه‌کاره ماند" in given_up.error


def test_a_job_whose_handler_is_gone_fails_with_a_persian_message(app):
    job = _job(kind="tests.removed_module")
    result = app.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    db.session.refresh(job)
    assert job.status == "failed" and job.error.startswith("این سرور این نوع کار را نمی‌شناسد")


def test_flask_jobs_list(app):
    job = _job(title="فهرست کارها", status="failed", progress_done=3, progress_total=9)
    result = app.test_cli_runner().invoke(args=["jobs", "list", "--status", "failed"])
    assert result.exit_code == 0
    assert f"{job.id}\tfailed\ttests.count\t3/9\t0\t" in result.output and "فهرست کارها" in result.output


def test_another_users_job_is_refused(app, make_user, login, client):
    owner, other = make_user("staff"), make_user("head")
    job = _job(owner, status="failed", error="خطا")
    login(other)
    assert client.get(f"/jobs/{job.id}").status_code == 403
    assert _htmx_get(client, f"/jobs/{job.id}").status_code == 403
    assert client.post(f"/jobs/{job.id}/retry").status_code == 403
    assert client.post(f"/jobs/{job.id}/cancel").status_code == 403
    assert client.get("/jobs/999999").status_code == 404
    db.session.refresh(job)
    assert job.status == "failed"


def test_the_list_shows_the_users_own_jobs_and_everyones_to_an_admin(app, make_user, login, client):
    owner, other, admin = make_user("staff"), make_user("staff"), make_user("admin")
    mine = _job(owner, title="کار خودم", status="running", progress_done=1, progress_total=4,
                heartbeat_at=utcnow())
    _job(other, title="کار دیگری", status="done")
    login(owner)
    html = client.get("/jobs/").get_data(as_text=True)
    text = persian_text(html)
    assert "کار خودم" in text and "کار دیگری" not in text and "۲۵٪" in text and "(۱ از ۴)" in text
    assert 'href="/jobs/"' not in html.split('class="mainnav"', 1)[1].split("</nav>", 1)[0]  # admin menu only
    filtered = _htmx_get(client, "/jobs/?status=done").get_data(as_text=True)
    assert "کار خودم" not in filtered and "<html" not in filtered

    admin_client = app.test_client()
    login(admin, test_client=admin_client)
    html = admin_client.get("/jobs/").get_data(as_text=True)
    text = persian_text(html)
    assert "کار خودم" in text and "کار دیگری" in text and "درخواست‌کننده" in text
    assert 'href="/jobs/">کارهای پس‌زمینه</a>' in html  # the admin menu entry
    assert admin_client.get(f"/jobs/{mine.id}").status_code == 200


def test_anonymous_users_are_sent_to_the_login_page(app, client):
    job = _job()
    response = client.get(f"/jobs/{job.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
