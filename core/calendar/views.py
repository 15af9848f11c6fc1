"""The calendar's pages: the Jalali month (/calendar/) and the same entries as an agenda list
(/calendar/agenda). Both take the month as ``y`` and ``m``; an htmx request (the month
navigation) gets only the ``view`` block of the page."""
from flask import request
from flask_login import current_user

from core.calendar import bp
from core.calendar.month import WEEKDAY_SHORT, Month
from core.jalali import MONTH_NAMES, WEEKDAY_NAMES
from core.permissions import permission_required
from core.rendering import render


def _page(template, endpoint):
    month = Month.from_args(request.args).load(current_user)
    return render(template, block="view", month=month, endpoint=endpoint, month_names=MONTH_NAMES,
                  weekdays=list(zip(WEEKDAY_NAMES, WEEKDAY_SHORT)))


@bp.route("/")
@permission_required("calendar.view")
def month():
    return _page("calendar/month.html", "calendar.month")


@bp.route("/agenda")
@permission_required("calendar.view")
def agenda():
    return _page("calendar/agenda.html", "calendar.agenda")
