"""council: honors and campaigns

Revision ID: council0005
Revises: council0004
Create Date: 2026-11-26 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import core.db


# revision identifiers, used by Alembic.
revision = 'council0005'
down_revision = 'council0004'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
