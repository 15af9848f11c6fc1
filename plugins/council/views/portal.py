"""The county council's monthly evaluation of each county governorate's news portal (ارزیابی
ماهانه پایگاه خبری فرمانداری‌ها): a Jalali year's grid of counties × months with each county's
average and trend, one form for a month's scores of every county, and a county's own trend.

The counties are the county council's units (``Unit.body == "county"``). Averages are computed in
SQL; the grid runs a fixed number of queries whatever the number of counties."""
from dataclasses import dataclass, field

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select

from core.dashboard.charts import Chart, Series
from core.db import db
from core.exporting import Column, export_format, export_response
from core.jalali import MAX_YEAR, MIN_YEAR, MONTH_NAMES, jalali_today
from core.models import Organization
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.text import to_ascii_digits, to_fa_digits

from ..blueprint import bp
from ..forms.evaluation import PortalMonthForm, portal_criteria_titles
from ..models import Unit
from ..models.evaluation import PORTAL_CRITERIA, PortalScore, portal_total

MONTHS = range(1, 13)
# The sparkline of a county's year in the grid, in SVG units.
SPARK_WIDTH, SPARK_HEIGHT, SPARK_STEP = 110, 28, 9


@dataclass
class CountyYear:
    """A county's row of the grid: total per month, its year's average and latest change."""

    unit_id: int
    name: str
    totals: dict = field(default_factory=dict)  # month -> total
    average: float | None = None

    @property
    def change(self):
        """The latest scored month's total minus the one scored before it, or None."""
        months = sorted(self.totals)
        return self.totals[months[-1]] - self.totals[months[-2]] if len(months) > 1 else None

    def spark_points(self):
        """(x, y) of each scored month, months running right to left as the page does; the height
        spans the county's own lowest to highest total, so a small drift shows."""
        low, high = min(self.totals.values(), default=0), max(self.totals.values(), default=0)
        span = max(high - low, 10)
        return [(round(SPARK_WIDTH - (month - 0.5) * SPARK_STEP, 1),
                 round(SPARK_HEIGHT - 3 - (total - low) * (SPARK_HEIGHT - 6) / span, 1))
                for month, total in sorted(self.totals.items())]


def _counties():
    return db.session.execute(
        select(Unit.id, Organization.name).join(Organization, Organization.id == Unit.organization_id)
        .where(Unit.body == "county").order_by(Organization.name)).all()


def _year_arg():
    """The Jalali year asked for (any digits), or this year with a Persian error for a bad one."""
    current = jalali_today().year
    text = to_ascii_digits(request.args.get("year", "")).strip()
    if not text:
        return current, None
    if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR:
        return int(text), None
    return current, _("The year must be between 1300 and 1500.")


def _grid(year):
    counties = {unit_id: CountyYear(unit_id, name) for unit_id, name in _counties()}
    for unit_id, month, total in db.session.execute(
            select(PortalScore.unit_id, PortalScore.month, portal_total()).where(PortalScore.year == year)):
        if unit_id in counties:
            counties[unit_id].totals[month] = total
    for unit_id, average in db.session.execute(
            select(PortalScore.unit_id, func.avg(portal_total())).where(PortalScore.year == year)
            .group_by(PortalScore.unit_id)):
        if unit_id in counties:
            counties[unit_id].average = float(average)
    month_averages = {month: float(average) for month, average in db.session.execute(
        select(PortalScore.month, func.avg(portal_total())).where(PortalScore.year == year)
        .group_by(PortalScore.month))}
    return list(counties.values()), month_averages


def _export_columns():
    return ([Column(_l("County governorate"), "name", width=32)]
            + [Column(MONTH_NAMES[month - 1], lambda row, month=month: row.totals.get(month), kind="number", width=9)
               for month in MONTHS]
            + [Column(_l("Average"), lambda row: round(row.average, 2) if row.average is not None else None,
                      kind="number", width=10)])


