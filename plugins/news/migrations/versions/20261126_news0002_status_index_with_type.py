"""news: the items' (status, date) index holds the type, so the report's, the dashboard's and the
analysis' counts by status and type read the index alone

Revision ID: news0002
Revises: news0001
Create Date: 2026-11-26 17:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'news0002'
down_revision = 'news0001'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_news_items_status_date', table_name='news_items')
    op.create_index('ix_news_items_status_date', 'news_items', ['status', 'date', 'deleted_at', 'type'], unique=False)


def downgrade():
    op.drop_index('ix_news_items_status_date', table_name='news_items')
    op.create_index('ix_news_items_status_date', 'news_items', ['status', 'date', 'deleted_at'], unique=False)
