"""Where a report's editing forms and exports point: a period's live report or a saved edition."""
from urllib.parse import quote_plus

from flask import url_for

# The characters Werkzeug leaves unquoted in a query string, so that a link built by
# ``keyed_url`` reads exactly as ``url_for`` would write it.
_QUERY_SAFE = "!$'()*,/:;?@"


class _Target:
    """What both targets share; each gives ``url(name, **kwargs)``."""

    def keyed_url(self, name):
        """A function of an item's key giving ``url(name, key=key)``, the route built once for
        all the items of a page (``url_for`` per item costs more than the rest of an item)."""
        base = self.url(name)
        separator = "&" if "?" in base else "?"
        return lambda key: f"{base}{separator}key={quote_plus(key, safe=_QUERY_SAFE)}"  # as urlencode writes it


class DraftTarget(_Target):
    """The live report of a period; its edits are kept as the period's draft."""

    def __init__(self, period):
        self.args = period.as_args()

    def url(self, name, **kwargs):
        return url_for(f"reports.{name}", **self.args, **kwargs)


class EditionTarget(_Target):
    """A saved edition; editing changes its own copy of the items."""

    def __init__(self, edition):
        self.edition = edition

    def url(self, name, **kwargs):
        return url_for(f"reports.edition_{name}", edition_id=self.edition.id, **kwargs)
