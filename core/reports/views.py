"""The live activity report of a period: the page, its editing, its exports and saving it as an
edition."""
from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from core.db import built_once, built_rows, db
from core.jalali import Period, jalali_today
from core.period_picker import PeriodPicker
from core.permissions import permission_required, user_can
from core.rendering import redirect_to
from core.reports import bp, editing, export
from core.reports.assembly import build, save_draft
from core.reports.document import adjustments
from core.reports.forms import EditionForm
from core.reports.models import ReportEdition
from core.reports.targets import DraftTarget
from core.stats import PERIOD_END, PERIOD_START

RECENT_EDITIONS = 5


def _presets():
    """A few periods one click away."""
    today = jalali_today()
    jy, jm = today.year, today.month
    last_month = Period.month(jy, jm - 1) if jm > 1 else Period.month(jy - 1, 12)
    periods = [Period.year_to_date(), Period.month(jy, jm), last_month,
               Period.quarter(jy, (jm + 2) // 3), Period.year(jy - 1)]
    return [(period.label, period.as_args()) for period in periods]


def default_title(period):
    return _("Brief report of activities, %(period)s", period=period.label)


@built_once
def _recent_editions():
    """The period's latest editions, the columns their links show (read past the ORM's execute)."""
    return (select(ReportEdition.id, ReportEdition.title, ReportEdition.created_at)
            .where(ReportEdition.period_start == PERIOD_START, ReportEdition.period_end == PERIOD_END)
            .order_by(ReportEdition.created_at.desc()).limit(RECENT_EDITIONS))


def _workspace(picker):
    period = picker.period
    report = build(period)
    recent = built_rows(_recent_editions(), {"period_start": period.start, "period_end": period.end}).all()
    return editing.Workspace(
        report=report, template="reports/index.html",
        back_url=url_for("reports.index", **period.as_args()),
        save=lambda: save_draft(report, adjustments(report), current_user),
        target=DraftTarget(period),
        context={"picker": picker, "period": period, "presets": _presets(), "recent": recent,
                 "edition_form": EditionForm(formdata=None, title=default_title(period))},
    )


def _picked():
    return PeriodPicker.from_args(request.args)


@bp.route("/")
@permission_required("reports.view")
def index():
    workspace = _workspace(_picked())
    block = "report" if request.htmx and request.htmx.target == "report" else None
    editable = user_can(current_user, "reports.edit")
    return workspace.page(block=block, editable=editable)


@bp.route("/items", methods=["POST"])
@permission_required("reports.edit")
def item_action():
    return editing.item_action(_workspace(_picked()))


@bp.route("/items/text", methods=["GET", "POST"])
@permission_required("reports.edit")
def item_text():
    return editing.item_text(_workspace(_picked()))


@bp.route("/manual", methods=["POST"])
@permission_required("reports.edit")
def add_manual():
    return editing.add_manual(_workspace(_picked()))


@bp.route("/print")
@permission_required("reports.view")
def print_page():
    picker = _picked()
    return export.print_page(build(picker.period))


@bp.route("/pdf")
@permission_required("reports.view")
def pdf():
    picker = _picked()
    return export.pdf(build(picker.period), default_title(picker.period),
                      back_url=url_for("reports.index", **picker.period.as_args()))


@bp.route("/editions/new", methods=["POST"])
@permission_required("reports.edit")
def create_edition():
    workspace = _workspace(_picked())
    form = EditionForm()
    if not form.validate_on_submit():
        return workspace.page(block="edition_form", status=422, edition_form=form)
    report = workspace.report
    edition = ReportEdition(
        title=form.title.data, period_kind=report.period.kind, period_start=report.period.start,
        period_end=report.period.end, period_label=report.period.label, sections=report.snapshot(),
        created_by_id=current_user.id)
    db.session.add(edition)
    db.session.commit()
    flash(_("The edition «%(title)s» was saved. Its text stays as it is now, whatever changes later.",
            title=edition.title), "success")
    return redirect_to(url_for("reports.edition", edition_id=edition.id))
