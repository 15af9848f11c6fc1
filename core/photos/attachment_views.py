"""Attachments of any record whose owner registered it: download, add (many at once) and trash.

A plugin lists a record's files with ``attachments_of`` and the ``files.attachment_list`` and
``files.attach_form`` macros (templates/photos/_files.html); these views do the rest.
"""
from flask import flash, request
from flask_babel import gettext as _
from flask_login import current_user

from core import attachments
from core.attachments import check_record_access, describe_record
from core.db import db, get_or_404
from core.models import Attachment
from core.permissions import authenticated
from core.photos.blueprint import bp
from core.photos.views import local_url
from core.rendering import redirect_to
from core.text import to_fa_digits

MAX_FLASHED = 10  # rejections shown one by one; the rest are counted (the session cookie is small)


def _back(owner, entity_id):
    record = describe_record(owner, entity_id)
    return local_url(request.form.get("next")) or (record[1] if record and record[1] else "/")


@bp.route("/attachments/<int:attachment_id>")
@authenticated
def attachment(attachment_id):
    found = get_or_404(Attachment, attachment_id)
    check_record_access(found.entity, found.entity_id)
    return attachments.serve(found)


@bp.route("/attachments/<entity>/<int:entity_id>", methods=["POST"])
@authenticated
def attach(entity, entity_id):
    owner = check_record_access(entity, entity_id, edit=True)
    stored, rejected = attachments.store_uploads(request.files.getlist("files"), owner.kinds, owner.max_bytes)
    for item in stored:
        attachments.attach(item, entity, entity_id, user=current_user)
    db.session.commit()
    if stored:
        flash(_("%(count)s files were attached.", count=to_fa_digits(len(stored))), "success")
    for error in rejected[:MAX_FLASHED]:
        flash(error.named, "danger")
    if len(rejected) > MAX_FLASHED:
        flash(_("%(count)s more files were not accepted.", count=to_fa_digits(len(rejected) - MAX_FLASHED)), "danger")
    if not stored and not rejected:
        flash(_("Choose a file first."), "warning")
    return redirect_to(_back(owner, entity_id) + "#files")


@bp.route("/attachments/<int:attachment_id>/delete", methods=["POST"])
@authenticated
def delete_attachment(attachment_id):
    found = get_or_404(Attachment, attachment_id)
    owner = check_record_access(found.entity, found.entity_id, edit=True)
    found.soft_delete(current_user)
    db.session.commit()
    flash(_("%(name)s was moved to the trash. It can be restored from there.", name=found.original_name), "success")
    return redirect_to(_back(owner, found.entity_id) + "#files")
