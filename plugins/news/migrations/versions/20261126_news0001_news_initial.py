"""news: initial tables

Revision ID: news0001
Revises:
Create Date: 2026-11-26 11:40:00

"""
from alembic import op
import sqlalchemy as sa

import core.db
from core.search.index import create_search_index, drop_search_index


# revision identifiers, used by Alembic.
revision = 'news0001'
down_revision = None
branch_labels = ('news',)
depends_on = '0008'

DEFAULT_CHANNELS = [
    ("پایگاه اطلاع‌رسانی استانداری", "site"),
    ("شبکه داخلی", "internal"),
    ("پایگاه اطلاع‌رسانی وزارت کشور", "ministry"),
    ("ایتا", "messenger"),
    ("سروش", "messenger"),
    ("بله", "messenger"),
    ("گپ", "messenger"),
    ("اینستاگرام", "messenger"),
]
SEARCHED = ("news_items", "news_events", "news_captions", "news_outlet_contacts", "news_press_conferences",
            "news_announcements", "news_bulletins")
DEFAULT_TOPICS = ["سیاسی", "اقتصادی", "اجتماعی", "فرهنگی", "عمرانی", "امنیتی و انتظامی", "کشاورزی و آب",
                  "بهداشت و درمان", "آموزش", "ورزش و جوانان", "مدیریت بحران", "انتخابات"]


