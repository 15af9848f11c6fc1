"""The photo import job: a large batch or a ZIP of photos, imported outside the request.

The request only saves the files as they came (``service.stage_uploads``); the job checks and
renders each, with progress, and removes the staged files once all are saved. Run again after a
failure or a restart, it skips the photos already saved (``import_photos`` knows them by content).
"""
import shutil

from flask import url_for
from flask_babel import gettext as _

from core.jobs import enqueue, job_handler
from core.photos import service
from core.text import to_fa_digits


def start_import(entity, entity_id, uploads, title, user=None):
    """Stage ``uploads`` and queue their import into the record's photos; returns the Job."""
    payload = {"entity": entity, "entity_id": entity_id, **service.stage_uploads(uploads)}
    return enqueue("photos.import", payload, title=title, user=user)


@job_handler("photos.import")
def import_job(ctx, payload):
    archives = []
    try:
        sources, rejected = service.staged_sources(payload, archives)
        ctx.progress(0, len(sources), message=_("Checking the photos and making their thumbnails"))
        result = service.import_photos(payload["entity"], payload["entity_id"], sources,
                                       user_id=ctx.job.created_by_id, rejected=rejected,
                                       progress=lambda done, total: ctx.progress(done, total))
    finally:
        for archive in archives:
            archive.close()
    ctx.progress(len(sources), len(sources), message=_("%(count)s photos were saved.", count=to_fa_digits(len(result.saved))))
    shutil.rmtree(service.staging_dir(payload["staging"]), ignore_errors=True)
    url = url_for("files.gallery", entity=payload["entity"], entity_id=payload["entity_id"], job=ctx.job.id)
    return {**result.as_dict(), "url": url}
