"""``flask jobs worker`` and ``flask jobs list``."""
import signal

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from core.db import db
from core.jobs.backends import worker_for
from core.jobs.models import STATUS_LABELS, Job


@click.group("jobs")
def jobs_group():
    """Run and list background jobs."""


@jobs_group.command("worker")
@click.option("--burst", is_flag=True, help="Exit when no job is waiting instead of waiting for more.")
@with_appcontext
def worker(burst):
    """Run jobs until stopped (SIGTERM or Ctrl-C finish the current job first).

    With JOBS_BACKEND=redis it is woken through Redis; with any backend it also runs the jobs it
    finds waiting in the database, including those a dead process left running."""
    app = current_app._get_current_object()
    job_worker = worker_for(app)

    def stop(signum, frame):
        click.echo("stopping after the current job", err=True)
        job_worker.stopping.set()

    if not burst:
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    click.echo(f"job worker started ({app.config['JOBS_BACKEND']} backend)", err=True)
    job_worker.run(burst=burst)


@jobs_group.command("list")
@click.option("--status", type=click.Choice(list(STATUS_LABELS)), default=None,
              help="Only jobs in this state.")
@click.option("--limit", type=int, default=50, show_default=True)
@with_appcontext
def list_jobs(status, limit):
    """The latest jobs: id, status, kind, progress, attempts, created (UTC), title."""
    statement = select(Job).order_by(Job.id.desc()).limit(limit)
    if status:
        statement = statement.where(Job.status == status)
    for job in db.session.scalars(statement):
        progress = str(job.progress_done)
        if job.progress_total:
            progress += f"/{job.progress_total}"
        created = job.created_at.strftime("%Y-%m-%d %H:%M:%S")
        click.echo(f"{job.id}\t{job.status}\t{job.kind}\t{progress}\t{job.attempts}\t{created}\t{job.title}")
