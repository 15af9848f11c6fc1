"""news: the items' and events' (id, deleted_at) index on SQLite

core.search.index.create_live_index: a search's matches are checked against the trash from this
index, so the list's count of a common word reads no rows.

Revision ID: news0003s
Revises: news0002
Create Date: 2026-11-26 18:40:00

"""
from alembic import op

from core.search.index import create_live_index, drop_live_index

# revision identifiers, used by Alembic.
revision = 'news0003s'
down_revision = 'news0002'
branch_labels = None
depends_on = None

TABLES = ("news_items", "news_events")


def upgrade():
    for name in TABLES:
        create_live_index(op, name)


def downgrade():
    for name in TABLES:
        drop_live_index(op, name)
