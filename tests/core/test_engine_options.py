"""The engine's connection checks: a database server's connections are pinged before use (the
server may have dropped them); an SQLite file's are not (a wasted statement per request)."""
import pytest

from core.db import db
from core.setup import _without_ping_on_sqlite


@pytest.mark.parametrize(("url", "pinged"), [("sqlite:////tmp/ravabet.db", False), ("sqlite://", False),
                                             ("postgresql+psycopg://postgres@127.0.0.1/ravabet", True)])
def test_only_a_database_server_is_pinged(url, pinged):
    options = {"pool_pre_ping": True, "echo": False}
    config = {"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options}
    _without_ping_on_sqlite(config)
    assert config["SQLALCHEMY_ENGINE_OPTIONS"].get("pool_pre_ping", False) is pinged
    assert config["SQLALCHEMY_ENGINE_OPTIONS"]["echo"] is False
    assert options["pool_pre_ping"] is True  # the configuration class's dict is left as it was


def test_the_apps_engine(app):
    with app.app_context():
        assert db.engine.pool._pre_ping is (db.engine.dialect.name != "sqlite")
