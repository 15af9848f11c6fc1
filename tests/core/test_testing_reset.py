"""Browser tests commit for real and then empty the database: what the migrations themselves
inserted (a plugin's default channels, say) must come back, as on a fresh install."""
import pytest
from sqlalchemy import func, select

from core.db import db
from core.models import Person
from core.testing import _MIGRATED_ROWS, delete_all_rows


@pytest.mark.committing
def test_delete_all_rows_keeps_the_rows_the_migrations_inserted(app):
    with app.app_context():
        assert _MIGRATED_ROWS, "the migrations insert reference rows (e.g. news channels)"
        db.session.add(Person(first_name="علی", last_name="رضایی"))
        db.session.commit()
        delete_all_rows()
        assert db.session.scalar(select(func.count()).select_from(Person)) == 0
        for table, rows in _MIGRATED_ROWS:
            assert db.session.scalar(select(func.count()).select_from(table)) == len(rows), table.name
        db.session.remove()
