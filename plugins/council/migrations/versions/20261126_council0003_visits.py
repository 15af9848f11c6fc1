"""council: visits and appointment opinions

Revision ID: council0003
Revises: council0002
Create Date: 2026-11-26 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import core.db


# revision identifiers, used by Alembic.
revision = 'council0003'
down_revision = 'council0002'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
