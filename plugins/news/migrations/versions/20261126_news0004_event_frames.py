"""news: the events' frames (their photos outside the trash) kept on the event, filled from the
photos; from now on the core keeps it (core.photos.counts)

Revision ID: news0004
Revises: news0003s
Create Date: 2026-11-26 19:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'news0004'
down_revision = 'news0003s'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('news_events', sa.Column('frames', sa.Integer(), server_default='0', nullable=False))
    op.execute("UPDATE news_events SET frames = (SELECT count(*) FROM photos WHERE photos.entity = 'news_events'"
               " AND photos.entity_id = news_events.id AND photos.deleted_at IS NULL)")


def downgrade():
    with op.batch_alter_table('news_events') as batch_op:
        batch_op.drop_column('frames')
