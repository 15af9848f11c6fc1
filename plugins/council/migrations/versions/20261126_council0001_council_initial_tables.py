"""council: members, cards and certificates, board elections and voting

Revision ID: council0001
Revises:
Create Date: 2026-11-26 13:39:44.121553

"""
from alembic import op
import sqlalchemy as sa

import core.db
from core.search.index import create_search_index, drop_search_index


# revision identifiers, used by Alembic.
revision = 'council0001'
down_revision = None
branch_labels = ('council',)
depends_on = '0010'

SEARCHED = ("council_units", "council_members", "council_elections")


def upgrade():
    op.create_table('council_elections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body', sa.String(length=16), nullable=False),
    sa.Column('term', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('alternates', sa.Integer(), nullable=False),
    sa.Column('max_choices', sa.Integer(), nullable=False),
    sa.Column('registration_start', sa.Date(), nullable=False),
    sa.Column('registration_end', sa.Date(), nullable=False),
    sa.Column('vetting_end', sa.Date(), nullable=False),
    sa.Column('objections_end', sa.Date(), nullable=False),
    sa.Column('voting_date', sa.Date(), nullable=False),
    sa.Column('results_date', sa.Date(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('list_published_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('voting_opened_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('voting_closed_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('results_published_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_elections_deleted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_elections')),
    sa.UniqueConstraint('body', 'term', name=op.f('uq_council_elections_body_term'))
    )
    with op.batch_alter_table('council_elections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_elections_body'), ['body'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_elections_voting_date'), ['voting_date'], unique=False)

    op.create_table('council_ballots',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['council_elections.id'], name=op.f('fk_council_ballots_election_id_council_elections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_council_ballots')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('council_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_ballots_election_id'), ['election_id'], unique=False)

    op.create_table('council_election_clauses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['council_elections.id'], name=op.f('fk_council_election_clauses_election_id_council_elections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_election_clauses'))
    )
    with op.batch_alter_table('council_election_clauses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_election_clauses_election_id'), ['election_id'], unique=False)

    op.create_table('council_paper_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('settled_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('settled_by_id', sa.Integer(), nullable=True),
    sa.Column('issued', sa.Integer(), nullable=True),
    sa.Column('cast', sa.Integer(), nullable=True),
    sa.Column('spoiled', sa.Integer(), nullable=True),
    sa.Column('unused', sa.Integer(), nullable=True),
    sa.Column('valid', sa.Integer(), nullable=True),
    sa.Column('blank', sa.Integer(), nullable=True),
    sa.Column('invalid', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['council_elections.id'], name=op.f('fk_council_paper_batches_election_id_council_elections')),
    sa.ForeignKeyConstraint(['settled_by_id'], ['users.id'], name=op.f('fk_council_paper_batches_settled_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_paper_batches')),
    sa.UniqueConstraint('election_id', 'number', name=op.f('uq_council_paper_batches_election_id_number'))
    )
    with op.batch_alter_table('council_paper_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_paper_batches_election_id'), ['election_id'], unique=False)

    op.create_table('council_units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.String(length=16), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_units_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_council_units_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_units')),
    sa.UniqueConstraint('organization_id', name=op.f('uq_council_units_organization_id'))
    )
    with op.batch_alter_table('council_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_units_body'), ['body'], unique=False)

    op.create_table('council_bodies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=16), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_council_bodies_committee_id_committees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_bodies')),
    sa.UniqueConstraint('committee_id', name=op.f('uq_council_bodies_committee_id')),
    sa.UniqueConstraint('key', name=op.f('uq_council_bodies_key'))
    )
    op.create_table('council_election_supervisors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('signed_off_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('objection', sa.Text(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['council_elections.id'], name=op.f('fk_council_election_supervisors_election_id_council_elections')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_council_election_supervisors_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_election_supervisors')),
    sa.UniqueConstraint('election_id', 'person_id', name=op.f('uq_council_election_supervisors_election_id_person_id'))
    )
    with op.batch_alter_table('council_election_supervisors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_election_supervisors_election_id'), ['election_id'], unique=False)

    op.create_table('council_paper_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('issued', sa.Integer(), nullable=True),
    sa.Column('cast', sa.Integer(), nullable=True),
    sa.Column('spoiled', sa.Integer(), nullable=True),
    sa.Column('unused', sa.Integer(), nullable=True),
    sa.Column('valid', sa.Integer(), nullable=True),
    sa.Column('blank', sa.Integer(), nullable=True),
    sa.Column('invalid', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['council_paper_batches.id'], name=op.f('fk_council_paper_entries_batch_id_council_paper_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_council_paper_entries_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_paper_entries')),
    sa.UniqueConstraint('batch_id', 'user_id', name=op.f('uq_council_paper_entries_batch_id_user_id'))
    )
    with op.batch_alter_table('council_paper_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_paper_entries_batch_id'), ['batch_id'], unique=False)

    op.create_table('council_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('education', sa.String(length=16), nullable=False),
    sa.Column('field_of_study', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('member_number', sa.String(length=20), nullable=True),
    sa.Column('seat_id', sa.Integer(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_council_members_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_council_members_person_id_people')),
    sa.ForeignKeyConstraint(['seat_id'], ['committee_members.id'], name=op.f('fk_council_members_seat_id_committee_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['council_units.id'], name=op.f('fk_council_members_unit_id_council_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_members')),
    sa.UniqueConstraint('member_number', name=op.f('uq_council_members_member_number'))
    )
    with op.batch_alter_table('council_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_members_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_members_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index('ux_council_members_current_manager', ['unit_id'], unique=True, sqlite_where=sa.text("role = 'manager' AND end_date IS NULL AND deleted_at IS NULL"), postgresql_where=sa.text("role = 'manager' AND end_date IS NULL AND deleted_at IS NULL"))

    op.create_table('council_candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('registered_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('decided_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('code', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['council_elections.id'], name=op.f('fk_council_candidates_election_id_council_elections')),
    sa.ForeignKeyConstraint(['member_id'], ['council_members.id'], name=op.f('fk_council_candidates_member_id_council_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_candidates')),
    sa.UniqueConstraint('election_id', 'code', name=op.f('uq_council_candidates_election_id_code')),
    sa.UniqueConstraint('election_id', 'member_id', name=op.f('uq_council_candidates_election_id_member_id'))
    )
    with op.batch_alter_table('council_candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_candidates_election_id'), ['election_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_candidates_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_candidates_status'), ['status'], unique=False)

    op.create_table('council_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revoke_reason', sa.String(length=300), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['council_members.id'], name=op.f('fk_council_cards_member_id_council_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_cards')),
    sa.UniqueConstraint('code', name=op.f('uq_council_cards_code')),
    sa.UniqueConstraint('number', name=op.f('uq_council_cards_number'))
    )
    with op.batch_alter_table('council_cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_cards_member_id'), ['member_id'], unique=False)

    op.create_table('council_certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('hours', sa.Numeric(precision=6, scale=1), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revoke_reason', sa.String(length=300), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['committee_meetings.id'], name=op.f('fk_council_certificates_meeting_id_committee_meetings')),
    sa.ForeignKeyConstraint(['member_id'], ['council_members.id'], name=op.f('fk_council_certificates_member_id_council_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_certificates')),
    sa.UniqueConstraint('code', name=op.f('uq_council_certificates_code')),
    sa.UniqueConstraint('meeting_id', 'member_id', name=op.f('uq_council_certificates_meeting_id_member_id')),
    sa.UniqueConstraint('number', name=op.f('uq_council_certificates_number'))
    )
    with op.batch_alter_table('council_certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_certificates_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_certificates_member_id'), ['member_id'], unique=False)

    op.create_table('council_election_roll',
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['council_elections.id'], name=op.f('fk_council_election_roll_election_id_council_elections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['council_members.id'], name=op.f('fk_council_election_roll_member_id_council_members')),
    sa.PrimaryKeyConstraint('election_id', 'member_id', name=op.f('pk_council_election_roll'))
    )
    with op.batch_alter_table('council_election_roll', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_election_roll_member_id'), ['member_id'], unique=False)

    op.create_table('council_vote_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=128), nullable=False),
    sa.Column('sent_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('used_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['election_id'], ['council_elections.id'], name=op.f('fk_council_vote_codes_election_id_council_elections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['council_members.id'], name=op.f('fk_council_vote_codes_member_id_council_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_vote_codes'))
    )
    with op.batch_alter_table('council_vote_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_vote_codes_election_id'), ['election_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_vote_codes_member_id'), ['member_id'], unique=False)

    op.create_table('council_vote_participations',
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('voted_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['council_elections.id'], name=op.f('fk_council_vote_participations_election_id_council_elections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['council_members.id'], name=op.f('fk_council_vote_participations_member_id_council_members')),
    sa.PrimaryKeyConstraint('election_id', 'member_id', name=op.f('pk_council_vote_participations'))
    )
    op.create_table('council_ballot_choices',
    sa.Column('ballot_key', sa.String(length=32), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ballot_key'], ['council_ballots.key'], name=op.f('fk_council_ballot_choices_ballot_key_council_ballots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['candidate_id'], ['council_candidates.id'], name=op.f('fk_council_ballot_choices_candidate_id_council_candidates')),
    sa.PrimaryKeyConstraint('ballot_key', 'candidate_id', name=op.f('pk_council_ballot_choices')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('council_ballot_choices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_ballot_choices_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('council_candidate_vetting',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('clause_id', sa.Integer(), nullable=False),
    sa.Column('met', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['council_candidates.id'], name=op.f('fk_council_candidate_vetting_candidate_id_council_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['clause_id'], ['council_election_clauses.id'], name=op.f('fk_council_candidate_vetting_clause_id_council_election_clauses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('candidate_id', 'clause_id', name=op.f('pk_council_candidate_vetting'))
    )
    op.create_table('council_election_objections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['council_candidates.id'], name=op.f('fk_council_election_objections_candidate_id_council_candidates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_election_objections'))
    )
    with op.batch_alter_table('council_election_objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_election_objections_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('council_paper_batch_votes',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['council_paper_batches.id'], name=op.f('fk_council_paper_batch_votes_batch_id_council_paper_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['candidate_id'], ['council_candidates.id'], name=op.f('fk_council_paper_batch_votes_candidate_id_council_candidates')),
    sa.PrimaryKeyConstraint('batch_id', 'candidate_id', name=op.f('pk_council_paper_batch_votes'))
    )
    op.create_table('council_paper_entry_votes',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['council_candidates.id'], name=op.f('fk_council_paper_entry_votes_candidate_id_council_candidates')),
    sa.ForeignKeyConstraint(['entry_id'], ['council_paper_entries.id'], name=op.f('fk_council_paper_entry_votes_entry_id_council_paper_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entry_id', 'candidate_id', name=op.f('pk_council_paper_entry_votes'))
    )

    for table in SEARCHED:
        create_search_index(op, table)


def downgrade():
    for table in SEARCHED:
        drop_search_index(op, table)
    op.drop_table('council_paper_entry_votes')
    op.drop_table('council_paper_batch_votes')
    with op.batch_alter_table('council_election_objections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_election_objections_candidate_id'))

    op.drop_table('council_election_objections')
    op.drop_table('council_candidate_vetting')
    with op.batch_alter_table('council_ballot_choices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_ballot_choices_candidate_id'))

    op.drop_table('council_ballot_choices')
    op.drop_table('council_vote_participations')
    with op.batch_alter_table('council_vote_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_vote_codes_member_id'))
        batch_op.drop_index(batch_op.f('ix_council_vote_codes_election_id'))

    op.drop_table('council_vote_codes')
    with op.batch_alter_table('council_election_roll', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_election_roll_member_id'))

    op.drop_table('council_election_roll')
    with op.batch_alter_table('council_certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_certificates_member_id'))
        batch_op.drop_index(batch_op.f('ix_council_certificates_meeting_id'))

    op.drop_table('council_certificates')
    with op.batch_alter_table('council_cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_cards_member_id'))

    op.drop_table('council_cards')
    with op.batch_alter_table('council_candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_candidates_status'))
        batch_op.drop_index(batch_op.f('ix_council_candidates_member_id'))
        batch_op.drop_index(batch_op.f('ix_council_candidates_election_id'))

    op.drop_table('council_candidates')
    with op.batch_alter_table('council_members', schema=None) as batch_op:
        batch_op.drop_index('ux_council_members_current_manager', sqlite_where=sa.text("role = 'manager' AND end_date IS NULL AND deleted_at IS NULL"), postgresql_where=sa.text("role = 'manager' AND end_date IS NULL AND deleted_at IS NULL"))
        batch_op.drop_index(batch_op.f('ix_council_members_unit_id'))
        batch_op.drop_index(batch_op.f('ix_council_members_person_id'))

    op.drop_table('council_members')
    with op.batch_alter_table('council_paper_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_paper_entries_batch_id'))

    op.drop_table('council_paper_entries')
    with op.batch_alter_table('council_election_supervisors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_election_supervisors_election_id'))

    op.drop_table('council_election_supervisors')
    op.drop_table('council_bodies')
    with op.batch_alter_table('council_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_units_body'))

    op.drop_table('council_units')
    with op.batch_alter_table('council_paper_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_paper_batches_election_id'))

    op.drop_table('council_paper_batches')
    with op.batch_alter_table('council_election_clauses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_election_clauses_election_id'))

    op.drop_table('council_election_clauses')
    with op.batch_alter_table('council_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_ballots_election_id'))

    op.drop_table('council_ballots')
    with op.batch_alter_table('council_elections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_elections_voting_date'))
        batch_op.drop_index(batch_op.f('ix_council_elections_body'))

    op.drop_table('council_elections')
