"""news: the items' date index holds their id before deleted_at

The list's order (date desc, id desc) is then the index's own: the ids of a deep page are read from
the index alone, where the (date, deleted_at) index left each day's items to sort (the last of 600
pages: 4 → 1 ms for its ids).

Revision ID: news0007
Revises: news0006
Create Date: 2026-11-26 22:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'news0007'
down_revision = 'news0006'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_news_items_date", table_name="news_items")
    op.create_index("ix_news_items_date", "news_items", ["date", "id", "deleted_at"])


def downgrade():
    op.drop_index("ix_news_items_date", table_name="news_items")
    op.create_index("ix_news_items_date", "news_items", ["date", "deleted_at"])
