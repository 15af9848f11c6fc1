"""Photo pages: a record's gallery (paginated grid, upload, ZIP of all or a selection, trash),
a photo's page (caption, order, original), and the renderings with year-long cache headers.

Every view checks the record first (``check_record_access``): 404 for an unknown type, a module
that is off or a missing record; 403 for a user the owner does not let in.
"""
from flask import Response, abort, current_app, flash, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import load_only
from werkzeug.exceptions import RequestEntityTooLarge

from core.attachments import check_record_access, describe_record, may_edit_record
from core.db import db, get_or_404
from core.extensions import csrf
from core.files import content_disposition
from core.jobs.models import Job
from core.permissions import authenticated, user_can
from core.photos import service
from core.photos.blueprint import bp
from core.photos.forms import CaptionForm
from core.photos.jobs import start_import
from core.photos.models import Photo
from core.rendering import redirect_to, render, render_form
from core.text import fa_number, to_ascii_digits, to_fa_digits

IMMUTABLE = "private, max-age=31536000, immutable"
UPLOAD_FIELD = "photos"


def _config(key, default):
    return current_app.config.get(key, default)


def _record(owner, entity_id):
    """``(title, url)`` of the record, with a plain title when the owner does not describe it."""
    return describe_record(owner, entity_id) or (_("Record %(id)s", id=to_fa_digits(entity_id)), None)


