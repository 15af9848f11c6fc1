"""Where a report's editing forms and exports point: a period's live report or a saved edition."""
from flask import url_for


class DraftTarget:
    """The live report of a period; its edits are kept as the period's draft."""

    is_edition = False

    def __init__(self, period):
        self.args = period.as_args()

    def url(self, name, **kwargs):
        return url_for(f"reports.{name}", **self.args, **kwargs)

    def page_url(self, **kwargs):
        return url_for("reports.index", **self.args, **kwargs)


class EditionTarget:
    """A saved edition; editing changes its own copy of the items."""

    is_edition = True

    def __init__(self, edition):
        self.edition = edition

    def url(self, name, **kwargs):
        return url_for(f"reports.edition_{name}", edition_id=self.edition.id, **kwargs)

    def page_url(self, **kwargs):
        return url_for("reports.edition", edition_id=self.edition.id, **kwargs)
