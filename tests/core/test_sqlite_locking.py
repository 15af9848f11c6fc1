"""On SQLite, a request that may write takes the write lock when its transaction begins, so two
simultaneous logins wait for each other instead of one failing with "database is locked"."""
import sqlite3

import pytest


@pytest.fixture
def sqlite_file(database_url):
    if not database_url.startswith("sqlite:///"):
        pytest.skip("SQLite only")
    return database_url.removeprefix("sqlite:///")


def _other_writer_is_blocked(path):
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    finally:
        other.close()


@pytest.mark.committing
@pytest.mark.parametrize(("method", "locks"), [("POST", True), ("GET", False)])
def test_writing_requests_begin_immediate(app, sqlite_file, method, locks):
    from core.db import db

    with app.test_request_context(method=method):
        with db.engine.connect() as connection:
            with connection.begin():
                assert _other_writer_is_blocked(sqlite_file) is locks