def local_url(value):
    """``value`` when it is a path on this site (a form's ``next``), else None."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return None


def _import_report(entity, entity_id):
    """The result of the import job named by ``?job=``, for the user who started it."""
    raw = to_ascii_digits(request.args.get("job", ""))
    if not raw.isdigit():
        return None
    job = db.session.get(Job, int(raw))
    if (job is None or job.kind != "photos.import" or job.payload.get("entity") != entity
            or job.payload.get("entity_id") != entity_id
            or (job.created_by_id != current_user.id and not user_can(current_user, "jobs.manage"))):
        return None
    return job


def _gallery(entity, entity_id, owner, **context):
    record_title, record_url = _record(owner, entity_id)
    return dict(entity=entity, entity_id=entity_id, record_title=record_title, record_url=record_url,
                page=service.photo_page(entity, entity_id, request.args,
                                        url_for("files.gallery", entity=entity, entity_id=entity_id)),
                may_edit=may_edit_record(owner, entity_id), job=_import_report(entity, entity_id), **context)


@bp.route("/photos/<entity>/<int:entity_id>/")
@authenticated
def gallery(entity, entity_id):
    owner = check_record_access(entity, entity_id)
    return render("photos/gallery.html", block="results", **_gallery(entity, entity_id, owner))


@bp.route("/photos/<entity>/<int:entity_id>/upload", methods=["POST"])
@authenticated
def upload(entity, entity_id):
    # A batch of photos is larger than other forms: the limits are raised for this view before the
    # form is read, so the CSRF check (which reads it) runs here rather than before every request.
    request.max_content_length = _config("PHOTO_UPLOAD_MAX_BYTES", 1024 * 1024 * 1024)
    request.max_form_parts = _config("PHOTO_MAX_FILES", 1000) + 10
    try:
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
        received = request.files.getlist(UPLOAD_FIELD)
    except RequestEntityTooLarge:
        return _too_large()
    owner = check_record_access(entity, entity_id, edit=True)
    uploads = sorted((item for item in received if item.filename), key=lambda item: service.natural_key(item.filename))
    back = local_url(request.form.get("next")) or url_for("files.gallery", entity=entity, entity_id=entity_id)
    if not uploads:
        return _upload_answer(entity, entity_id, owner, None, _("Choose one or more photos first."))
    if len(uploads) > _config("PHOTO_INLINE_FILES", 20) or any(_is_zip(item) for item in uploads):
        title = _("Importing %(count)s files into the photos of «%(record)s»",
                  count=to_fa_digits(len(uploads)), record=_record(owner, entity_id)[0])
        job = start_import(entity, entity_id, uploads, title)
        return redirect_to(url_for("jobs.detail", job_id=job.id))
    result = service.import_photos(entity, entity_id, service.upload_sources(uploads), user_id=current_user.id)
    db.session.commit()
    if not request.htmx and not result.rejected:
        _flash_saved(result)
        return redirect_to(back)
    return _upload_answer(entity, entity_id, owner, result)


csrf.exempt(upload)


def _too_large():
    """The Persian 413 with this upload's own limits (the general one only says "too large")."""
    message = _("The photos sent at once are too many or too large: at most %(count)s files and %(size)s MB "
                "at a time. Send them in smaller batches, or as several ZIP files.",
                count=fa_number(_config("PHOTO_MAX_FILES", 1000)),
                size=fa_number(_config("PHOTO_UPLOAD_MAX_BYTES", 1024 * 1024 * 1024) // (1024 * 1024)))
    if request.htmx:
        return current_app.response_class(message, status=413, mimetype="text/plain")
    return render_template("errors/error.html", code=413, message=message), 413


def _is_zip(item):
    head = item.stream.read(4)
    item.stream.seek(0)
    return head == b"PK\x03\x04"


def _flash_saved(result):
    if result.saved:
        flash(_("%(count)s photos were saved.", count=to_fa_digits(len(result.saved))), "success")
    if result.skipped:
        flash(_("%(count)s photos were already in this set and were not added again.",
                count=to_fa_digits(len(result.skipped))), "warning")


def _upload_answer(entity, entity_id, owner, result, problem=None):
    """Every file's outcome: the results block for htmx, else the gallery page with them."""
    status = 422 if problem or (result and not result.saved and result.rejected) else 200
    response = render("photos/gallery.html", block="upload_results", status=status,
                      **_gallery(entity, entity_id, owner, result=result, problem=problem))
    if result and result.saved:
        response.headers["HX-Trigger"] = "photos-added"  # the page's photo grid reloads itself
    return response


@bp.route("/photos/<entity>/<int:entity_id>/photos.zip", methods=["GET", "POST"])
@authenticated
def download_zip(entity, entity_id):
    """All the record's photos (GET), or those chosen in the gallery (POST ``ids``), streamed."""
    owner = check_record_access(entity, entity_id)
    statement = (select(Photo).where(Photo.entity == entity, Photo.entity_id == entity_id)
                 .options(load_only(Photo.stored_name, Photo.original_name, Photo.taken_at))
                 .order_by(Photo.sort_order, Photo.id))
    if request.method == "POST":
        ids = [int(value) for value in map(to_ascii_digits, request.form.getlist("ids")) if value.isdigit()]
        if not ids:
            flash(_("Choose the photos to download first."), "warning")
            return redirect_to(url_for("files.gallery", entity=entity, entity_id=entity_id))
        statement = statement.where(Photo.id.in_(ids))
    entries = service.zip_entries(db.session.scalars(statement))
    if not entries:
        abort(404)
    response = Response(service.stream_zip(entries), mimetype="application/zip")
    title = _("Photos of %(record)s", record=_record(owner, entity_id)[0])
    response.headers["Content-Disposition"] = content_disposition(f"{title}.zip", default="photos")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/photos/<entity>/<int:entity_id>/trash", methods=["POST"])
@authenticated
def trash_selected(entity, entity_id):
    check_record_access(entity, entity_id, edit=True)
    ids = [int(value) for value in map(to_ascii_digits, request.form.getlist("ids")) if value.isdigit()]
    photos = db.session.scalars(select(Photo).where(
        Photo.entity == entity, Photo.entity_id == entity_id, Photo.id.in_(ids))).all() if ids else []
    for photo in photos:
        photo.soft_delete(current_user)
    db.session.commit()
    if photos:
        flash(_("%(count)s photos were moved to the trash. They can be restored from there.",
                count=to_fa_digits(len(photos))), "success")
    else:
        flash(_("Choose the photos to move to the trash first."), "warning")
    return redirect_to(url_for("files.gallery", entity=entity, entity_id=entity_id))


# --- one photo ---------------------------------------------------------------------------------

def _photo(photo_id, edit=False):
    photo = get_or_404(Photo, photo_id)
    return photo, check_record_access(photo.entity, photo.entity_id, edit=edit)


def _photo_page(photo, owner, form):
    record_title, record_url = _record(owner, photo.entity_id)
    before, after = service.neighbours(photo)
    return render_form("photos/photo.html", form, photo=photo, record_title=record_title, record_url=record_url,
                       before=before, after=after, may_edit=may_edit_record(owner, photo.entity_id))


@bp.route("/photos/<int:photo_id>")
@authenticated
def photo(photo_id):
    found, owner = _photo(photo_id)
    return _photo_page(found, owner, CaptionForm(obj=found, formdata=None))


@bp.route("/photos/<int:photo_id>/caption", methods=["POST"])
@authenticated
def edit_caption(photo_id):
    found, owner = _photo(photo_id, edit=True)
    form = CaptionForm()
    if form.validate_on_submit():
        found.caption = form.caption.data or ""
        db.session.commit()
        flash(_("The caption was saved."), "success")
        return redirect_to(url_for("files.photo", photo_id=found.id))
    return _photo_page(found, owner, form)


@bp.route("/photos/<int:photo_id>/move/<direction>", methods=["POST"])
@authenticated
def move(photo_id, direction):
    found, _owner = _photo(photo_id, edit=True)
    if direction not in ("earlier", "later"):
        abort(404)
    if service.move(found, direction):
        db.session.commit()
    return redirect_to(url_for("files.photo", photo_id=found.id))


@bp.route("/photos/<int:photo_id>/delete", methods=["POST"])
@authenticated
def delete_photo(photo_id):
    found, _owner = _photo(photo_id, edit=True)
    found.soft_delete(current_user)
    db.session.commit()
    flash(_("%(name)s was moved to the trash. It can be restored from there.", name=found.original_name), "success")
    return redirect_to(url_for("files.gallery", entity=found.entity, entity_id=found.entity_id))


@bp.route("/photos/<int:photo_id>/original")
@authenticated
def original(photo_id):
    found, _owner = _photo(photo_id)
    path = service.photo_path(found.stored_name)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=found.content_type, conditional=True, max_age=0)
    response.headers["Content-Disposition"] = content_disposition(found.original_name)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/photos/<int:photo_id>/<rendering>/<stem>.jpg")
@authenticated
def rendering(photo_id, rendering, stem):
    """A rendering made at upload, never remade here. Its address names the photo's random stem,
    which never changes, so the browser may keep it for a year."""
    found, _owner = _photo(photo_id)
    if stem != found.stem or rendering not in service.RENDERINGS:
        abort(404)
    path = service.photo_path(found.stored_name, rendering)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype="image/jpeg", conditional=True, etag=found.stem)
    response.headers["Cache-Control"] = IMMUTABLE
    response.headers["Content-Disposition"] = content_disposition(found.original_name.rsplit(".", 1)[0] + ".jpg",
                                                                  as_attachment=False)
    return response
