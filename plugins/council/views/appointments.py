"""Appointment-opinion requests (نظر کارشناسی در انتصاب مدیران روابط عمومی): the agency's request and
the secretariat's review (council.edit), the opinion signed by a holder of council.manage, the
opinion letter to the agency as a PDF, and the time taken in working days. A request still open
after ``OVERDUE_AFTER_WORKING_DAYS`` working days is overdue."""
from datetime import timedelta

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import false, select
from sqlalchemy.orm import selectinload

from core.db import db, get_or_404
from core.exporting import Column, export_list
from core.jalali import today
from core.listing import ListQuery, code_filter, date_range
from core.models import Organization, Person
from core.pdf import PdfError, pdf_response
from core.permissions import module_department, permission_required
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.text import to_ascii_digits
from core.workdays import is_working_day

from ..blueprint import bp
from ..forms.appointments import OpinionForm, RequestFilterForm, RequestForm
from ..models.appointments import (OPINION_TITLES, OVERDUE_AFTER_WORKING_DAYS, QUALIFICATION_TITLES, STATUS_TITLES,
                                   AppointmentRequest)


def overdue_cutoff():
    """The receipt day before which an open request has waited more than OVERDUE_AFTER_WORKING_DAYS
    working days (so the overdue filter is a date comparison in SQL)."""
    day, waited = today(), 0
    while True:
        waited += is_working_day(day)  # a receipt one day earlier waits this day too
        if waited > OVERDUE_AFTER_WORKING_DAYS:
            return day
        day -= timedelta(days=1)


def _overdue_filter(statement, value):
    if value != "1":
        return statement
    return statement.where(AppointmentRequest.status != "answered", AppointmentRequest.received_on < overdue_cutoff())


def _agency_filter(statement, value):
    value = to_ascii_digits(value)
    return statement.where(AppointmentRequest.agency_id == int(value) if value.isdigit() else false())


REQUESTS = ListQuery(
    select(AppointmentRequest).options(selectinload(AppointmentRequest.agency),
                                       selectinload(AppointmentRequest.nominee)),
    search_column=AppointmentRequest.search_text,
    filters={"status": code_filter(AppointmentRequest.status, STATUS_TITLES),
             "opinion": code_filter(AppointmentRequest.opinion, OPINION_TITLES),
             "agency": _agency_filter, "overdue": _overdue_filter,
             **date_range(AppointmentRequest.received_on)},
    sorts={"received": AppointmentRequest.received_on, "opinion": AppointmentRequest.opinion_on},
    default_sort="-received",
)


def _status_text(row):
    return f"{row.status_title} ({_('Overdue')})" if row.is_overdue else row.status_title


COLUMNS = [
    Column(_l("Received on"), "received_on", kind="date", width=14),
    Column(_l("Requesting agency"), "agency_name", width=36),
    Column(_l("Letter number"), "letter_number", kind="text", width=14),
    Column(_l("Nominee"), "nominee_name", width=24),
    Column(_l("Position"), "position", width=30),
    Column(_l("Status"), _status_text, width=18),
    Column(_l("Opinion"), "opinion_title", width=18),
    Column(_l("Date of the opinion"), "opinion_on", kind="date", width=14),
    Column(_l("Working days taken"), "working_days", kind="number", width=12),
]


def _agencies():
    """The agencies that sent a request, for the filter."""
    return db.session.execute(select(Organization.id, Organization.name)
                              .where(Organization.id.in_(select(AppointmentRequest.agency_id)))
                              .order_by(Organization.name)).all()


@bp.route("/appointments/")
@permission_required("council.view")
def appointments():
    filters = RequestFilterForm(request.args)
    filters.validate()
    args = {name: value for name, value in request.args.items() if name not in filters.errors}
    export = export_list(REQUESTS, COLUMNS, title=_("Appointment-opinion requests"),
                         filename=_("appointment opinions"), args=args)
    if export is not None:
        return export
    page = REQUESTS.page(db.session, args)
    return render("council/appointments/list.html", block="results", page=page, filters=filters,
                  statuses=STATUS_TITLES, opinions=OPINION_TITLES, agencies=_agencies(),
                  target_days=OVERDUE_AFTER_WORKING_DAYS)


