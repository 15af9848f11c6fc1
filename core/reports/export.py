"""The report's exports: a printable HTML page and a PDF, for the live report and for editions."""
from flask import flash, redirect, render_template, request

from core.jalali import today
from core.pdf import PdfError, pdf_response


def _context(report, edition):
    return {"report": report, "edition": edition, "details": request.args.get("details") == "1",
            "issued": edition.created_at if edition is not None else today()}


def print_page(report, edition=None):
    return render_template("reports/print.html", **_context(report, edition))


def pdf(report, filename, back_url, edition=None):
    try:
        return pdf_response("reports/pdf.html", f"{filename}.pdf", period=report.period.label,
                            **_context(report, edition))
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(back_url)
