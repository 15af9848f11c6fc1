"""people: the name index holds the id and deleted_at, so a later page of the list and its count
read the index alone

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 16:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_people_last_name_first_name', table_name='people')
    op.create_index('ix_people_last_name_first_name', 'people', ['last_name', 'first_name', 'id', 'deleted_at'],
                    unique=False)


def downgrade():
    op.drop_index('ix_people_last_name_first_name', table_name='people')
    op.create_index('ix_people_last_name_first_name', 'people', ['last_name', 'first_name'], unique=False)