def _save(form, row):
    nominee = form.nominee.data
    if nominee is None:  # new in the directory
        nominee = Person(first_name=form.first_name.data, last_name=form.last_name.data,
                         national_code=form.national_code.data or None, mobile=form.mobile.data or None)
        db.session.add(nominee)
    row.nominee = nominee
    row.agency = form.agency.data
    row.received_on = form.received_on.data
    for name in ("letter_number", "position", "review_notes"):
        setattr(row, name, getattr(form, name).data)
    row.qualifications = [code for code in QUALIFICATION_TITLES if code in (form.qualifications.data or ())]
    if row.status != "answered":
        row.status = "under_review" if row.review_notes or row.qualifications else "received"


@bp.route("/appointments/new", methods=["GET", "POST"])
@permission_required("council.edit")
def appointment_new():
    form = RequestForm()
    if form.validate_on_submit():
        row = AppointmentRequest()
        _save(form, row)
        db.session.add(row)
        db.session.commit()
        flash(_("The request was recorded."), "success")
        return redirect_to(url_for(".appointment", request_id=row.id))
    return render_form("council/appointments/form.html", form, row=None)


@bp.route("/appointments/<int:request_id>")
@permission_required("council.view")
def appointment(request_id):
    row = get_or_404(AppointmentRequest, request_id)
    return render("council/appointments/request.html", row=row, qualifications=QUALIFICATION_TITLES,
                  target_days=OVERDUE_AFTER_WORKING_DAYS)


@bp.route("/appointments/<int:request_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def appointment_edit(request_id):
    row = get_or_404(AppointmentRequest, request_id)
    form = RequestForm(obj=row)
    if form.validate_on_submit():
        _save(form, row)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".appointment", request_id=row.id))
    return render_form("council/appointments/form.html", form, row=row)


@bp.route("/appointments/<int:request_id>/delete", methods=["POST"])
@permission_required("council.edit")
def appointment_delete(request_id):
    row = get_or_404(AppointmentRequest, request_id)
    row.soft_delete(current_user)
    db.session.commit()
    flash(_("The request was moved to the trash."), "success")
    return redirect_to(url_for(".appointments"))


@bp.route("/appointments/<int:request_id>/opinion", methods=["GET", "POST"])
@permission_required("council.manage")
def appointment_opinion(request_id):
    """The council's opinion, given and signed by whoever holds council.manage."""
    row = get_or_404(AppointmentRequest, request_id)
    form = OpinionForm(obj=row if row.is_answered else None, received_on=row.received_on)
    if form.validate_on_submit():
        form.populate_obj(row)
        row.status = "answered"
        row.signed_by = current_user
        db.session.commit()
        flash(_("The opinion was recorded; its letter is ready."), "success")
        return redirect_to(url_for(".appointment", request_id=row.id))
    return render_form("council/appointments/opinion.html", form, row=row)


@bp.route("/appointments/<int:request_id>/letter.pdf")
@permission_required("council.view")
def appointment_letter(request_id):
    """The opinion letter to the agency: number, date, subject, the opinion and its reasons."""
    row = get_or_404(AppointmentRequest, request_id)
    if not row.is_answered:
        flash(_("The letter is made once the opinion is given."), "danger")
        return redirect(url_for(".appointment", request_id=row.id))
    try:
        return pdf_response("council/appointments/letter_pdf.html",
                            f"{_('Opinion on the appointment of %(name)s', name=row.nominee_name)}.pdf", row=row)
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for(".appointment", request_id=row.id))


def deadlines(until):
    """Open requests, due OVERDUE_AFTER_WORKING_DAYS working days after their receipt."""
    rows = db.session.scalars(select(AppointmentRequest).options(selectinload(AppointmentRequest.nominee))
                              .where(AppointmentRequest.status != "answered"))
    department_id = module_department("council")
    return [{"key": f"council_appointment:{row.id}", "due": row.due_on,
             "title": _("Opinion on the appointment of %(name)s", name=row.nominee_name),
             "url": url_for("council.appointment", request_id=row.id), "department_id": department_id}
            for row in rows if row.due_on <= until]


def _hit(row):
    return {"title": _("Opinion on the appointment of %(name)s", name=row.nominee_name),
            "url": url_for("council.appointment", request_id=row.id),
            "detail": " · ".join(part for part in (row.agency_name, row.position, row.status_title) if part),
            "date": row.received_on}


def search_groups(query, user, limit):
    return [SearchGroup("council_appointments", _l("Appointment opinions"), (AppointmentRequest.search_text,),
                        lambda match: select(AppointmentRequest)
                        .options(selectinload(AppointmentRequest.agency), selectinload(AppointmentRequest.nominee))
                        .where(match).order_by(AppointmentRequest.received_on.desc()),
                        hit=_hit, more_url=lambda: url_for("council.appointments", q=query.text))]
