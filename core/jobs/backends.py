"""Where jobs run, by ``JOBS_BACKEND``: ``thread`` (in the app's processes), ``redis`` (in
``flask jobs worker`` processes woken through Redis) or ``eager`` (at once, for tests).

A backend is told about a job only after its row is committed; the row is the truth, so a
backend that loses the message (a process or Redis restarting) loses nothing."""
import logging
import os
import threading

from flask import has_request_context

from core.jobs.runner import claim, execute
from core.jobs.worker import Worker

log = logging.getLogger(__name__)


class EagerBackend:
    """Runs the job in ``enqueue`` itself, in the caller's thread and session."""

    name = "eager"

    def __init__(self, app):
        self.app = app

    def submit(self, job):
        if claim(job.id, "eager"):
            execute(job.id, "eager", heartbeat=False)


class ThreadBackend:
    """One daemon thread per process runs the jobs, started by the process's first request.

    Started by a request, not by create_app: gunicorn's master (even with ``--preload``) and
    Flask's reloader process serve no requests, and a thread does not survive a fork, so the
    process id is checked each time. Jobs enqueued elsewhere (another worker process, the CLI)
    are found by polling the table every ``JOBS_POLL_SECONDS``."""

    name = "thread"

    def __init__(self, app):
        self.app = app
        self._lock = threading.Lock()
        self._pid = None
        self._wake = threading.Event()
        self._worker = None
        self._thread = None

    def start(self):
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._wake = threading.Event()
            self._worker = Worker(self.app, self._wait)
            self._thread = threading.Thread(target=self._worker.run, name="ravabet-jobs", daemon=True)
            self._thread.start()
            self._pid = os.getpid()

    def _wait(self, timeout):
        self._wake.wait(timeout)
        self._wake.clear()
        return None

    def submit(self, job):
        if has_request_context():
            self.start()
        self._wake.set()

    def stop(self, timeout=30):
        """Stop this process's thread after its current job (tests; the thread is a daemon)."""
        if self._worker is not None and self._pid == os.getpid():
            self._worker.stopping.set()
            self._wake.set()
            self._thread.join(timeout)
            self._pid = None


class RedisBackend:
    """The web process pushes job ids to the Redis list ``JOBS_REDIS_QUEUE``; ``flask jobs worker``
    pops them (BRPOP). The worker also scans the table whenever it is idle, so a job whose id
    Redis lost (a restart without persistence, Redis down at enqueue time) still runs."""

    name = "redis"

    def __init__(self, app):
        import redis

        self.app = app
        self.queue = app.config["JOBS_REDIS_QUEUE"]
        self.client = redis.Redis.from_url(
            app.config["REDIS_URL"], socket_connect_timeout=3,
            socket_timeout=app.config["JOBS_POLL_SECONDS"] + 5)
        self._reachable = True

    def submit(self, job):
        import redis

        try:
            self.client.lpush(self.queue, job.id)
        except redis.RedisError as exc:
            log.warning("Redis is unreachable (%s): job %s waits in the database for the worker's next scan",
                        exc, job.id)

    def wait(self, timeout):
        """The next job id from Redis, or None after ``timeout`` seconds (0: without blocking)."""
        import redis

        try:
            if timeout:
                popped = self.client.brpop([self.queue], timeout=timeout)
                value = popped[1] if popped else None
            else:
                value = self.client.rpop(self.queue)
        except redis.RedisError as exc:
            if self._reachable:
                log.warning("Redis is unreachable (%s): the worker scans the database until it is back", exc)
            self._reachable = False
            threading.Event().wait(timeout)
            return None
        if not self._reachable:
            log.warning("Redis is reachable again")
            self._reachable = True
        try:
            return int(value) if value is not None else None
        except ValueError:
            log.warning("ignored a malformed job id %r in Redis", value)
            return None


BACKENDS = {"eager": EagerBackend, "thread": ThreadBackend, "redis": RedisBackend}


def make_backend(app):
    name = app.config["JOBS_BACKEND"]
    if name not in BACKENDS:
        raise RuntimeError(f"JOBS_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}")
    return BACKENDS[name](app)


def worker_for(app):
    """A Worker for ``flask jobs worker``: woken by Redis with the redis backend, else polling."""
    backend = app.extensions["ravabet_jobs"]
    if isinstance(backend, RedisBackend):
        return Worker(app, backend.wait)

    def sleep(timeout):
        worker.stopping.wait(timeout)
        return None

    worker = Worker(app, sleep)
    return worker
