"""Claiming and running one job: the rules every backend shares.

A job is claimed with one ``UPDATE … WHERE status = 'queued'`` (or ``running`` with a heartbeat
older than ``JOBS_STALE_SECONDS``: its process died), so two processes never both get it, on SQLite
and PostgreSQL alike. Every function here works in the current app context and its session.
"""
import json
import logging
import os
import socket
import threading
import traceback
from contextlib import nullcontext
from datetime import timedelta

from flask import current_app, g, has_request_context
from flask_babel import gettext as _
from sqlalchemy import and_, func, null, or_, select, update

from core.db import db, utcnow
from core.jobs.models import DONE, FAILED, QUEUED, RUNNING, Job
from core.jobs.registry import JobError, handler_for

log = logging.getLogger(__name__)


def worker_name():
    """Who runs a job: host, process and thread (kept on the row, checked before writing the end)."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


class JobContext:
    """What a handler gets besides its payload: ``ctx.job`` (the row; read it, do not change it),
    ``ctx.user`` (who started the job, or None) and ``ctx.progress()``."""

    def __init__(self, job):
        self.job = job

    @property
    def user(self):
        return self.job.created_by

    def progress(self, done, total=None, message=None):
        """Record that ``done`` of ``total`` items are done, with an optional Persian ``message``,
        and commit, so the job's page shows it at once.

        The commit is a checkpoint: what the handler wrote so far is saved with it (a second
        transaction could not commit on SQLite while the handler's holds the write lock). On
        SQLite a job's transaction holds that lock from its first query to its next commit and
        writing requests wait for it: commit (here, or ``db.session.commit()``) at least every
        second or two, and before slow work such as a call to another server."""
        job = self.job
        job.progress_done = int(done)
        if total is not None:
            job.progress_total = int(total)
        if message is not None:
            job.message = str(message)[:500]
        job.heartbeat_at = utcnow()
        db.session.commit()


def _stale_before():
    return utcnow() - timedelta(seconds=current_app.config["JOBS_STALE_SECONDS"])


def _claimable(stale_before):
    interrupted = and_(Job.status == RUNNING, Job.heartbeat_at < stale_before,
                       Job.attempts < current_app.config["JOBS_MAX_ATTEMPTS"])
    return or_(Job.status == QUEUED, interrupted)


def claim(job_id, worker):
    """Take job ``job_id`` for ``worker`` if it waits, or if the process that ran it died.
    True when this call got it (committed)."""
    now = utcnow()
    result = db.session.execute(
        update(Job).where(Job.id == job_id, _claimable(_stale_before()))
        .values(status=RUNNING, worker=worker, attempts=Job.attempts + 1, started_at=now,
                heartbeat_at=now, finished_at=None)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1


def _give_up_interrupted():
    """Jobs whose process died ``JOBS_MAX_ATTEMPTS`` times fail instead of being run again (a job
    that kills its process would otherwise loop forever)."""
    db.session.execute(
        update(Job).where(Job.status == RUNNING, Job.heartbeat_at < _stale_before(),
                          Job.attempts >= current_app.config["JOBS_MAX_ATTEMPTS"])
        .values(status=FAILED, finished_at=utcnow(),
                error=_("The job was interrupted several times (the server stopped while it ran), "
                        "so it was not started again. Run it again when the server is stable."))
        .execution_options(synchronize_session=False))
    db.session.commit()


def claim_next(worker):
    """Claim the oldest job waiting (or left running by a dead process); its id, or None."""
    _give_up_interrupted()
    candidates = db.session.scalars(
        select(Job.id).where(_claimable(_stale_before())).order_by(Job.id).limit(10)).all()
    db.session.commit()
    for job_id in candidates:
        if claim(job_id, worker):
            return job_id
    return None


def _checked_result(result):
    if result is None:
        return None
    if not isinstance(result, dict):
        raise TypeError(f"a job handler returns a dict or None, not {type(result).__name__}")
    json.dumps(result)  # a result that cannot be stored fails the job here, not at the commit
    return result


def _end(job_id, worker, **values):
    """Write the job's end, unless another worker took it over meanwhile."""
    now = utcnow()
    ended = db.session.execute(
        update(Job).where(Job.id == job_id, Job.worker == worker, Job.status == RUNNING)
        .values(finished_at=now, heartbeat_at=now, **values)
        .execution_options(synchronize_session=False))
    if ended.rowcount != 1:
        log.warning("job %s was taken over by another worker; %s leaves its status alone", job_id, worker)
    db.session.commit()


def execute(job_id, worker, heartbeat=True):
    """Run the claimed job ``job_id``: its handler's return value becomes the result; an exception
    fails it (the handler's uncommitted work is rolled back). Changes the handler makes are
    audited as the job's creator."""
    job = db.session.get(Job, job_id)
    kind, payload = job.kind, dict(job.payload or {})
    previous_actor = g.get("audit_user_id")
    g.audit_user_id = job.created_by_id
    db.session.commit()  # ends this read: the handler's transactions must begin as writers (below)
    handler = handler_for(kind)
    beat = Heartbeat(current_app._get_current_object(), job_id, worker) if heartbeat else None
    try:
        if handler is None:
            raise JobError(_("This server does not know this kind of job; the module that runs it "
                             "may have been removed."))
        # Outside a request (the workers), a bare POST request: url_for builds paths, and on SQLite
        # the handler's transactions take the write lock as they begin, like a writing request's
        # (core.db._sqlite_begin); a transaction that read first could not write after another
        # connection's commit ("database is locked").
        with nullcontext() if has_request_context() else current_app.test_request_context(method="POST"):
            result = _checked_result(handler(JobContext(job), payload))
        db.session.flush()
    except Exception as exc:
        db.session.rollback()
        details = traceback.format_exc()
        if isinstance(exc, JobError):
            message = exc.message
            log.warning("job %s (%s) failed: %s", job_id, kind, message)
        else:
            message = _("The job stopped because of an unexpected error. It was logged; run it again, "
                        "and tell the system administrator if it fails again.")
            log.error("job %s (%s) failed\n%s", job_id, kind, details)
        _end(job_id, worker, status=FAILED, error=message, traceback=details)
    else:
        # Every item was handled, even those a handler skipped without reporting them.
        _end(job_id, worker, status=DONE, result=null() if result is None else result, error=None,
             traceback=None, progress_done=func.coalesce(Job.progress_total, Job.progress_done))
    finally:
        if beat is not None:
            beat.stop()
        g.audit_user_id = previous_actor


class Heartbeat:
    """Refreshes a running job's ``heartbeat_at`` every ``JOBS_HEARTBEAT_SECONDS`` from its own
    thread and connection, so a handler busy for minutes between progress calls is not taken for
    dead."""

    def __init__(self, app, job_id, worker):
        self._stopped = threading.Event()
        thread = threading.Thread(target=self._run, args=(app, job_id, worker), daemon=True,
                                  name=f"ravabet-job-{job_id}-heartbeat")
        thread.start()

    def _run(self, app, job_id, worker):
        while not self._stopped.wait(app.config["JOBS_HEARTBEAT_SECONDS"]):
            try:
                with app.app_context(), db.engine.begin() as connection:
                    connection.execute(
                        update(Job).where(Job.id == job_id, Job.worker == worker, Job.status == RUNNING)
                        .values(heartbeat_at=utcnow()))
            except Exception:
                log.warning("could not record the heartbeat of job %s", job_id, exc_info=True)

    def stop(self):
        self._stopped.set()
