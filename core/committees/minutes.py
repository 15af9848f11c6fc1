"""The minutes (صورتجلسه) of a meeting as a PDF: the meeting's details, agenda, attendance
(present and absent members, guests), minutes text, resolutions and a signatures block."""
from flask import flash, redirect
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.committees.labels import role_title
from core.committees.meetings import extra_details, meeting_form_data
from core.committees.models import Resolution
from core.db import db
from core.jalali import format_date
from core.text import to_fa_digits


def minutes_context(kit, committee, meeting):
    data = meeting_form_data(meeting)
    resolutions = db.session.scalars(
        select(Resolution).where(Resolution.meeting_id == meeting.id)
        .options(selectinload(Resolution.responsible_person), selectinload(Resolution.responsible_organization))
        .order_by(Resolution.number, Resolution.id)).all()
    # The secretary and whoever chaired (the chair, or the deputy in their absence) sign under
    # the minutes; every member present signs in the attendance table.
    by_role = {}
    for member in data.present or [row.member for row in data.attendance]:
        by_role.setdefault(member.role, member)
    chair = by_role.get("chair") or by_role.get("deputy")
    signers = [(role_title(member.role), to_fa_digits(member.person.full_name))
               for member in (by_role.get("secretary"), chair) if member is not None]
    return {"committee": committee, "meeting": meeting, "data": data, "resolutions": resolutions,
            "extra": extra_details(kit, meeting), "signers": signers}


def minutes_filename(committee, meeting):
    return to_fa_digits(f"صورتجلسه {committee.name} {format_date(meeting.date, 'numeric').replace('/', '-')}.pdf")


def minutes_response(kit, committee, meeting):
    from core.pdf import PdfError, pdf_response

    try:
        return pdf_response("committees/minutes_pdf.html", minutes_filename(committee, meeting),
                            title=_("Minutes of the meeting"), **minutes_context(kit, committee, meeting))
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(kit.url("meeting", committee_id=committee.id, meeting_id=meeting.id))
