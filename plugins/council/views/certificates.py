"""Training certificates (گواهی آموزشی): issued for the present members of a held training
session, one per member, numbered per Jalali year («۱۴۰۵/۰۰۱۲», stored with Latin digits) with a
random verification code; listed, printed as A4 landscape PDFs (one, or a session's all in one
file) with a QR code to the public verification page, and revoked by the head."""
import jdatetime
from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from core.committees.models import Attendance, CommitteeMember, Meeting
from core.db import db, get_or_404
from core.exporting import Column, export_list
from core.jalali import today
from core.listing import ListQuery
from core.models import Person
from core.pdf import PdfError, pdf_response, qr_data_uri
from core.permissions import permission_required, user_can
from core.rendering import redirect_to, render, render_form
from core.search.index import matches
from core.text import normalize_fa, to_ascii_digits, to_fa_digits

from ..blueprint import bp
from ..bodies import body_titles
from ..forms.trainings import RevokeForm
from ..models import Body, Member, Unit
from ..models.documents import Certificate
from ..models.trainings import Training, instructor_level_titles, present_counts

ISSUE_ATTEMPTS = 3  # another user may take the same numbers at the same moment: try again


def certificate_status_titles():
    return {"valid": _l("In force"), "revoked": _l("Revoked")}


def next_certificate_numbers(issued_on, count):
    """``count`` numbers following the last one of the Jalali year of ``issued_on``:
    ``1405/0013``, ``1405/0014`` … after ``1405/0012``."""
    prefix = f"{jdatetime.date.fromgregorian(date=issued_on).year}/"
    last = db.session.scalar(select(func.max(Certificate.number)).where(Certificate.number.startswith(prefix)))
    sequence = int(last.removeprefix(prefix)) if last and last.removeprefix(prefix).isdigit() else 0
    return [f"{prefix}{sequence + offset:04d}" for offset in range(1, count + 1)]


def _session(meeting_id):
    """A training session of one of the bodies with its details (None until recorded)."""
    meeting = get_or_404(Meeting, meeting_id)
    body = db.session.scalar(select(Body.key).where(Body.committee_id == meeting.committee_id))
    if meeting.type != "training" or body is None:
        abort(404)
    if not user_can(current_user, "council.view", meeting.committee.department_id):
        abort(403)
    return meeting, db.session.get(Training, meeting.id)


def _present_members(meeting):
    """The council members seated at ``meeting`` and marked present (one query)."""
    return db.session.scalars(
        select(Member).join(CommitteeMember, Member.seat_id == CommitteeMember.id)
        .join(Attendance, Attendance.member_id == CommitteeMember.id).join(Member.person)
        .where(Attendance.meeting_id == meeting.id, Attendance.present)
        .options(selectinload(Member.person), selectinload(Member.unit).selectinload(Unit.organization))
        .order_by(Person.last_name, Person.first_name)).all()


def _certificates_of(meeting):
    return db.session.scalars(
        select(Certificate).join(Certificate.member).join(Member.person).where(Certificate.meeting_id == meeting.id)
        .options(selectinload(Certificate.member).selectinload(Member.person),
                 selectinload(Certificate.member).selectinload(Member.unit).selectinload(Unit.organization))
        .order_by(Certificate.number)).all()


@bp.route("/trainings/<int:meeting_id>/certificates")
@permission_required("council.view")
def session_certificates(meeting_id):
    meeting, training = _session(meeting_id)
    certificates = _certificates_of(meeting)
    holders = {c.member_id for c in certificates}
    waiting = [m for m in _present_members(meeting) if m.id not in holders]
    present = present_counts([meeting.id]).get(meeting.id, 0)
    return render("council/certificates/session.html", meeting=meeting, training=training,
                  certificates=certificates, waiting=waiting, present=present,
                  person_hours=present * training.hours if training else None,
                  statuses=certificate_status_titles(), levels=instructor_level_titles(),
                  meeting_url=url_for("council.committees_meeting", committee_id=meeting.committee_id,
                                      meeting_id=meeting.id))


def _refusal(meeting, training):
    """Why certificates cannot be issued for the session yet, or None."""
    if not user_can(current_user, "council.edit", meeting.committee.department_id):
        abort(403)
    if meeting.status != "held":
        return _("Certificates are issued only for a held session; mark the session as held first.")
    if training is None:
        return _("Record the topic, instructor and hours of the session first.")
    return None


@bp.route("/trainings/<int:meeting_id>/certificates/issue", methods=["POST"])
@permission_required("council.edit")
def issue_certificates(meeting_id):
    meeting, training = _session(meeting_id)
    back = url_for("council.session_certificates", meeting_id=meeting.id)
    refusal = _refusal(meeting, training)
    if refusal:
        flash(refusal, "danger")
        return redirect_to(back)
    for attempt in range(ISSUE_ATTEMPTS):
        holders = set(db.session.scalars(select(Certificate.member_id).where(Certificate.meeting_id == meeting.id)))
        members = [m for m in _present_members(meeting) if m.id not in holders]
        if not members:
            break
        day = today()
        for member, number in zip(members, next_certificate_numbers(day, len(members))):
            db.session.add(Certificate(meeting_id=meeting.id, member_id=member.id, hours=training.hours,
                                       issued_on=day, number=number))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            if attempt == ISSUE_ATTEMPTS - 1:
                flash(_("Another user was issuing certificates at the same moment; nothing was issued. Try again."),
                      "danger")
                return redirect_to(back)
            continue
        flash(_("%(count)s certificates were issued.", count=to_fa_digits(len(members))), "success")
        return redirect_to(back)
    if not present_counts([meeting.id]):
        flash(_("No one is marked present at this session; record the attendance on the meeting's page first."),
              "danger")
    else:
        flash(_("Every present member already has a certificate."), "info")
    return redirect_to(back)


