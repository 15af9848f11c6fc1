"""The ``files`` blueprint at /files/: the photo sets of records (core.photos.views) and the
attachments of records (core.photos.attachment_views), each served only to users the record's owner
lets in (``core.attachments.register_attachment_owner``)."""
from flask import Blueprint

from core.attachments import upload_rules
from core.photos import service

bp = Blueprint("files", __name__)
bp.add_app_template_filter(service.file_size, "file_size")
bp.add_app_template_global(service.upload_hint, "photo_upload_hint")
bp.add_app_template_global(service.thumb, "photo_thumb")
bp.add_app_template_global(upload_rules, "attachment_upload_rules")

# Their routes join bp; counts listens to the flushes.
from core.photos import attachment_views, counts, views  # noqa: E402,F401
