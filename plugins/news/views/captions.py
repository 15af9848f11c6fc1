"""Photo captions (عکس نوشته) and clips: an official's quote published on a channel, with its
list (filters, export) and form."""
from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.db import db
from core.exporting import Column, export_list
from core.listing import ListQuery, date_range, id_filter, record_id
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form

from ..blueprint import bp
from ..forms.archive import CaptionFilterForm, CaptionForm
from ..labels import label
from ..models import Caption, Event
from .archive import read_filters

CAPTIONS = ListQuery(
    select(Caption).options(joinedload(Caption.official), joinedload(Caption.channel), joinedload(Caption.event)),
    search_column=Caption.search_text,
    filters={
        "kind": lambda statement, value: statement.where(Caption.kind == value),
        "official": id_filter(Caption.official_id),
        "channel": id_filter(Caption.channel_id),
        **date_range(Caption.date),
    },
    sorts={"date": Caption.date},
    default_sort="-date",
)

CAPTION_COLUMNS = [
    Column(_l("Date"), "date", kind="date", width=14),
    Column(_l("Kind"), lambda caption: str(label("caption_kind", caption.kind)), width=12),
    Column(_l("Title"), "title", width=30),
    Column(_l("Quote"), "quote", width=60),
    Column(_l("Official"), "official.full_name", width=25),
    Column(_l("Channel"), "channel.name", width=16),
    Column(_l("Event"), "event.title", width=40),
    Column(_l("Link"), "link", width=40),
]


def _caption_or_404(caption_id):
    return db.one_or_404(select(Caption).where(Caption.id == caption_id))


@bp.route("/captions/")
@permission_required("news.view")
def captions():
    filters, args = read_filters(CaptionFilterForm)
    export = export_list(CAPTIONS, CAPTION_COLUMNS, title=_("Photo captions and clips"),
                         filename=_("captions"), args=args)
    if export is not None:
        return export
    page = CAPTIONS.page(db.session, args)
    return render("news/archive/captions.html", block="results", page=page, filters=filters)


@bp.route("/captions/new", methods=["GET", "POST"])
@permission_required("news.edit")
def caption_new():
    form = CaptionForm()
    if request.method == "GET":  # the link on an event's page names the event, and so its official
        event = db.session.scalar(select(Event).where(Event.id == record_id(request.args.get("event", ""))))
        if event is not None:
            form.event_id.data = event.id
            form.official.data = event.officials[0] if event.officials else None
    if form.validate_on_submit():
        caption = Caption()
        form.populate_obj(caption)
        db.session.add(caption)
        db.session.commit()
        flash(_("The caption or clip was saved."), "success")
        return redirect_to(url_for("news.captions"))
    return render_form("news/archive/caption_form.html", form, caption=None)


@bp.route("/captions/<int:caption_id>/edit", methods=["GET", "POST"])
@permission_required("news.edit")
def caption_edit(caption_id):
    caption = _caption_or_404(caption_id)
    form = CaptionForm(obj=caption, caption=caption)
    if form.validate_on_submit():
        form.populate_obj(caption)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for("news.captions"))
    return render_form("news/archive/caption_form.html", form, caption=caption)


@bp.route("/captions/<int:caption_id>/delete", methods=["POST"])
@permission_required("news.edit")
def caption_delete(caption_id):
    caption = _caption_or_404(caption_id)
    caption.soft_delete(current_user)
    db.session.commit()
    flash(_("The caption was moved to the trash."), "success")
    return redirect_to(url_for("news.captions"))
