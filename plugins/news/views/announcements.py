"""Event announcements to the agencies (اطلاع‌رسانی رویدادها): a letter to all executive agencies of
the province or to chosen ones, recorded here and printed as a PDF letter."""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.db import db
from core.exporting import Column, export_list
from core.listing import ListQuery, date_range
from core.pdf import PdfError, pdf_response
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form

from ..blueprint import bp
from ..forms.press import AnnouncementForm
from ..models import Announcement
from .press import list_filters

ANNOUNCEMENTS = ListQuery(
    select(Announcement).options(selectinload(Announcement.recipients)),
    search_column=Announcement.search_text,
    filters={
        **date_range(Announcement.event_on),
    },
    sorts={"event": Announcement.event_on, "sent": Announcement.sent_on},
    default_sort="-sent",
)


def recipients_text(announcement):
    if announcement.all_agencies:
        return _("All executive agencies of the province")
    return "، ".join(organization.name for organization in announcement.recipients)


EXPORT_COLUMNS = [
    Column(_l("Date of the letter"), "sent_on", kind="date", width=14),
    Column(_l("Letter number"), "letter_number", kind="text", width=14),
    Column(_l("Subject"), "title", width=40),
    Column(_l("Date of the event"), "event_on", kind="date", width=14),
    Column(_l("Place"), "place", width=24),
    Column(_l("Recipients"), recipients_text, width=50),
]


def _announcement_or_404(announcement_id):
    return db.one_or_404(select(Announcement).where(Announcement.id == announcement_id))


def _last_signer():
    """The signer of the latest letter, so the next one is signed the same way by default."""
    return db.session.scalar(select(Announcement.signer).where(Announcement.signer != "")
                             .order_by(Announcement.id.desc()).limit(1)) or ""


@bp.route("/announcements/")
@permission_required("news.view")
def announcements():
    filters, args = list_filters()
    export = export_list(ANNOUNCEMENTS, EXPORT_COLUMNS, title=_("Event announcements"),
                         filename=_("event announcements"), args=args)
    if export is not None:
        return export
    page = ANNOUNCEMENTS.page(db.session, args)
    return render("news/announcements/list.html", block="results", page=page, filters=filters,
                  recipients_text=recipients_text)


@bp.route("/announcements/new", methods=["GET", "POST"])
@permission_required("news.edit")
def announcement_new():
    form = AnnouncementForm(signer=_last_signer())
    if form.validate_on_submit():
        announcement = Announcement()
        _save(form, announcement)
        db.session.add(announcement)
        db.session.commit()
        flash(_("The announcement was saved."), "success")
        return redirect_to(url_for(".announcement", announcement_id=announcement.id))
    return render_form("news/announcements/form.html", form, announcement=None)


def _save(form, announcement):
    form.populate_obj(announcement)
    if announcement.all_agencies:
        announcement.recipients = []


@bp.route("/announcements/<int:announcement_id>")
@permission_required("news.view")
def announcement(announcement_id):
    announcement = _announcement_or_404(announcement_id)
    return render("news/announcements/announcement.html", announcement=announcement,
                  recipients=recipients_text(announcement))


@bp.route("/announcements/<int:announcement_id>/edit", methods=["GET", "POST"])
@permission_required("news.edit")
def announcement_edit(announcement_id):
    announcement = _announcement_or_404(announcement_id)
    form = AnnouncementForm(obj=announcement)
    if form.validate_on_submit():
        _save(form, announcement)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".announcement", announcement_id=announcement.id))
    return render_form("news/announcements/form.html", form, announcement=announcement)


@bp.route("/announcements/<int:announcement_id>/delete", methods=["POST"])
@permission_required("news.edit")
def announcement_delete(announcement_id):
    announcement = _announcement_or_404(announcement_id)
    announcement.soft_delete(current_user)
    db.session.commit()
    flash(_("The announcement was moved to the trash."), "success")
    return redirect_to(url_for(".announcements"))


@bp.route("/announcements/<int:announcement_id>/letter.pdf")
@permission_required("news.view")
def announcement_pdf(announcement_id):
    """The letter, printable: the organization's header, its number and date, the recipients, the
    subject, the text and the director-general's signature."""
    announcement = _announcement_or_404(announcement_id)
    try:
        return pdf_response("news/announcements/letter_pdf.html", f"{announcement.title}.pdf",
                            announcement=announcement, recipients=announcement.recipients)
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for(".announcement", announcement_id=announcement.id))
