"""The job pages: /jobs/ (the user's jobs; everyone's with jobs.manage) and /jobs/<id>."""
from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.db import db
from core.jobs import service
from core.jobs.models import STATUS_LABELS, Job
from core.listing import ListQuery
from core.permissions import authenticated, user_can
from core.rendering import redirect_to, render, render_block

bp = Blueprint("jobs", __name__)


def _sees_everyone():
    return user_can(current_user, "jobs.manage")


def _job_or_abort(job_id):
    """The job, for its owner or a user with jobs.manage (403 for others, 404 if missing)."""
    job = db.session.get(Job, job_id) or abort(404)
    if job.created_by_id != current_user.id and not _sees_everyone():
        abort(403)
    return job


def _status_filter(statement, value):
    return statement.where(Job.status == value) if value in STATUS_LABELS else statement


@bp.route("/")
@authenticated
def index():
    statement = select(Job).options(joinedload(Job.created_by))
    everyone = _sees_everyone()
    if not everyone:
        statement = statement.where(Job.created_by_id == current_user.id)
    listing = ListQuery(statement, filters={"status": _status_filter},
                        sorts={"created": Job.id, "title": Job.title},
                        default_sort="-created")
    return render("jobs/index.html", block="results", page=listing.page(db.session), everyone=everyone,
                  statuses=STATUS_LABELS, chosen=request.args.get("status", ""))


@bp.route("/<int:job_id>")
@authenticated
def detail(job_id):
    job = _job_or_abort(job_id)
    if request.htmx and not request.htmx.boosted:
        # Polled every second: the status block alone, without the flash messages render() adds
        # (they would sweep away a message the page is showing).
        return render_block("jobs/detail.html", "status", job=job)
    return render("jobs/detail.html", job=job)


@bp.route("/<int:job_id>/retry", methods=["POST"])
@authenticated
def retry(job_id):
    job = _job_or_abort(job_id)
    if service.retry(job):
        flash(_("The job was queued again."), "success")
    else:
        flash(_("Only a failed or cancelled job can be run again."), "warning")
    return redirect_to(url_for("jobs.detail", job_id=job.id))


@bp.route("/<int:job_id>/cancel", methods=["POST"])
@authenticated
def cancel(job_id):
    job = _job_or_abort(job_id)
    if service.cancel(job):
        flash(_("The job was cancelled."), "success")
    else:
        flash(_("The job has already started, so it can no longer be cancelled."), "warning")
    return redirect_to(url_for("jobs.detail", job_id=job.id))
