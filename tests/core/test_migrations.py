"""The migrations build the whole schema from empty (done by the session's app fixture, on SQLite or
PostgreSQL) and match the models: `flask db check` finds nothing to generate."""
from alembic.script import ScriptDirectory
from flask_migrate import check


def test_db_check_is_clean(app):
    # Flask-Migrate exits (SystemExit) when the models and the migrations differ.
    with app.app_context():
        check()


def test_the_core_and_each_plugin_have_their_own_branch(app):
    with app.app_context():
        script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        branches = set()
        for head in script.get_heads():
            for revision in script.iterate_revisions(head, "base"):
                branches |= set(revision.branch_labels or ())
    assert len(script.get_heads()) == len(branches)
    assert {"core", "sample"} <= branches
