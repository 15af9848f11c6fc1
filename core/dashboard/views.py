"""The dashboard's pages.

Progressive enhancement: the page at /dashboard/ answers at once with a slot per module; htmx
fills each slot from /dashboard/part/<key> (``hx-trigger="load"``), so a slow or failing module
holds up only its own slot. Without JavaScript, a ``<noscript>`` refresh in the page's head (and
a link in its body) leads to ``?full=1``, the same page with every part built inline.
"""
from flask import abort, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.dashboard import bp
from core.dashboard.charts import PALETTE, chart_png
from core.dashboard.sections import build_section, build_sections, find_source, last_month, sources
from core.jalali import MONTH_NAMES
from core.pdf import PdfError, image_data_uri, pdf_response
from core.period_picker import PeriodPicker
from core.permissions import permission_required
from core.rendering import render


@bp.route("/")
@permission_required("dashboard.view")
def index():
    picker = PeriodPicker.from_args(request.args)
    full = request.args.get("full") == "1"
    return render(
        "dashboard/index.html", picker=picker, period=picker.period, full=full, sources=sources(),
        sections=build_sections(picker.period, current_user) if full else None, monthly=last_month(),
    )


@bp.route("/part/<key>")
@permission_required("dashboard.view")
def part(key):
    source = find_source(key)
    if source is None:  # unknown, or its module is turned off
        abort(404)
    picker = PeriodPicker.from_args(request.args)
    section = build_section(source, picker.period, current_user)
    if section.empty and request.htmx:
        return make_response("", 200)  # nothing this user may see: the slot goes away
    return render("dashboard/part.html", block="section", picker=picker, period=picker.period,
                  section=section)


CHART_WIDTH_PX, CHART_HEIGHT_PX, CHART_HEIGHT_MM = 1200, 330, 38


@bp.route("/report.pdf")
@permission_required("dashboard.view")
def report_pdf():
    """The dashboard of a period as a PDF; without a period, last month's: the monthly report."""
    picker = PeriodPicker.from_args(request.args, default=last_month())
    period = picker.period
    title = _("Monthly performance dashboard report") if period.kind == "month" else _("Performance dashboard report")
    try:
        return pdf_response(
            "dashboard/report_pdf.html", f"{title} {period.label}.pdf", title=title, period=period,
            sections=build_sections(period, current_user), month_names=MONTH_NAMES, palette=PALETTE,
            chart_image=lambda chart: image_data_uri(chart_png(chart, CHART_WIDTH_PX, CHART_HEIGHT_PX)),
            chart_height_mm=CHART_HEIGHT_MM,
        )
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for("dashboard.index", **picker.args()))
