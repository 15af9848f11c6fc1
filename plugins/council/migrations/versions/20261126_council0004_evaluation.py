"""council: performance evaluation and the county portals' evaluation

Revision ID: council0004
Revises: council0003
Create Date: 2026-11-26 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import core.db


# revision identifiers, used by Alembic.
revision = 'council0004'
down_revision = 'council0003'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
