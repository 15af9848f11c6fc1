"""The outbox: every batch with its counts per status and the figures of what is listed, and a
batch's page with each recipient's status, its progress while sending, sending again after a
stop and the refresh of delivery reports."""
from datetime import date

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import false, or_, select
from sqlalchemy.orm import selectinload

from core.db import db, get_or_404
from core.jalali import JalaliDateError, Period, parse_jalali_date
from core.jobs.models import Job
from core.listing import ListQuery
from core.permissions import permission_required
from core.rendering import redirect_to, render
from core.sms import bp
from core.sms.jobs import start_refresh, start_sending
from core.sms.models import BATCH_STATUSES, MESSAGE_STATUSES, SmsBatch, SmsMessage
from core.sms.stats import batch_counts, sms_summary
from core.stats import in_days
from core.text import clean_text, fa_number, to_ascii_digits, to_fa_digits

ACTIVE = ("queued", "sending")
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def _date(value):
    try:
        return parse_jalali_date(value)
    except JalaliDateError:
        return None


def _day_filter(bound):
    def apply(statement, value):
        day = _date(value)
        if day is None:
            return statement
        start, end = (day, LATEST) if bound == "from" else (EARLIEST, day)
        return statement.where(in_days(SmsBatch.created_at, start, end))
    return apply


def _batches():
    return ListQuery(
        select(SmsBatch).options(selectinload(SmsBatch.created_by)),
        search_column=SmsBatch.search_text,
        filters={
            "status": lambda statement, value: statement.where(
                SmsBatch.status == value if value in BATCH_STATUSES else false()),
            "from": _day_filter("from"),
            "to": _day_filter("to"),
        },
        sorts={"date": SmsBatch.created_at},
        default_sort="-date",
    )


@bp.route("/")
@permission_required("sms.view")
def outbox():
    listing = _batches()
    page = listing.page(db.session)
    date_errors = [_("The date %(value)s is not valid; it was ignored.", value=to_fa_digits(request.args[name]))
                   for name in ("from", "to") if request.args.get(name, "").strip() and not _date(request.args[name])]
    if any(request.args.get(name, "").strip() for name in ("q", "status", "from", "to")):
        filtered_ids = listing.filtered(request.args).with_only_columns(SmsBatch.id).order_by(None)
        summary, summary_period = sms_summary(batch_ids=filtered_ids), None
    else:  # this year's figures: summing every message of ten years on each visit costs more than the page
        summary_period = Period.year_to_date()
        summary = sms_summary(summary_period.start, summary_period.end)
    return render("sms/outbox.html", block="results", page=page, counts=batch_counts([b.id for b in page.items]),
                  summary=summary, summary_period=summary_period, date_errors=date_errors,
                  statuses=BATCH_STATUSES)


def _recipients(batch_id):
    def search(statement, value):
        text, digits = clean_text(value), to_ascii_digits(value).replace(" ", "")
        return statement.where(or_(SmsMessage.name.contains(text, autoescape=True),
                                   SmsMessage.mobile.contains(digits, autoescape=True)))

    return ListQuery(
        select(SmsMessage).where(SmsMessage.batch_id == batch_id),
        filters={
            "status": lambda statement, value: statement.where(
                SmsMessage.status == value if value in MESSAGE_STATUSES else false()),
            "q": search,
        },
        sorts={"order": SmsMessage.id, "name": SmsMessage.name, "status": SmsMessage.status},
        default_sort="order",
    )


@bp.route("/batches/<int:batch_id>")
@permission_required("sms.view")
def batch(batch_id):
    batch = get_or_404(SmsBatch, batch_id)
    counts = batch_counts([batch.id])[batch.id]
    job = db.session.get(Job, batch.job_id) if batch.job_id else None
    polling = request.htmx and request.htmx.target == "batch-progress"
    response = render("sms/batch.html", block="progress" if polling else "results", batch=batch, counts=counts,
                      job=job, page=_recipients(batch.id).page(db.session), statuses=MESSAGE_STATUSES,
                      active=batch.status in ACTIVE)
    if polling and batch.status not in ACTIVE:
        response.headers["HX-Refresh"] = "true"  # finished: the whole page (recipients too) is new
    return response


@bp.route("/batches/<int:batch_id>/resend", methods=["POST"])
@permission_required("sms.send")
def resend(batch_id):
    batch = get_or_404(SmsBatch, batch_id)
    if batch.status != "stopped":
        flash(_("Only a stopped message can be sent again."), "warning")
    else:
        start_sending(batch, current_user)
        flash(_("Sending the recipients still waiting."), "success")
    return redirect_to(url_for("sms.batch", batch_id=batch_id))


@bp.route("/batches/<int:batch_id>/refresh", methods=["POST"])
@permission_required("sms.send")
def refresh(batch_id):
    batch = get_or_404(SmsBatch, batch_id)
    job = db.session.get(Job, start_refresh(batch, current_user).id)
    if job.active:  # run by a worker: its page shows the progress and links back here
        return redirect_to(url_for("jobs.detail", job_id=job.id))
    if job.status == "failed":
        flash(job.error, "danger")
    else:
        flash(_("Delivery reports were read: %(count)s recipients changed status.",
                count=fa_number((job.result or {}).get("changed", 0))), "success")
    return redirect_to(url_for("sms.batch", batch_id=batch_id))
