"""core.listing: stable pages when sort values tie, and the capped count of very long lists."""
from sqlalchemy import select

from core.db import db
from core.listing import ListQuery
from core.models import Organization


def _organizations(count, name="فرمانداری"):
    db.session.add_all(Organization(name=name, type="county", city=str(i)) for i in range(count))
    db.session.commit()


def test_pages_of_tied_rows_neither_repeat_nor_skip(app):
    _organizations(7)
    listing = ListQuery(select(Organization), sorts={"name": Organization.name}, default_sort="name")
    seen = []
    for number in ("1", "2", "3"):
        seen += [o.id for o in listing.page(db.session, {"page": number}, per_page=3).items]
    assert len(seen) == 7 and len(set(seen)) == 7


def test_long_lists_stop_counting_at_the_cap(app):
    _organizations(5)
    capped = ListQuery(select(Organization), max_count=3).page(db.session, {}, per_page=2)
    assert capped.capped and capped.total == 3 and capped.pages == 2
    exact = ListQuery(select(Organization), max_count=10).page(db.session, {}, per_page=2)
    assert not exact.capped and exact.total == 5
