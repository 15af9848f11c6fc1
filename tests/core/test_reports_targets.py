"""The editing links of a report's items: ``keyed_url`` builds the route once and gives, for each
item's key, the very link ``url(name, key=key)`` would."""
from types import SimpleNamespace

from core.jalali import Period
from core.reports.targets import DraftTarget, EditionTarget

KEYS = ("council:cards.provincial", "core:committee.12", "manual:0a1b2c", "news:نشست خبری/۱ & ۲?")


def test_keyed_url_matches_url_for(app):
    with app.test_request_context():
        for target in (DraftTarget(Period.year(1403)), DraftTarget(Period.year_to_date()),
                       EditionTarget(SimpleNamespace(id=7))):
            url_of = target.keyed_url("item_text")
            for key in KEYS:
                assert url_of(key) == target.url("item_text", key=key)
