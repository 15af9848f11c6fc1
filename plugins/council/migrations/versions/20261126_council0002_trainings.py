"""council: training sessions

Revision ID: council0002
Revises: council0001
Create Date: 2026-11-26 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import core.db


# revision identifiers, used by Alembic.
revision = 'council0002'
down_revision = 'council0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