def upgrade():
    op.create_table('news_channels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('url', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('feed', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_channels')),
    sa.UniqueConstraint('name', name=op.f('uq_news_channels_name'))
    )
    op.create_table('news_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_topics')),
    sa.UniqueConstraint('name', name=op.f('uq_news_topics_name'))
    )
    op.create_table('news_announcements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('event_on', sa.Date(), nullable=False),
    sa.Column('event_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('letter_number', sa.String(length=50), nullable=False),
    sa.Column('all_agencies', sa.Boolean(), nullable=False),
    sa.Column('signer', sa.String(length=100), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_news_announcements_deleted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_announcements'))
    )
    with op.batch_alter_table('news_announcements', schema=None) as batch_op:
        batch_op.create_index('ix_news_announcements_sent', ['sent_on', 'deleted_at'], unique=False)

    op.create_table('news_bulletins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_news_bulletins_deleted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_bulletins'))
    )
    with op.batch_alter_table('news_bulletins', schema=None) as batch_op:
        batch_op.create_index('ix_news_bulletins_month', ['year', 'month'], unique=False)

    op.create_table('news_editors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_news_editors_granted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_news_editors_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_editors')),
    sa.UniqueConstraint('user_id', name=op.f('uq_news_editors_user_id'))
    )
    op.create_table('news_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('photographer', sa.String(length=200), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_news_events_deleted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_events'))
    )
    with op.batch_alter_table('news_events', schema=None) as batch_op:
        batch_op.create_index('ix_news_events_date', ['date', 'deleted_at'], unique=False)

    op.create_table('news_announcement_recipients',
    sa.Column('announcement_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['announcement_id'], ['news_announcements.id'], name=op.f('fk_news_announcement_recipients_announcement_id_news_announcements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_news_announcement_recipients_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('announcement_id', 'organization_id', name=op.f('pk_news_announcement_recipients'))
    )
    op.create_table('news_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('lead', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('published_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_news_items_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_news_items_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['event_id'], ['news_events.id'], name=op.f('fk_news_items_event_id_news_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_news_items_published_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_items'))
    )
    with op.batch_alter_table('news_items', schema=None) as batch_op:
        batch_op.create_index('ix_news_items_date', ['date', 'deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_items_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_news_items_status_date', ['status', 'date', 'deleted_at'], unique=False)

    op.create_table('news_outlet_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_news_outlet_contacts_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_news_outlet_contacts_organization_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_outlet_contacts'))
    )
    with op.batch_alter_table('news_outlet_contacts', schema=None) as batch_op:
        batch_op.create_index('ix_news_outlet_contacts_date', ['date', 'deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_outlet_contacts_organization_id'), ['organization_id'], unique=False)

    op.create_table('news_bulletin_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['bulletin_id'], ['news_bulletins.id'], name=op.f('fk_news_bulletin_entries_bulletin_id_news_bulletins'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['news_items.id'], name=op.f('fk_news_bulletin_entries_item_id_news_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_bulletin_entries'))
    )
    with op.batch_alter_table('news_bulletin_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_bulletin_entries_bulletin_id'), ['bulletin_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_bulletin_entries_item_id'), ['item_id'], unique=False)

    op.create_table('news_captions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=True),
    sa.Column('channel_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['news_channels.id'], name=op.f('fk_news_captions_channel_id_news_channels'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_news_captions_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['event_id'], ['news_events.id'], name=op.f('fk_news_captions_event_id_news_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['official_id'], ['people.id'], name=op.f('fk_news_captions_official_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_captions'))
    )
    with op.batch_alter_table('news_captions', schema=None) as batch_op:
        batch_op.create_index('ix_news_captions_date', ['date', 'deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_captions_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_captions_official_id'), ['official_id'], unique=False)

    op.create_table('news_contact_people',
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['news_outlet_contacts.id'], name=op.f('fk_news_contact_people_contact_id_news_outlet_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_news_contact_people_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('contact_id', 'person_id', name=op.f('pk_news_contact_people'))
    )
    with op.batch_alter_table('news_contact_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_contact_people_person_id'), ['person_id'], unique=False)

    op.create_table('news_event_officials',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['news_events.id'], name=op.f('fk_news_event_officials_event_id_news_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_news_event_officials_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'person_id', name=op.f('pk_news_event_officials'))
    )
    with op.batch_alter_table('news_event_officials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_event_officials_person_id'), ['person_id'], unique=False)

    op.create_table('news_item_officials',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['news_items.id'], name=op.f('fk_news_item_officials_item_id_news_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_news_item_officials_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'person_id', name=op.f('pk_news_item_officials'))
    )
    with op.batch_alter_table('news_item_officials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_item_officials_person_id'), ['person_id'], unique=False)

    op.create_table('news_item_topics',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['news_items.id'], name=op.f('fk_news_item_topics_item_id_news_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['news_topics.id'], name=op.f('fk_news_item_topics_topic_id_news_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'topic_id', name=op.f('pk_news_item_topics'))
    )
    with op.batch_alter_table('news_item_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_item_topics_topic_id'), ['topic_id'], unique=False)

    op.create_table('news_press_conferences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('proposed_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('cancel_reason', sa.String(length=500), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_news_press_conferences_approved_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_news_press_conferences_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['official_id'], ['people.id'], name=op.f('fk_news_press_conferences_official_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_news_press_conferences_organization_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_press_conferences'))
    )
    with op.batch_alter_table('news_press_conferences', schema=None) as batch_op:
        batch_op.create_index('ix_news_press_conferences_held', ['held_on', 'deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_press_conferences_official_id'), ['official_id'], unique=False)
        batch_op.create_index('ix_news_press_conferences_proposed', ['proposed_on', 'deleted_at'], unique=False)

    op.create_table('news_publications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('channel_id', sa.Integer(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['news_channels.id'], name=op.f('fk_news_publications_channel_id_news_channels')),
    sa.ForeignKeyConstraint(['item_id'], ['news_items.id'], name=op.f('fk_news_publications_item_id_news_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_publications')),
    sa.UniqueConstraint('item_id', 'channel_id', name=op.f('uq_news_publications_item_id_channel_id'))
    )
    with op.batch_alter_table('news_publications', schema=None) as batch_op:
        batch_op.create_index('ix_news_publications_channel_date', ['channel_id', 'published_on'], unique=False)

    op.create_table('news_reporters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('beat', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('deleted_at', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_news_reporters_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_news_reporters_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_reporters')),
    sa.UniqueConstraint('person_id', name=op.f('uq_news_reporters_person_id'))
    )
    op.create_table('news_conference_items',
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['news_press_conferences.id'], name=op.f('fk_news_conference_items_conference_id_news_press_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['news_items.id'], name=op.f('fk_news_conference_items_item_id_news_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conference_id', 'item_id', name=op.f('pk_news_conference_items'))
    )
    with op.batch_alter_table('news_conference_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_conference_items_item_id'), ['item_id'], unique=False)

    op.create_table('news_conference_outlets',
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['news_press_conferences.id'], name=op.f('fk_news_conference_outlets_conference_id_news_press_conferences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_news_conference_outlets_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conference_id', 'organization_id', name=op.f('pk_news_conference_outlets'))
    )

    for name in SEARCHED:
        create_search_index(op, name)
    # The channels and topics every directorate starts with; an admin edits them on the settings page.
    channels = sa.table("news_channels", sa.column("name", sa.String), sa.column("kind", sa.String),
                        sa.column("url", sa.String), sa.column("position", sa.Integer),
                        sa.column("active", sa.Boolean), sa.column("feed", sa.Boolean),
                        sa.column("created_at", core.db.UTCDateTime(timezone=True)),
                        sa.column("updated_at", core.db.UTCDateTime(timezone=True)))
    now = core.db.utcnow()
    op.bulk_insert(channels, [
        {"name": name, "kind": kind, "url": "", "position": position, "active": True,
         "feed": kind in ("site", "ministry", "internal"), "created_at": now, "updated_at": now}
        for position, (name, kind) in enumerate(DEFAULT_CHANNELS, start=1)])
    topics = sa.table("news_topics", sa.column("name", sa.String), sa.column("active", sa.Boolean),
                      sa.column("created_at", core.db.UTCDateTime(timezone=True)),
                      sa.column("updated_at", core.db.UTCDateTime(timezone=True)))
    op.bulk_insert(topics, [{"name": name, "active": True, "created_at": now, "updated_at": now}
                            for name in DEFAULT_TOPICS])


