"""Starting, retrying and cancelling jobs."""
import json

from flask import current_app, has_request_context
from flask_login import current_user
from sqlalchemy import null, update

from core.db import db, utcnow
from core.jobs.models import CANCELLED, FAILED, QUEUED, Job
from core.jobs.registry import handler_for


def backend():
    return current_app.extensions["ravabet_jobs"]


def enqueue(kind, payload, *, title, user=None):
    """Store a job of ``kind`` (committed, with whatever else the session holds) and hand it to the
    backend; returns the Job. ``title`` is its Persian name on the pages; ``user`` defaults to the
    logged-in user. ``payload`` must be JSON (ids, not objects)."""
    if handler_for(kind) is None:
        raise LookupError(f"no job handler is registered for {kind!r}")
    payload = dict(payload or {})
    json.dumps(payload)  # fail in the request that asked, not later in the worker
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    job = Job(kind=kind, title=str(title)[:300], payload=payload, status=QUEUED,
              created_by_id=getattr(user, "id", None))
    db.session.add(job)
    db.session.commit()
    backend().submit(job)
    return job


def retry(job):
    """Queue a failed or cancelled job again, on the same row (its page and the links to it stay
    valid; ``attempts`` keeps counting). False when it was not failed or cancelled."""
    queued = db.session.execute(
        update(Job).where(Job.id == job.id, Job.status.in_((FAILED, CANCELLED)))
        .values(status=QUEUED, error=None, traceback=None, result=null(), message=None, progress_done=0,
                progress_total=None, started_at=None, finished_at=None, heartbeat_at=None, worker=None)
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.commit()
    if queued:
        backend().submit(job)
    return queued


def cancel(job):
    """Cancel a job that has not started yet; False when it had."""
    cancelled = db.session.execute(
        update(Job).where(Job.id == job.id, Job.status == QUEUED)
        .values(status=CANCELLED, finished_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.commit()
    return cancelled
