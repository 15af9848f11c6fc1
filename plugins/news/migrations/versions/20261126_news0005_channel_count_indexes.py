"""news: the publications' (channel, item) and the items' (id, deleted_at, status) indexes

The news list's count of a channel's items reads the channel's publications from the first and
checks their items' state in the second, not in their rows.

Revision ID: news0005
Revises: news0004
Create Date: 2026-11-26 19:50:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'news0005'
down_revision = 'news0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_news_publications_channel_item', 'news_publications', ['channel_id', 'item_id'])
    op.create_index('ix_news_items_state', 'news_items', ['id', 'deleted_at', 'status'])


def downgrade():
    op.drop_index('ix_news_items_state', table_name='news_items')
    op.drop_index('ix_news_publications_channel_item', table_name='news_publications')
