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
    # No text index: a few dozen sessions a year are searched faster by a scan, and the index's
    # FTS5 table needs an integer ``id`` (this table's key is the meeting's).
    op.create_table('council_trainings',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=300), nullable=False),
    sa.Column('instructor', sa.String(length=200), nullable=False),
    sa.Column('instructor_level', sa.String(length=16), nullable=False),
    sa.Column('hours', sa.Numeric(precision=5, scale=1), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('hours > 0', name=op.f('ck_council_trainings_hours_positive')),
    sa.ForeignKeyConstraint(['meeting_id'], ['committee_meetings.id'], name=op.f('fk_council_trainings_meeting_id_committee_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_council_trainings'))
    )


def downgrade():
    op.drop_table('council_trainings')
