"""Background jobs: long work (bulk SMS, photo imports, large PDFs) run outside the request, with
progress on a page at /jobs/<id> that htmx refreshes every second.

    from core.jobs import JobError, enqueue, job_handler

    @job_handler("sms.send")
    def send(ctx, payload):
        for done, recipient in enumerate(recipients, 1):
            ...
            ctx.progress(done, total, message=_("Sending"))   # commits: a checkpoint
        return {"url": url_for("sms.outbox")}                # stored as the job's result

    job = enqueue("sms.send", {"message_id": 7}, title=_("Sending the message"))
    return redirect_to(url_for("jobs.detail", job_id=job.id))

The ``jobs`` row is the truth (see core.jobs.models); JOBS_BACKEND picks where jobs run
(core.jobs.backends). See docs/architecture.md, "Background jobs".
"""
from core.jobs import models  # noqa: F401  (the table)
from core.jobs.backends import make_backend
from core.jobs.models import Job
from core.jobs.registry import JobError, job_handler
from core.jobs.runner import JobContext
from core.jobs.service import cancel, enqueue, retry
from core.jobs.views import bp

__all__ = ["Job", "JobContext", "JobError", "bp", "cancel", "enqueue", "init_app", "job_handler", "retry"]


def init_app(app):
    """The backend (``app.extensions["ravabet_jobs"]``) and the ``flask jobs`` commands."""
    from core.jobs.cli import jobs_group

    backend = make_backend(app)
    app.extensions["ravabet_jobs"] = backend
    if hasattr(backend, "start"):
        app.before_request(backend.start)
    app.cli.add_command(jobs_group)
