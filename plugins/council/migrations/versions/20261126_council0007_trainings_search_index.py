"""council: a text index for the training sessions' search_text, as the other searched tables have
(without one the search box read every training session for every search)

Revision ID: council0007
Revises: council0006
Create Date: 2026-11-27 00:00:00

"""
from alembic import op

from core.search.index import create_search_index, drop_search_index


# revision identifiers, used by Alembic.
revision = 'council0007'
down_revision = 'council0006'
branch_labels = None
depends_on = None


def upgrade():
    create_search_index(op, "council_trainings", key="meeting_id")


def downgrade():
    drop_search_index(op, "council_trainings")
