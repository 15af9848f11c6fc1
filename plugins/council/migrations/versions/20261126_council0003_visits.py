"""council: visits and appointment opinions

Revision ID: council0003
Revises: council0002
Create Date: 2026-11-26 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import core.db
from core.search.index import create_search_index, drop_search_index


# revision identifiers, used by Alembic.
revision = 'council0003'
down_revision = 'council0002'
branch_labels = None
depends_on = None

SEARCHED = ("council_visits", "council_visit_actions", "council_appointment_requests")


def upgrade():
    op.create_table('council_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_visits_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['council_units.id'], name=op.f('fk_council_visits_unit_id_council_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_visits'))
    )

    with op.batch_alter_table('council_visits', schema=None) as batch_op:
        batch_op.create_index('ix_council_visits_date_deleted', ['date', 'deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_visits_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_visits_unit_id'), ['unit_id'], unique=False)

    op.create_table('council_visit_visitors',
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_council_visit_visitors_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['visit_id'], ['council_visits.id'], name=op.f('fk_council_visit_visitors_visit_id_council_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'person_id', name=op.f('pk_council_visit_visitors'))
    )

    with op.batch_alter_table('council_visit_visitors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_visit_visitors_person_id'), ['person_id'], unique=False)

    op.create_table('council_visit_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_person_id', sa.Integer(), nullable=True),
    sa.Column('owner_organization_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_visit_actions_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['owner_organization_id'], ['organizations.id'], name=op.f('fk_council_visit_actions_owner_organization_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_person_id'], ['people.id'], name=op.f('fk_council_visit_actions_owner_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['council_visits.id'], name=op.f('fk_council_visit_actions_visit_id_council_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_visit_actions'))
    )

    with op.batch_alter_table('council_visit_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_visit_actions_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_visit_actions_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_visit_actions_visit_id'), ['visit_id'], unique=False)

    op.create_table('council_appointment_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('letter_number', sa.String(length=50), nullable=False),
    sa.Column('nominee_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('review_notes', sa.Text(), nullable=False),
    sa.Column('qualifications', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('opinion', sa.String(length=16), nullable=True),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('opinion_on', sa.Date(), nullable=True),
    sa.Column('opinion_number', sa.String(length=50), nullable=False),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['organizations.id'], name=op.f('fk_council_appointment_requests_agency_id_organizations')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_appointment_requests_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['nominee_id'], ['people.id'], name=op.f('fk_council_appointment_requests_nominee_id_people')),
    sa.ForeignKeyConstraint(['signed_by_id'], ['users.id'], name=op.f('fk_council_appointment_requests_signed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_appointment_requests'))
    )

    with op.batch_alter_table('council_appointment_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_appointment_requests_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_appointment_requests_nominee_id'), ['nominee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_appointment_requests_opinion_on'), ['opinion_on'], unique=False)
        batch_op.create_index('ix_council_appointment_requests_received_deleted', ['received_on', 'deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_appointment_requests_status'), ['status'], unique=False)

    for table in SEARCHED:
        create_search_index(op, table)


def downgrade():
    for table in reversed(SEARCHED):
        drop_search_index(op, table)
    with op.batch_alter_table('council_appointment_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_appointment_requests_status'))
        batch_op.drop_index('ix_council_appointment_requests_received_deleted')
        batch_op.drop_index(batch_op.f('ix_council_appointment_requests_opinion_on'))
        batch_op.drop_index(batch_op.f('ix_council_appointment_requests_nominee_id'))
        batch_op.drop_index(batch_op.f('ix_council_appointment_requests_agency_id'))

    op.drop_table('council_appointment_requests')
    with op.batch_alter_table('council_visit_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_visit_actions_visit_id'))
        batch_op.drop_index(batch_op.f('ix_council_visit_actions_status'))
        batch_op.drop_index(batch_op.f('ix_council_visit_actions_due_date'))

    op.drop_table('council_visit_actions')
    with op.batch_alter_table('council_visit_visitors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_visit_visitors_person_id'))

    op.drop_table('council_visit_visitors')
    with op.batch_alter_table('council_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_visits_unit_id'))
        batch_op.drop_index(batch_op.f('ix_council_visits_kind'))
        batch_op.drop_index('ix_council_visits_date_deleted')

    op.drop_table('council_visits')
