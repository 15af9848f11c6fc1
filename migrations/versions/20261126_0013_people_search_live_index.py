"""people: the (id, deleted_at) index on SQLite

core.search.index.create_live_index: a search's matches are checked against the trash from this
index, so the directory's count of a common last name reads no rows (632 people: 1.1 → 0.4 ms).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 19:40:00

"""
from alembic import op

from core.search.index import create_live_index, drop_live_index

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    create_live_index(op, "people")


def downgrade():
    drop_live_index(op, "people")
