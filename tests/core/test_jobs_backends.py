"""The thread and redis backends for real: jobs committed to the test database and run by another
thread or by ``flask jobs worker``. These tests commit (no per-test rollback) and delete the rows
they made; the redis tests use Redis database 15 with a queue key of their own."""
import threading
import time
import uuid
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, func, select

from core.auth.passwords import hash_password
from core.db import db
from core.jobs import Job, JobError, enqueue, job_handler
from core.jobs.backends import worker_for
from core.models import AuditLog, LoginAttempt, User
from core.testing import DEFAULT_PASSWORD

pytestmark = pytest.mark.committing

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"
GATE = threading.Event()


@job_handler("tests.gated")
def gated_handler(ctx, payload):
    ctx.progress(1, 3, message="مرحله نخست")
    if not GATE.wait(30):
        raise JobError("دروازه باز نشد.")
    ctx.progress(2, 3)
    return {"url": "/jobs/"}


READ = threading.Event()


@job_handler("tests.reads_then_writes")
def reads_then_writes_handler(ctx, payload):
    ctx.progress(1, 2)
    assert ctx.job.title  # a read: the handler's next transaction has begun
    READ.set()
    GATE.wait(30)
    ctx.progress(2, 2)  # a write after another connection's commit


@job_handler("tests.add")
def add_handler(ctx, payload):
    return {"sum": payload["a"] + payload["b"]}


def _wait_for(predicate, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"still not true after {timeout} s")


@pytest.fixture
def committed(app):
    """Delete, after the test, every job, user, audit entry and login attempt it committed."""
    models = (Job, AuditLog, LoginAttempt, User)  # in this order: audit rows and jobs refer to users
    with app.app_context():
        marks = {model: db.session.scalar(select(func.max(model.id))) or 0 for model in models}
    yield
    with app.app_context():
        for model in models:
            db.session.execute(delete(model).where(model.id > marks[model]))
        db.session.commit()


def _job(application, job_id):
    with application.app_context():
        return db.session.get(Job, job_id)


def test_the_thread_backend_runs_a_job_in_the_background_and_its_page_follows(app, make_app, committed):
    threaded = make_app(JOBS_BACKEND="thread", JOBS_POLL_SECONDS=1, JOBS_HEARTBEAT_SECONDS=0.2)
    backend = threaded.extensions["ravabet_jobs"]
    GATE.clear()
    try:
        with threaded.app_context():
            user = User(username="jobs-thread", full_name="کاربر کارها", role="staff",
                        password_hash=hash_password(DEFAULT_PASSWORD))
            db.session.add(user)
            db.session.commit()
        client = threaded.test_client()
        # The process's first request starts its job thread.
        login = client.post("/login", data={"username": "jobs-thread", "password": DEFAULT_PASSWORD})
        assert login.status_code == 303
        assert "ravabet-jobs" in [thread.name for thread in threading.enumerate()]
        with threaded.app_context():
            owner = SimpleNamespace(id=db.session.scalar(select(User.id).where(User.username == "jobs-thread")))
        # Enqueued in a transaction of its own: one that read first could not write once the job
        # thread's poll had committed meanwhile (SQLite: "database is locked").
        with threaded.app_context():
            job_id = enqueue("tests.gated", {}, title="کار در پس‌زمینه", user=owner).id

        def fragment():
            return client.get(f"/jobs/{job_id}", headers={"HX-Request": "true"}).get_data(as_text=True)

        running = _wait_for(lambda: (html := fragment()) and "۱ از ۳" in html and html)
        assert "در حال اجرا" in running and "مرحله نخست" in running and 'hx-trigger="every 1s"' in running
        # The handler waits without reporting: the heartbeat thread keeps the job alive.
        last_report = _job(threaded, job_id).heartbeat_at
        _wait_for(lambda: _job(threaded, job_id).heartbeat_at > last_report)

        GATE.set()
        done = _wait_for(lambda: (html := fragment()) and "انجام‌شده" in html and html)
        assert "hx-trigger" not in done and "۳ از ۳" in done and 'href="/jobs/">دیدن نتیجه</a>' in done
        job = _job(threaded, job_id)
        assert job.status == "done" and job.attempts == 1 and job.worker.split(":")[1].isdigit()
    finally:
        GATE.set()
        backend.stop()


