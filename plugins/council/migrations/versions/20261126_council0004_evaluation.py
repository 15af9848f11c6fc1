"""council: performance evaluation and the county portals' evaluation

Revision ID: council0004
Revises: council0003
Create Date: 2026-11-26 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import core.db
from core.search.index import create_search_index, drop_search_index


# revision identifiers, used by Alembic.
revision = 'council0004'
down_revision = 'council0003'
branch_labels = None
depends_on = None

SEARCHED = ("council_indicator_sets", "council_evaluation_rounds")


def upgrade():
    op.create_table('council_indicator_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('approver', sa.String(length=16), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('approval_reference', sa.String(length=200), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_council_indicator_sets_approved_by_id_users')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_indicator_sets_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['previous_id'], ['council_indicator_sets.id'], name=op.f('fk_council_indicator_sets_previous_id_council_indicator_sets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_indicator_sets'))
    )

    op.create_table('council_indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('group_title', sa.String(length=100), nullable=False),
    sa.Column('guidance', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['set_id'], ['council_indicator_sets.id'], name=op.f('fk_council_indicators_set_id_council_indicator_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_indicators'))
    )
    with op.batch_alter_table('council_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_indicators_set_id'), ['set_id'], unique=False)

    op.create_table('council_evaluation_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('winners', sa.Integer(), nullable=False),
    sa.Column('signer_name', sa.String(length=100), nullable=False),
    sa.Column('signer_position', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_evaluation_rounds_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['set_id'], ['council_indicator_sets.id'], name=op.f('fk_council_evaluation_rounds_set_id_council_indicator_sets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_evaluation_rounds'))
    )
    with op.batch_alter_table('council_evaluation_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_evaluation_rounds_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_evaluation_rounds_set_id'), ['set_id'], unique=False)

    op.create_table('council_evaluation_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['council_evaluation_rounds.id'], name=op.f('fk_council_evaluation_categories_round_id_council_evaluation_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_evaluation_categories'))
    )
    with op.batch_alter_table('council_evaluation_categories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_evaluation_categories_round_id'), ['round_id'], unique=False)

    op.create_table('council_evaluation_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['council_evaluation_categories.id'], name=op.f('fk_council_evaluation_entries_category_id_council_evaluation_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['council_evaluation_rounds.id'], name=op.f('fk_council_evaluation_entries_round_id_council_evaluation_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['council_units.id'], name=op.f('fk_council_evaluation_entries_unit_id_council_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_evaluation_entries')),
    sa.UniqueConstraint('round_id', 'unit_id', name=op.f('uq_council_evaluation_entries_round_id_unit_id'))
    )
    with op.batch_alter_table('council_evaluation_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_evaluation_entries_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_evaluation_entries_unit_id'), ['unit_id'], unique=False)

    op.create_table('council_evaluation_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['council_evaluation_entries.id'], name=op.f('fk_council_evaluation_scores_entry_id_council_evaluation_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['council_indicators.id'], name=op.f('fk_council_evaluation_scores_indicator_id_council_indicators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_evaluation_scores')),
    sa.UniqueConstraint('entry_id', 'indicator_id', name=op.f('uq_council_evaluation_scores_entry_id_indicator_id'))
    )
    with op.batch_alter_table('council_evaluation_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_evaluation_scores_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('council_portal_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('updating', sa.Integer(), nullable=False),
    sa.Column('quality', sa.Integer(), nullable=False),
    sa.Column('coverage', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_portal_scores_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['council_units.id'], name=op.f('fk_council_portal_scores_unit_id_council_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_portal_scores'))
    )
    with op.batch_alter_table('council_portal_scores', schema=None) as batch_op:
        batch_op.create_index('ix_council_portal_scores_year_month', ['year', 'month'], unique=False)
        batch_op.create_index('ux_council_portal_scores_unit_month', ['unit_id', 'year', 'month'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    for table in SEARCHED:
        create_search_index(op, table)


def downgrade():
    for table in SEARCHED:
        drop_search_index(op, table)
    with op.batch_alter_table('council_portal_scores', schema=None) as batch_op:
        batch_op.drop_index('ux_council_portal_scores_unit_month', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index('ix_council_portal_scores_year_month')
    op.drop_table('council_portal_scores')
    with op.batch_alter_table('council_evaluation_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_evaluation_scores_indicator_id'))
    op.drop_table('council_evaluation_scores')
    with op.batch_alter_table('council_evaluation_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_evaluation_entries_unit_id'))
        batch_op.drop_index(batch_op.f('ix_council_evaluation_entries_category_id'))
    op.drop_table('council_evaluation_entries')
    with op.batch_alter_table('council_evaluation_categories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_evaluation_categories_round_id'))
    op.drop_table('council_evaluation_categories')
    with op.batch_alter_table('council_evaluation_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_evaluation_rounds_set_id'))
        batch_op.drop_index(batch_op.f('ix_council_evaluation_rounds_held_on'))
    op.drop_table('council_evaluation_rounds')
    with op.batch_alter_table('council_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_indicators_set_id'))
    op.drop_table('council_indicators')

    op.drop_table('council_indicator_sets')
