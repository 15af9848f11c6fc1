"""Appointment-opinion requests in the activity report and on the dashboard: the requests answered
in the period split by opinion, with the average working days from receipt to the opinion, and
those still open. Two queries, whatever the rows (the working days are counted in Python from
one query's dates: they depend on the holidays, which SQL does not know)."""
from sqlalchemy import case, func, select

from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.jalali import to_jalali_input
from core.stats import (PERIOD_END, PERIOD_START, counts_in, figure_values, in_any, in_period, monthly_counts,
                        period_params)
from core.text import fa_number, to_ascii_digits
from core.workdays import working_days_between

from ..models.appointments import OPINION_TITLES, AppointmentRequest


@built_once
def _answered_requests():
    return (select(AppointmentRequest.opinion, AppointmentRequest.received_on, AppointmentRequest.opinion_on)
            .where(AppointmentRequest.status == "answered", in_period(AppointmentRequest.opinion_on)))


def _answered(period):
    """``[(opinion, received_on, opinion_on)]`` of the requests answered in the period (one query)."""
    return built_rows(_answered_requests(), period_params(period)).all()


@built_once
def _open_and_previous():
    """The requests still open at the period's end and the latest answer before the period."""
    answered = AppointmentRequest.status == "answered"
    return select(
        func.count(case((~answered & (AppointmentRequest.received_on <= PERIOD_END), 1))),
        func.max(case((answered & (AppointmentRequest.opinion_on < PERIOD_START), AppointmentRequest.opinion_on)))
    ).select_from(AppointmentRequest)


def average_working_days(rows):
    return sum(working_days_between(received, answered) for _opinion, received, answered in rows) / len(rows)


def report_items(period):
    rows = _answered(period)
    if not rows:
        return []
    split = "، ".join(f"{fa_number(count)} {title}" for code, title in OPINION_TITLES.items()
                      if (count := sum(opinion == code for opinion, _r, _a in rows)))
    text = _("%(count)s requests for an expert opinion on the appointment of PR managers reviewed (%(split)s), "
             "on average in %(days)s working days.", count=fa_number(len(rows)), split=split,
             days=fa_number(round(average_working_days(rows), 1)))
    still_open, previous = built_rows(_open_and_previous(), period_params(period)).one()
    details = [_("%(count)s requests are still being reviewed.", count=fa_number(still_open))] if still_open else []
    return [{"key": "appointments", "text": text, "details": details, "previous": previous}]


def metrics(period, user, periods=None):
    periods = periods or [period]
    args = {"start": to_ascii_digits(to_jalali_input(period.start)), "end": to_ascii_digits(to_jalali_input(period.end))}
    rows = db.session.execute(select(AppointmentRequest.received_on, AppointmentRequest.opinion_on)
                              .where(AppointmentRequest.status == "answered",
                                     in_any(periods, AppointmentRequest.opinion_on))).all()
    # Each request's working days counted once, though the periods may overlap.
    days = [(opinion_on, working_days_between(received_on, opinion_on)) for received_on, opinion_on in rows]
    answered = [[count for day, count in days if p.start <= day <= p.end] for p in periods]
    figures = [
        {"key": "appointments.received", "title": _("Appointment-opinion requests received"),
         **figure_values(counts_in(periods, AppointmentRequest.received_on)), "endpoint": "council.appointments",
         "url_args": args, "permission": "council.view"},
        {"key": "appointments.answered", "title": _("Appointment opinions given"),
         **figure_values(len(counts) for counts in answered),
         "endpoint": "council.appointments", "url_args": {"status": "answered"}, "permission": "council.view"},
    ]
    if answered[0]:
        figures.append({"key": "appointments.working_days", "title": _("Average working days to an opinion"),
                        **figure_values(round(sum(counts) / len(counts), 1) if counts else None
                                        for counts in answered),
                        "unit": _("working days"), "lower_is_better": True,
                        "endpoint": "council.appointments", "url_args": {"status": "answered"},
                        "permission": "council.view"})
    return figures


def charts(period, user):
    return [{"key": "appointments", "title": _("Appointment-opinion requests per month"), "permission": "council.view",
             "series": [{"title": _("Received"), "counts": monthly_counts(AppointmentRequest.received_on, period)},
                        {"title": _("Answered"), "counts": monthly_counts(AppointmentRequest.opinion_on, period,
                                                                          AppointmentRequest.status == "answered")}]}]
