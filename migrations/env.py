"""Alembic environment for the core and every plugin branch.

Autogenerate for one branch at a time, so a revision only holds its own tables:
    flask db migrate -x module=core --head core@head -m "..."
    flask db migrate -x module=KEY --head KEY@head -m "..."
(``flask plugin migrate KEY -m "..."`` does the second for a plugin.)
"""
import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from core.search.index import is_search_index

config = context.config
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

migrate_ext = current_app.extensions["migrate"]
engine = migrate_ext.db.engine
config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
target_metadata = migrate_ext.db.metadata


def table_module(table_name):
    """The plugin key that owns a table (tables are prefixed ``<key>_``; the longest matching key
    wins, so ``media_commission_items`` is not claimed by a plugin ``media``), or "core"."""
    keys = [key for key in current_app.extensions["ravabet_plugins"].records if table_name.startswith(key + "_")]
    return max(keys, key=len) if keys else "core"


def include_object(obj, name, type_, reflected, compare_to):
    if reflected and compare_to is None and is_search_index(name, type_):
        return False  # the text indexes of core.search.index live outside the models
    wanted = context.get_x_argument(as_dictionary=True).get("module")
    if wanted is None or type_ != "table":
        return True
    return table_module(name) == wanted


def process_revision_directives(ctx, revision, directives):
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    conf_args = dict(migrate_ext.configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          include_object=include_object, **conf_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
