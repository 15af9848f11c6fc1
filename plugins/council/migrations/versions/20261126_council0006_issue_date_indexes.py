"""council: cards and certificates indexed by their issue date (the report and the dashboard count
a period's; without the index every count read the whole table)

Revision ID: council0006
Revises: council0005
Create Date: 2026-11-26 17:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'council0006'
down_revision = 'council0005'
branch_labels = None
depends_on = None

TABLES = ("council_cards", "council_certificates")


def upgrade():
    for table in TABLES:
        op.create_index(f'ix_{table}_issued_on', table, ['issued_on'], unique=False)


def downgrade():
    for table in TABLES:
        op.drop_index(f'ix_{table}_issued_on', table_name=table)
