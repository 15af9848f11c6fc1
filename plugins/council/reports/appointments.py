"""Appointment-opinion requests in the activity report and on the dashboard: the requests answered
in the period split by opinion, with the average working days from receipt to the opinion, and
those still open. Three queries, whatever the rows (the working days are counted in Python from
one query's dates: they depend on the holidays, which SQL does not know)."""
from flask_babel import gettext as _
from sqlalchemy import func, select

from core.db import db
from core.jalali import to_jalali_input
from core.reports import previous_occurrence
from core.stats import count_in, in_days, monthly_counts
from core.text import fa_number, to_ascii_digits
from core.workdays import working_days_between

from ..models.appointments import OPINION_TITLES, AppointmentRequest


def _answered(period):
    """``[(opinion, received_on, opinion_on)]`` of the requests answered in the period (one query)."""
    return db.session.execute(select(AppointmentRequest.opinion, AppointmentRequest.received_on,
                                     AppointmentRequest.opinion_on)
                              .where(AppointmentRequest.status == "answered",
                                     in_days(AppointmentRequest.opinion_on, period.start, period.end))).all()


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
    still_open = db.session.scalar(select(func.count()).select_from(AppointmentRequest).where(
        AppointmentRequest.status != "answered", AppointmentRequest.received_on <= period.end))
    details = [_("%(count)s requests are still being reviewed.", count=fa_number(still_open))] if still_open else []
    return [{"key": "appointments", "text": text, "details": details,
             "previous": previous_occurrence(AppointmentRequest.opinion_on, period.start,
                                             AppointmentRequest.status == "answered")}]


def metrics(period, user):
    args = {"start": to_ascii_digits(to_jalali_input(period.start)), "end": to_ascii_digits(to_jalali_input(period.end))}
    answered = count_in(period, AppointmentRequest.opinion_on, AppointmentRequest.status == "answered")
    rows = _answered(period) if answered else []
    figures = [
        {"key": "appointments.received", "title": _("Appointment-opinion requests received"),
         "value": count_in(period, AppointmentRequest.received_on), "endpoint": "council.appointments",
         "url_args": args, "permission": "council.view"},
        {"key": "appointments.answered", "title": _("Appointment opinions given"), "value": answered,
         "endpoint": "council.appointments", "url_args": {"status": "answered"}, "permission": "council.view"},
    ]
    if rows:
        figures.append({"key": "appointments.working_days", "title": _("Average working days to an opinion"),
                        "value": round(average_working_days(rows), 1), "unit": _("working days"), "lower_is_better": True,
                        "endpoint": "council.appointments", "url_args": {"status": "answered"},
                        "permission": "council.view"})
    return figures


def charts(period, user):
    return [{"key": "appointments", "title": _("Appointment-opinion requests per month"), "permission": "council.view",
             "series": [{"title": _("Received"), "counts": monthly_counts(AppointmentRequest.received_on, period)},
                        {"title": _("Answered"), "counts": monthly_counts(AppointmentRequest.opinion_on, period,
                                                                          AppointmentRequest.status == "answered")}]}]