@bp.route("/portal/")
@permission_required("council.view")
def portal():
    year, year_error = _year_arg()
    rows, month_averages = _grid(year)
    fmt = export_format()
    if fmt:
        return export_response(rows, _export_columns(), title=_("News portals %(year)s", year=year),
                               filename=_("county news portals %(year)s", year=year), fmt=fmt)
    today = jalali_today()
    open_months = [m for m in MONTHS if (year, m) <= (today.year, today.month)]
    return render("council/portal/grid.html", year=year, year_error=year_error, rows=rows,
                  month_averages=month_averages, months=MONTHS, month_names=MONTH_NAMES, open_months=open_months,
                  spark=(SPARK_WIDTH, SPARK_HEIGHT))


def _month_or_404(year, month):
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        abort(404)


@bp.route("/portal/<int:year>/<int:month>", methods=["GET", "POST"])
@permission_required("council.edit")
def portal_month(year, month):
    """A month's scores for every county in one form: a row left empty is not evaluated (a row
    emptied goes to the trash); any mistake saves nothing."""
    _month_or_404(year, month)
    today = jalali_today()
    if (year, month) > (today.year, today.month):
        flash(_("A month that has not begun cannot be evaluated."), "danger")
        return redirect_to(url_for(".portal", year=year))
    counties = _counties()
    names = dict(counties)
    scores = {score.unit_id: score for score in db.session.scalars(
        select(PortalScore).where(PortalScore.year == year, PortalScore.month == month))}
    form = PortalMonthForm()
    if not form.is_submitted():
        for unit_id, _name in counties:
            score = scores.get(unit_id)
            form.rows.append_entry({"unit_id": unit_id, "note": score.note if score else "",
                                    **{key: getattr(score, key) if score else None for key in PORTAL_CRITERIA}})
    if form.validate_on_submit():
        posted = [row.form for row in form.rows]
        if any(_unit_id(row) not in names for row in posted):
            form.form_errors.append(_("The list of counties changed meanwhile; open the month again."))
        else:
            _save_month(year, month, posted, scores)
            db.session.commit()
            flash(_("The news portal scores of %(month)s were saved.", month=_month_label(year, month)), "success")
            return redirect_to(url_for(".portal", year=year))
    rows = [(names.get(_unit_id(row.form)), row.form) for row in form.rows]
    return render_form("council/portal/month.html", form, year=year, month=month, rows=rows,
                       month_label=_month_label(year, month), criteria=portal_criteria_titles(),
                       maxima=PORTAL_CRITERIA)


def _unit_id(row):
    value = str(row.unit_id.data or "")
    return int(value) if value.isdigit() else None


def _save_month(year, month, rows, scores):
    for row in rows:
        unit_id = _unit_id(row)
        score = scores.get(unit_id)
        if row.is_blank:
            if score is not None:
                score.soft_delete(current_user)
            continue
        if score is None:
            score = PortalScore(unit_id=unit_id, year=year, month=month)
            db.session.add(score)
        for key in PORTAL_CRITERIA:
            setattr(score, key, getattr(row, key).data)
        score.note = row.note.data or ""


def _month_label(year, month):
    return to_fa_digits(f"{MONTH_NAMES[month - 1]} {year}")


@bp.route("/portal/counties/<int:unit_id>")
@permission_required("council.view")
def portal_county(unit_id):
    unit = db.one_or_404(select(Unit).where(Unit.id == unit_id, Unit.body == "county"))
    year, year_error = _year_arg()
    scores = {score.month: score for score in db.session.scalars(
        select(PortalScore).where(PortalScore.unit_id == unit_id, PortalScore.year == year))}
    chart = Chart("portal", _("News portal score of %(county)s per month", county=unit), [(year, m) for m in MONTHS],
                  [Series(_("Total score"), [scores[m].total if m in scores else 0 for m in MONTHS])],
                  unit=_("out of 100"))
    average = sum(score.total for score in scores.values()) / len(scores) if scores else None
    return render("council/portal/county.html", unit=unit, year=year, year_error=year_error, scores=scores,
                  chart=chart, average=average, months=MONTHS, month_names=MONTH_NAMES,
                  criteria=portal_criteria_titles(), maxima=PORTAL_CRITERIA)
