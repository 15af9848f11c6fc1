"""Sending and the delivery-status refresh as background jobs (core.jobs), with progress."""
from flask import url_for
from flask_babel import gettext as _

from core.db import db
from core.jalali import format_datetime
from core.jobs import JobError, enqueue, job_handler, retry
from core.jobs.models import Job
from core.sms.backends import GatewayError
from core.sms.service import refresh_statuses, send_batch
from core.sms.stats import batch_counts
from core.text import fa_number


@job_handler("sms.send")
def send_job(ctx, payload):
    outcome = send_batch(payload["batch_id"], progress=ctx.progress, job_id=ctx.job.id)
    if outcome.stopped:
        raise JobError(outcome.stopped)
    return {"url": url_for("sms.batch", batch_id=payload["batch_id"]), "sent": outcome.sent}


@job_handler("sms.refresh")
def refresh_job(ctx, payload):
    try:
        changed = refresh_statuses(payload["batch_id"], progress=ctx.progress)
    except GatewayError as error:
        raise JobError(str(error)) from None
    return {"url": url_for("sms.batch", batch_id=payload["batch_id"]), "changed": changed}


def start_sending(batch, user=None):
    """Send the batch in the background: its job again if it has one that failed, else a new
    job. Returns the Job."""
    job = db.session.get(Job, batch.job_id) if batch.job_id else None
    if job is not None and job.can_retry:
        retry(job)
        return job
    counts = batch_counts([batch.id])[batch.id]
    count = fa_number(sum(n for status, n in counts.items() if status != "skipped"))
    job = enqueue("sms.send", {"batch_id": batch.id}, user=user,
                  title=_("Sending an SMS to %(count)s recipients", count=count))
    batch.job_id = job.id
    db.session.commit()
    return job


def start_refresh(batch, user=None):
    return enqueue("sms.refresh", {"batch_id": batch.id}, user=user,
                   title=_("Delivery reports of the SMS of %(date)s", date=format_datetime(batch.created_at)))

