"""council: honors and campaigns

Revision ID: council0005
Revises: council0004
Create Date: 2026-11-26 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import core.db
from core.search.index import create_search_index, drop_search_index


# revision identifiers, used by Alembic.
revision = 'council0005'
down_revision = 'council0004'
branch_labels = None
depends_on = None

SEARCHED = ("council_ceremonies", "council_honorees", "council_campaigns", "council_campaign_events")


def upgrade():
    op.create_table('council_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('hashtag', sa.String(length=100), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_campaigns_deleted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_campaigns'))
    )
    with op.batch_alter_table('council_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_campaigns_start_date'), ['start_date'], unique=False)

    op.create_table('council_ceremonies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('occasion', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_ceremonies_deleted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_ceremonies'))
    )
    with op.batch_alter_table('council_ceremonies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_ceremonies_date'), ['date'], unique=False)

    op.create_table('council_campaign_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('reach', sa.Integer(), nullable=True),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['council_campaigns.id'], name=op.f('fk_council_campaign_events_campaign_id_council_campaigns')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_campaign_events_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['council_units.id'], name=op.f('fk_council_campaign_events_unit_id_council_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_campaign_events'))
    )
    with op.batch_alter_table('council_campaign_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_campaign_events_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_campaign_events_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_campaign_events_unit_id'), ['unit_id'], unique=False)

    op.create_table('council_campaign_units',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['council_campaigns.id'], name=op.f('fk_council_campaign_units_campaign_id_council_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['council_units.id'], name=op.f('fk_council_campaign_units_unit_id_council_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'unit_id', name=op.f('pk_council_campaign_units'))
    )
    with op.batch_alter_table('council_campaign_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_campaign_units_unit_id'), ['unit_id'], unique=False)

    op.create_table('council_honorees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ceremony_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('citation', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ceremony_id'], ['council_ceremonies.id'], name=op.f('fk_council_honorees_ceremony_id_council_ceremonies')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_honorees_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_council_honorees_organization_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_council_honorees_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_honorees'))
    )
    with op.batch_alter_table('council_honorees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_honorees_ceremony_id'), ['ceremony_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_honorees_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_honorees_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ux_council_honorees_ceremony_person', ['ceremony_id', 'person_id'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    for table in SEARCHED:
        create_search_index(op, table)


def downgrade():
    for table in SEARCHED:
        drop_search_index(op, table)

    with op.batch_alter_table('council_honorees', schema=None) as batch_op:
        batch_op.drop_index('ux_council_honorees_ceremony_person', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_council_honorees_person_id'))
        batch_op.drop_index(batch_op.f('ix_council_honorees_kind'))
        batch_op.drop_index(batch_op.f('ix_council_honorees_ceremony_id'))

    op.drop_table('council_honorees')
    with op.batch_alter_table('council_campaign_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_campaign_units_unit_id'))

    op.drop_table('council_campaign_units')
    with op.batch_alter_table('council_campaign_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_campaign_events_unit_id'))
        batch_op.drop_index(batch_op.f('ix_council_campaign_events_date'))
        batch_op.drop_index(batch_op.f('ix_council_campaign_events_campaign_id'))

    op.drop_table('council_campaign_events')
    with op.batch_alter_table('council_ceremonies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_ceremonies_date'))

    op.drop_table('council_ceremonies')
    with op.batch_alter_table('council_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_campaigns_start_date'))

    op.drop_table('council_campaigns')
