"""Photo sets of any record: ``core.photos.models.Photo`` rows, checked and rendered once at upload
(``processing``), saved, imported in bulk and zipped (``service``, ``importing``), shown and served by
the ``files`` blueprint at /files/ (``views``, which also serves attachments to whoever may see the
record: ``core.attachments.register_attachment_owner``).

This package imports nothing on load, so core.models can import its model."""
