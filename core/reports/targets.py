"""Where a report's editing forms and exports point: a period's live report or a saved edition."""
from flask import url_for


class DraftTarget:
    """The live report of a period; its edits are kept as the period's draft."""

    def __init__(self, period):
        self.args = period.as_args()

    def url(self, name, **kwargs):
        return url_for(f"reports.{name}", **self.args, **kwargs)


class EditionTarget:
    """A saved edition; editing changes its own copy of the items."""

    def __init__(self, edition):
        self.edition = edition

    def url(self, name, **kwargs):
        return url_for(f"reports.edition_{name}", edition_id=self.edition.id, **kwargs)
