"""The holidays page (/calendar/holidays, ``calendar.manage``): a Jalali year's official holidays
and occasions with their source, the admin's corrections (a day earlier or later, removed, a
declared holiday or occasion added) and the working-week setting."""
from datetime import timedelta

import jdatetime

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from core.calendar import bp
from core.calendar.days import calendar_data, jalali_year, set_thursday_off
from core.calendar.forms import AddDayForm, CorrectionForm, WorkweekForm
from core.calendar.models import CalendarCorrection
from core.db import db
from core.jalali import MAX_YEAR, MIN_YEAR, MONTH_NAMES, format_date, jalali_today
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.text import to_ascii_digits, to_fa_digits

def _year_arg():
    value = to_ascii_digits(request.args.get("y") or "").strip()
    if value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR:
        return int(value), None
    error = _("The year must be between 1300 and 1500.") if value else None
    return jalali_today().year, error


def _months(occasions):
    """``[(month name, [occasions])]`` in the order of the year."""
    months = {}
    for occasion in occasions:
        month = jdatetime.date.fromgregorian(date=occasion.date).month
        months.setdefault(MONTH_NAMES[month - 1], []).append(occasion)
    return list(months.items())


def _page(year, error=None, add_form=None):
    """The page of ``year``; with ``add_form`` (posted with errors), its form block answers 422."""
    data = calendar_data()
    occasions = data.year(year)
    context = dict(year=year, error=error, months=_months(occasions), counts=_counts(occasions),
                   workweek=WorkweekForm(thursday_off=data.thursday_off), thursday_off=data.thursday_off)
    if add_form is not None:
        return render_form("calendar/holidays.html", add_form, block="add_form", **context)
    return render("calendar/holidays.html", form=AddDayForm(), **context)


def _counts(occasions):
    shown = [o for o in occasions if not o.removed]
    return {"holidays": sum(o.holiday for o in shown), "occasions": sum(not o.holiday for o in shown)}


@bp.route("/holidays")
@permission_required("calendar.manage")
def holidays():
    year, error = _year_arg()
    return _page(year, error)


def _back(year):
    return redirect_to(url_for("calendar.holidays", y=year))


@bp.route("/holidays/<int:year>/correct", methods=["POST"])
@permission_required("calendar.manage")
def correct(year):
    if not MIN_YEAR <= year <= MAX_YEAR:
        abort(404)
    form = CorrectionForm()
    if not form.validate_on_submit():
        flash(_("That correction could not be made. Reload the page and try again."), "danger")
        return _back(year)
    occasion = next((o for o in calendar_data().year(year) if o.key == form.key.data), None)
    if occasion is None:
        flash(_("That day is no longer in the calendar of %(year)s.", year=to_fa_digits(year)), "danger")
        return _back(year)
    message = _apply(year, occasion, form.action.data)
    if message:
        db.session.commit()
        flash(message, "success")
    return _back(year)


def _correction(year, key):
    return db.session.scalar(select(CalendarCorrection).where(CalendarCorrection.year == year,
                                                              CalendarCorrection.key == key))


def _apply(year, occasion, action):
    """Record ``action`` on ``occasion``; returns the message to show, or None (nothing done)."""
    title = occasion.title
    added = db.session.get(CalendarCorrection, occasion.correction_id) if occasion.source == "admin" else None
    if action in ("earlier", "later"):
        if occasion.removed:
            flash(_("Restore «%(title)s» before moving it.", title=title), "danger")
            return None
        day = occasion.date + timedelta(days=-1 if action == "earlier" else 1)
        if jalali_year(day) != year:
            flash(_("«%(title)s» cannot move out of the year %(year)s.", title=title, year=to_fa_digits(year)),
                  "danger")
            return None
        if added is not None:
            added.date = day
        elif day == occasion.original_date:
            db.session.delete(_correction(year, occasion.key))
        else:
            correction = _correction(year, occasion.key) or CalendarCorrection(
                year=year, key=occasion.key, created_by_id=current_user.id)
            correction.action, correction.date = "move", day
            db.session.add(correction)
        return _("«%(title)s» now falls on %(date)s.", title=title, date=format_date(day, "weekday"))
    if action == "remove":
        if added is not None:
            db.session.delete(added)
        else:
            correction = _correction(year, occasion.key) or CalendarCorrection(
                year=year, key=occasion.key, created_by_id=current_user.id)
            correction.action, correction.date = "remove", None
            db.session.add(correction)
        return _("«%(title)s» was removed from the calendar of %(year)s.", title=title, year=to_fa_digits(year))
    correction = _correction(year, occasion.key)
    if correction is None:
        return None
    db.session.delete(correction)
    date = occasion.original_date or occasion.date
    return _("«%(title)s» is back on %(date)s.", title=title, date=format_date(date, "weekday"))


@bp.route("/holidays/add", methods=["POST"])
@permission_required("calendar.manage")
def add_day():
    form = AddDayForm()
    if not form.validate_on_submit():
        year, _error = _year_arg()
        return _page(year, add_form=form)
    year = jalali_year(form.date.data)
    db.session.add(CalendarCorrection(year=year, action="add", date=form.date.data, title=form.title.data,
                                      holiday=form.holiday.data, created_by_id=current_user.id))
    db.session.commit()
    flash(_("«%(title)s» was added on %(date)s.", title=form.title.data, date=format_date(form.date.data, "weekday")),
          "success")
    return _back(year)


@bp.route("/holidays/workweek", methods=["POST"])
@permission_required("calendar.manage")
def workweek():
    form = WorkweekForm()
    year, _error = _year_arg()
    if form.validate_on_submit():
        set_thursday_off(form.thursday_off.data)
        db.session.commit()
        flash(_("Thursday is now a day off.") if form.thursday_off.data else _("Thursday is now a working day."),
              "success")
    return _back(year)
