"""search: text indexes on the core's search_text columns (core.search.index)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 13:00:00

"""
from core.search.index import create_search_index, drop_search_index
from alembic import op


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

TABLES = ("people", "organizations", "committees", "committee_meetings", "committee_resolutions",
          "sms_batches", "sms_groups", "report_editions")


def upgrade():
    for name in TABLES:
        create_search_index(op, name)


def downgrade():
    for name in TABLES:
        drop_search_index(op, name)
