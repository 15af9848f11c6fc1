"""sms_messages: the batch index holds the mobile, so a report's reach (distinct numbers delivered
to by a period's batches) reads the index alone

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 19:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_sms_messages_batch_id', table_name='sms_messages')
    op.create_index('ix_sms_messages_batch_id', 'sms_messages', ['batch_id', 'status', 'mobile'], unique=False)


def downgrade():
    op.drop_index('ix_sms_messages_batch_id', table_name='sms_messages')
    op.create_index('ix_sms_messages_batch_id', 'sms_messages', ['batch_id', 'status'], unique=False)