# --- the list of all certificates --------------------------------------------------------------

def _search(statement, value):
    for word in normalize_fa(value).split():
        statement = statement.where(or_(matches(Person.search_text, word),
                                        Certificate.number.contains(to_ascii_digits(word), autoescape=True)))
    return statement


CERTIFICATE_COLUMNS = [
    Column(_l("Certificate number"), lambda c: to_fa_digits(c.number), width=14, sort="number",
           link=lambda c: url_for("council.certificate_pdf", certificate_id=c.id)),
    Column(_l("Member"), lambda c: c.member.person.full_name, width=26, sort="name"),
    Column(_l("PR unit"), lambda c: str(c.member.unit), width=34),
    Column(_l("Training session"), lambda c: c.meeting.title, width=36,
           link=lambda c: url_for("council.session_certificates", meeting_id=c.meeting_id)),
    Column(_l("Hours"), "hours", kind="number", width=8),
    Column(_l("Issued on"), "issued_on", kind="date", width=14, sort="issued"),
    Column(_l("Status"), lambda c: certificate_status_titles()[c.status], width=10),
]


@bp.route("/certificates/")
@permission_required("council.view")
def certificates():
    statement = (select(Certificate).join(Certificate.member).join(Member.person).join(Certificate.meeting)
                 .options(selectinload(Certificate.meeting),
                          selectinload(Certificate.member).selectinload(Member.person),
                          selectinload(Certificate.member).selectinload(Member.unit).selectinload(Unit.organization)))
    listing = ListQuery(
        statement,
        filters={
            "q": _search,
            "status": lambda s, v: s.where(Certificate.revoked_on.is_not(None) if v == "revoked"
                                           else Certificate.revoked_on.is_(None)),
            "body": lambda s, v: s.where(Meeting.committee_id.in_(select(Body.committee_id).where(Body.key == v))),
        },
        sorts={"number": Certificate.number, "issued": (Certificate.issued_on, Certificate.number),
               "name": (Person.last_name, Person.first_name)},
        default_sort="-number",
    )
    export = export_list(listing, CERTIFICATE_COLUMNS, title=_("Training certificates"),
                         filename=_("Training certificates"))
    if export is not None:
        return export
    return render("council/certificates/index.html", block="results", page=listing.page(db.session),
                  columns=CERTIFICATE_COLUMNS, statuses=certificate_status_titles(), bodies=body_titles())


# --- PDFs ----------------------------------------------------------------------------------------

def _document(certificate):
    """What the certificate template prints of one certificate."""
    return {"certificate": certificate, "member": certificate.member,
            "qr": qr_data_uri(url_for("council.verify_code", code=certificate.code, _external=True))}


def _pdf(template_title, filename, documents, meeting, training, back):
    try:
        return pdf_response("council/certificates/certificate_pdf.html", filename, landscape=True,
                            title=template_title, documents=documents, meeting=meeting, training=training,
                            body_title=body_titles()[db.session.scalar(
                                select(Body.key).where(Body.committee_id == meeting.committee_id))])
    except PdfError as error:
        flash(str(error), "danger")
        return redirect_to(back)


@bp.route("/certificates/<int:certificate_id>.pdf")
@permission_required("council.view")
def certificate_pdf(certificate_id):
    certificate = get_or_404(Certificate, certificate_id)
    meeting, training = _session(certificate.meeting_id)
    return _pdf(_("Training certificate"), f"گواهی آموزشی {to_fa_digits(certificate.number)}",
                [_document(certificate)], meeting, training,
                url_for("council.session_certificates", meeting_id=meeting.id))


@bp.route("/trainings/<int:meeting_id>/certificates.pdf")
@permission_required("council.view")
def session_certificates_pdf(meeting_id):
    meeting, training = _session(meeting_id)
    back = url_for("council.session_certificates", meeting_id=meeting.id)
    documents = [_document(c) for c in _certificates_of(meeting) if not c.is_revoked]
    if not documents:
        flash(_("This session has no valid certificate to print."), "danger")
        return redirect_to(back)
    return _pdf(_("Training certificates"), f"گواهی‌های آموزشی {meeting.title}", documents, meeting, training, back)


# --- revoking ----------------------------------------------------------------------------------

@bp.route("/certificates/<int:certificate_id>/revoke", methods=["GET", "POST"])
@permission_required("council.manage")
def revoke_certificate(certificate_id):
    certificate = get_or_404(Certificate, certificate_id)
    meeting, _training = _session(certificate.meeting_id)
    back = url_for("council.session_certificates", meeting_id=meeting.id)
    if certificate.is_revoked:
        flash(_("This certificate was already revoked."), "info")
        return redirect_to(back)
    form = RevokeForm()
    if form.validate_on_submit():
        certificate.revoked_on = today()
        certificate.revoke_reason = form.reason.data
        db.session.commit()
        flash(_("Certificate %(number)s was revoked; the verification page now shows it as invalid.",
                number=to_fa_digits(certificate.number)), "success")
        return redirect_to(back)
    return render_form("council/certificates/revoke.html", form, certificate=certificate, meeting=meeting,
                       back=back)
