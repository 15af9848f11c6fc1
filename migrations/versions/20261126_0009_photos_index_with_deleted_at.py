"""photos: the (entity, entity_id) index covers deleted_at, so photo counts read the index alone

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 12:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_index('ix_photos_entity')
        batch_op.create_index('ix_photos_entity', ['entity', 'entity_id', 'deleted_at', 'sort_order'], unique=False)


def downgrade():
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_index('ix_photos_entity')
        batch_op.create_index('ix_photos_entity', ['entity', 'entity_id', 'sort_order'], unique=False)
