"""Saved editions of the activity report: list, view, edit, rename, delete, compare with a fresh
run of the same period, and export."""
import copy

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.db import db, get_or_404
from core.exporting import Column, export_list
from core.listing import ListQuery
from core.permissions import permission_required, user_can
from core.rendering import redirect_to, render, render_form
from core.reports import bp, editing, export
from core.reports.assembly import build, department_order
from core.reports.compare import compare
from core.reports.document import OTHER, Report
from core.reports.forms import EditionForm
from core.reports.models import ReportEdition
from core.reports.targets import EditionTarget

LIST = ListQuery(
    select(ReportEdition).options(selectinload(ReportEdition.created_by)),
    search_column=ReportEdition.search_text,
    sorts={"created": ReportEdition.created_at, "title": ReportEdition.title,
           "period": ReportEdition.period_start},
    default_sort="-created",
)


EXPORT_COLUMNS = [
    Column(_l("Name"), "title", width=50),
    Column(_l("Report period"), "period_label", width=24),
    Column(_l("Start of the period"), "period_start", kind="date", width=14),
    Column(_l("End of the period"), "period_end", kind="date", width=14),
    Column(_l("Saved by"), "created_by.full_name", width=24),
    Column(_l("Saved on"), "created_at", kind="datetime", width=20),
]


def edition_report(edition):
    """The edition's own items as a report; sections it lacks (for a manual item added later)
    take the departments' current names and order, «سایر» last."""
    sections = copy.deepcopy(edition.sections or [])
    titles = {str(department_id): name for department_id, name in department_order()}
    titles[OTHER] = _("Other (no department)")
    titles.update({section["key"]: section["title"] for section in sections})
    saved = [section["key"] for section in sections if section["key"] != OTHER]
    order = saved + [key for key in titles if key not in saved and key != OTHER] + [OTHER]
    return Report(period=edition.period, sections=sections, section_order=order, section_titles=titles)


def _workspace(edition):
    report = edition_report(edition)

    def save():
        edition.sections = report.snapshot()

    return editing.Workspace(
        report=report, template="reports/edition.html", back_url=url_for("reports.edition", edition_id=edition.id),
        save=save, target=EditionTarget(edition), context={"edition": edition})


@bp.route("/editions/")
@permission_required("reports.view")
def editions():
    export = export_list(LIST, EXPORT_COLUMNS, title=_("Saved editions of the activity report"),
                         filename=_("activity-report-editions"))
    if export is not None:
        return export
    page = LIST.page(db.session)
    return render("reports/editions.html", block="results", page=page)


@bp.route("/editions/<int:edition_id>/")
@permission_required("reports.view")
def edition(edition_id):
    workspace = _workspace(get_or_404(ReportEdition, edition_id))
    block = "report" if request.htmx and request.htmx.target == "report" else None
    return workspace.page(block=block, editable=user_can(current_user, "reports.edit"))


@bp.route("/editions/<int:edition_id>/items", methods=["POST"])
@permission_required("reports.edit")
def edition_item_action(edition_id):
    return editing.item_action(_workspace(get_or_404(ReportEdition, edition_id)))


@bp.route("/editions/<int:edition_id>/items/text", methods=["GET", "POST"])
@permission_required("reports.edit")
def edition_item_text(edition_id):
    return editing.item_text(_workspace(get_or_404(ReportEdition, edition_id)))


@bp.route("/editions/<int:edition_id>/manual", methods=["POST"])
@permission_required("reports.edit")
def edition_add_manual(edition_id):
    return editing.add_manual(_workspace(get_or_404(ReportEdition, edition_id)))


@bp.route("/editions/<int:edition_id>/edit", methods=["GET", "POST"])
@permission_required("reports.edit")
def edit_edition(edition_id):
    edition = get_or_404(ReportEdition, edition_id)
    form = EditionForm(obj=edition)
    if form.validate_on_submit():
        edition.title = form.title.data
        db.session.commit()
        flash(_("The edition was renamed."), "success")
        return redirect_to(url_for("reports.edition", edition_id=edition.id))
    return render_form("reports/edition_form.html", form, edition=edition)


@bp.route("/editions/<int:edition_id>/delete", methods=["POST"])
@permission_required("reports.edit")
def delete_edition(edition_id):
    edition = get_or_404(ReportEdition, edition_id)
    edition.soft_delete(current_user)
    db.session.commit()
    flash(_("The edition «%(title)s» was moved to the trash.", title=edition.title), "success")
    return redirect_to(url_for("reports.editions"))


@bp.route("/editions/<int:edition_id>/compare")
@permission_required("reports.view")
def compare_edition(edition_id):
    edition = get_or_404(ReportEdition, edition_id)
    comparison = compare(edition_report(edition), build(edition.period, with_draft=False))
    return render("reports/compare.html", edition=edition, comparison=comparison)


@bp.route("/editions/<int:edition_id>/print")
@permission_required("reports.view")
def edition_print_page(edition_id):
    edition = get_or_404(ReportEdition, edition_id)
    return export.print_page(edition_report(edition), edition=edition)


@bp.route("/editions/<int:edition_id>/pdf")
@permission_required("reports.view")
def edition_pdf(edition_id):
    edition = get_or_404(ReportEdition, edition_id)
    return export.pdf(edition_report(edition), edition.title,
                      back_url=url_for("reports.edition", edition_id=edition.id), edition=edition)