def test_a_job_that_read_can_still_write_after_a_request_committed(app, make_app, committed):
    """On SQLite a transaction that read and then writes after another connection's commit fails
    ("database is locked"), unless it took the write lock as it began: the other writer waits."""
    threaded = make_app(JOBS_BACKEND="thread", JOBS_POLL_SECONDS=1)
    backend = threaded.extensions["ravabet_jobs"]
    GATE.clear()
    READ.clear()
    wrote = threading.Event()

    def other_writer():
        with threaded.app_context():
            db.session.add(LoginAttempt(username="jobs-writer", address="127.0.0.1", success=True))
            db.session.commit()
        wrote.set()

    try:
        backend.start()
        with threaded.app_context():
            job_id = enqueue("tests.reads_then_writes", {}, title="خواندن و نوشتن").id
        assert READ.wait(20)
        writer = threading.Thread(target=other_writer)
        writer.start()
        wrote.wait(1)  # on PostgreSQL it commits at once; on SQLite it waits for the job's commit
        GATE.set()
        _wait_for(lambda: _job(threaded, job_id).status != "running")
        writer.join(10)
        assert wrote.is_set()
        job = _job(threaded, job_id)
        assert (job.status, job.error, job.progress_done) == ("done", None, 2)
    finally:
        GATE.set()
        backend.stop()


@pytest.fixture
def redis_queue():
    """A Redis client on the test database and a queue key of this test's own, or a skip."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis at 127.0.0.1:6379 is unreachable ({exc}); the redis backend tests need a "
                    "running server")
    queue = f"ravabet-test:jobs:{uuid.uuid4().hex}"
    yield client, queue
    client.delete(queue)


def test_flask_jobs_worker_runs_the_jobs_of_the_redis_backend(app, make_app, committed, redis_queue):
    client, queue = redis_queue
    redis_app = make_app(JOBS_BACKEND="redis", REDIS_URL=REDIS_TEST_URL, JOBS_REDIS_QUEUE=queue)
    with redis_app.app_context():
        first = enqueue("tests.add", {"a": 2, "b": 3}, title="جمع").id
        second = enqueue("tests.add", {"a": 5, "b": 8}, title="جمع دوم").id
    assert _job(redis_app, first).status == "queued"
    assert client.lrange(queue, 0, -1) == [str(second).encode(), str(first).encode()]
    client.lrem(queue, 0, second)  # Redis restarted and lost it: the row still says queued

    result = redis_app.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert _job(redis_app, first).result == {"sum": 5}
    assert _job(redis_app, second).result == {"sum": 13}
    assert client.llen(queue) == 0


def test_a_waiting_redis_worker_is_woken_by_enqueue(app, make_app, committed, redis_queue):
    client, queue = redis_queue
    # Polls the table only every 60 s: a job done sooner was handed over through Redis.
    redis_app = make_app(JOBS_BACKEND="redis", REDIS_URL=REDIS_TEST_URL, JOBS_REDIS_QUEUE=queue,
                         JOBS_POLL_SECONDS=60)
    worker = worker_for(redis_app)
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    try:
        _wait_for(lambda: any(c.get("cmd") == "brpop" for c in client.client_list()))
        with redis_app.app_context():
            job_id = enqueue("tests.add", {"a": 1, "b": 1}, title="بیدار شدن").id
        _wait_for(lambda: _job(redis_app, job_id).status == "done", timeout=30)
        assert _job(redis_app, job_id).result == {"sum": 2}
    finally:
        worker.stopping.set()
        client.lpush(queue, 0)  # wake the BRPOP so the loop sees it should stop
        thread.join(10)
    assert not thread.is_alive()


def test_jobs_wait_in_the_database_while_redis_is_down(app, make_app, committed):
    down = make_app(JOBS_BACKEND="redis", REDIS_URL="redis://127.0.0.1:1/0")
    with down.app_context():
        job_id = enqueue("tests.add", {"a": 20, "b": 22}, title="بدون ردیس").id
    assert _job(down, job_id).status == "queued"
    result = down.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert _job(down, job_id).result == {"sum": 42}
