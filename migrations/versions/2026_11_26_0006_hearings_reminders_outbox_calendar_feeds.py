"""hearings, reminders, the notifications outbox and calendar feeds

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 05:59:37.022989
"""
from collections.abc import Sequence
from datetime import time

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('reminder_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.Enum('mention', 'directions', 'hearing', 'submissions', 'judgment_delivery', 'ruling_delivery', name='purpose', native_enum=False, create_constraint=True, length=48), nullable=True),
    sa.Column('audience', sa.Enum('team', 'family', name='audience', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('days_before', sa.Integer(), nullable=False),
    sa.Column('at', sa.Time(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_rules')),
    sa.UniqueConstraint('purpose', 'audience', 'days_before', 'at', name='uq_reminder_rules_when')
    )
    op.create_table('calendar_feeds',
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users')),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_calendar_feeds'))
    )
    op.create_index(op.f('ix_calendar_feeds_user_id'), 'calendar_feeds', ['user_id'], unique=False)
    op.create_index('uq_calendar_feeds_live', 'calendar_feeds', ['user_id'], unique=True, postgresql_where=sa.text('revoked_at IS NULL'))
    op.create_table('hearings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('station', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('court_room', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
    sa.Column('judicial_officer', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('purpose', sa.Enum('mention', 'directions', 'hearing', 'submissions', 'judgment_delivery', 'ruling_delivery', name='hearing_purpose', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('status', sa.Enum('scheduled', 'held', 'adjourned', 'vacated', name='hearing_status', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('adjourned_from_id', sa.Uuid(), nullable=True),
    sa.Column('recorded_after_the_fact', sa.Boolean(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['adjourned_from_id'], ['hearings.id'], name=op.f('fk_hearings_adjourned_from_id_hearings')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_hearings_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_hearings_recorded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hearings')),
    sa.UniqueConstraint('adjourned_from_id', name=op.f('uq_hearings_adjourned_from_id'))
    )
    op.create_index(op.f('ix_hearings_case_id'), 'hearings', ['case_id'], unique=False)
    op.create_index('ix_hearings_starts_at', 'hearings', ['starts_at'], unique=False)
    op.create_table('notifications',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('dedup_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('audience', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_notifications_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('dedup_key', name=op.f('uq_notifications_dedup_key'))
    )
    op.create_index(op.f('ix_notifications_case_id'), 'notifications', ['case_id'], unique=False)
    op.create_table('reminders',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('hearing_id', sa.Uuid(), nullable=True),
    sa.Column('award_id', sa.Uuid(), nullable=True),
    sa.Column('audience', sa.Enum('team', 'family', name='audience', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('pending', 'handed_over', 'cancelled', 'expired', name='reminder_status', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('handed_over_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(hearing_id IS NULL) <> (award_id IS NULL)', name=op.f('ck_reminders_of_a_hearing_or_an_award')),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_reminders_award_id_awards')),
    sa.ForeignKeyConstraint(['hearing_id'], ['hearings.id'], name=op.f('fk_reminders_hearing_id_hearings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders'))
    )
    op.create_index(op.f('ix_reminders_award_id'), 'reminders', ['award_id'], unique=False)
    op.create_index('ix_reminders_due', 'reminders', ['due_at'], unique=False, postgresql_where=sa.text("status = 'pending'"))
    op.create_index(op.f('ix_reminders_hearing_id'), 'reminders', ['hearing_id'], unique=False)
    op.create_index('uq_reminders_next_follow_up', 'reminders', ['award_id'], unique=True, postgresql_where=sa.text("status = 'pending'"))

    # the default rules (domain/reminders.py DEFAULT_RULES); an administrator may change them
    rules = sa.table(
        'reminder_rules',
        sa.column('purpose', sa.String), sa.column('audience', sa.String),
        sa.column('days_before', sa.Integer), sa.column('at', sa.Time),
    )
    op.bulk_insert(rules, [
        {'purpose': None, 'audience': 'team', 'days_before': 7, 'at': None},
        {'purpose': None, 'audience': 'team', 'days_before': 1, 'at': None},
        {'purpose': None, 'audience': 'team', 'days_before': 0, 'at': time(7, 0)},
        {'purpose': 'judgment_delivery', 'audience': 'family', 'days_before': 3, 'at': time(10, 0)},
    ])


def downgrade() -> None:
    op.drop_index('uq_reminders_next_follow_up', table_name='reminders', postgresql_where=sa.text("status = 'pending'"))
    op.drop_index(op.f('ix_reminders_hearing_id'), table_name='reminders')
    op.drop_index('ix_reminders_due', table_name='reminders', postgresql_where=sa.text("status = 'pending'"))
    op.drop_index(op.f('ix_reminders_award_id'), table_name='reminders')
    op.drop_table('reminders')
    op.drop_index(op.f('ix_notifications_case_id'), table_name='notifications')
    op.drop_table('notifications')
    op.drop_index('ix_hearings_starts_at', table_name='hearings')
    op.drop_index(op.f('ix_hearings_case_id'), table_name='hearings')
    op.drop_table('hearings')
    op.drop_index('uq_calendar_feeds_live', table_name='calendar_feeds', postgresql_where=sa.text('revoked_at IS NULL'))
    op.drop_index(op.f('ix_calendar_feeds_user_id'), table_name='calendar_feeds')
    op.drop_table('calendar_feeds')
    op.drop_table('reminder_rules')