def downgrade():
    for name in SEARCHED:
        drop_search_index(op, name)
    op.drop_table('news_conference_outlets')
    with op.batch_alter_table('news_conference_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_conference_items_item_id'))

    op.drop_table('news_conference_items')
    op.drop_table('news_reporters')
    with op.batch_alter_table('news_publications', schema=None) as batch_op:
        batch_op.drop_index('ix_news_publications_channel_date')

    op.drop_table('news_publications')
    with op.batch_alter_table('news_press_conferences', schema=None) as batch_op:
        batch_op.drop_index('ix_news_press_conferences_proposed')
        batch_op.drop_index(batch_op.f('ix_news_press_conferences_official_id'))
        batch_op.drop_index('ix_news_press_conferences_held')

    op.drop_table('news_press_conferences')
    with op.batch_alter_table('news_item_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_item_topics_topic_id'))

    op.drop_table('news_item_topics')
    with op.batch_alter_table('news_item_officials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_item_officials_person_id'))

    op.drop_table('news_item_officials')
    with op.batch_alter_table('news_event_officials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_event_officials_person_id'))

    op.drop_table('news_event_officials')
    with op.batch_alter_table('news_contact_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_contact_people_person_id'))

    op.drop_table('news_contact_people')
    with op.batch_alter_table('news_captions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_captions_official_id'))
        batch_op.drop_index(batch_op.f('ix_news_captions_event_id'))
        batch_op.drop_index('ix_news_captions_date')

    op.drop_table('news_captions')
    with op.batch_alter_table('news_bulletin_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_bulletin_entries_item_id'))
        batch_op.drop_index(batch_op.f('ix_news_bulletin_entries_bulletin_id'))

    op.drop_table('news_bulletin_entries')
    with op.batch_alter_table('news_outlet_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_news_outlet_contacts_organization_id'))
        batch_op.drop_index('ix_news_outlet_contacts_date')

    op.drop_table('news_outlet_contacts')
    with op.batch_alter_table('news_items', schema=None) as batch_op:
        batch_op.drop_index('ix_news_items_status_date')
        batch_op.drop_index(batch_op.f('ix_news_items_event_id'))
        batch_op.drop_index('ix_news_items_date')

    op.drop_table('news_items')
    op.drop_table('news_announcement_recipients')
    with op.batch_alter_table('news_events', schema=None) as batch_op:
        batch_op.drop_index('ix_news_events_date')

    op.drop_table('news_events')
    op.drop_table('news_editors')
    with op.batch_alter_table('news_bulletins', schema=None) as batch_op:
        batch_op.drop_index('ix_news_bulletins_month')

    op.drop_table('news_bulletins')
    with op.batch_alter_table('news_announcements', schema=None) as batch_op:
        batch_op.drop_index('ix_news_announcements_sent')

    op.drop_table('news_announcements')
    op.drop_table('news_topics')
    op.drop_table('news_channels')
