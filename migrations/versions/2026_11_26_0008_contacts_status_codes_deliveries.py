"""contacts, status codes, staff addresses and deliveries

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 06:23:55.075391
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('contacts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('survivor_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('relationship', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('channel', sa.Enum('sms', 'email', 'log', name='channel', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('consent_given_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('consent_recorded_by', sa.Uuid(), nullable=True),
    sa.Column('consent_withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('amounts_opt_in', sa.Boolean(), nullable=False),
    sa.Column('quiet_from', sa.Time(), nullable=False),
    sa.Column('quiet_until', sa.Time(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consent_recorded_by'], ['users.id'], name=op.f('fk_contacts_consent_recorded_by_users')),
    sa.ForeignKeyConstraint(['survivor_id'], ['survivors.id'], name=op.f('fk_contacts_survivor_id_survivors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    op.create_index(op.f('ix_contacts_survivor_id'), 'contacts', ['survivor_id'], unique=False)
    op.create_table('deliveries',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('notification_id', sa.BigInteger(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('contact_id', sa.Uuid(), nullable=True),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sa.Enum('queued', 'sending', 'sent', 'delivered', 'unknown', 'dead', 'cancelled', name='delivery_status', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('provider_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_deliveries_contact_id_contacts')),
    sa.ForeignKeyConstraint(['notification_id'], ['notifications.id'], name=op.f('fk_deliveries_notification_id_notifications')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_deliveries_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('notification_id', 'channel', 'address', name='uq_deliveries_once')
    )
    op.create_index(op.f('ix_deliveries_contact_id'), 'deliveries', ['contact_id'], unique=False)
    op.create_index('ix_deliveries_due', 'deliveries', ['next_attempt_at'], unique=False, postgresql_where=sa.text("status = 'queued'"))
    op.create_index(op.f('ix_deliveries_notification_id'), 'deliveries', ['notification_id'], unique=False)
    op.create_index(op.f('ix_deliveries_provider_id'), 'deliveries', ['provider_id'], unique=False)
    op.create_table('status_codes',
    sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('contact_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_status_codes_case_id_cases')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_status_codes_contact_id_contacts')),
    sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_status_codes'))
    )
    op.create_index(op.f('ix_status_codes_case_id'), 'status_codes', ['case_id'], unique=False)
    op.create_index(op.f('ix_status_codes_contact_id'), 'status_codes', ['contact_id'], unique=False)
    op.add_column('users', sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True))
    op.add_column('users', sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
    op.create_index('ix_notifications_queued', 'notifications', ['id'], unique=False, postgresql_where=sa.text("status = 'queued'"))


def downgrade() -> None:
    op.drop_index('ix_notifications_queued', table_name='notifications', postgresql_where=sa.text("status = 'queued'"))
    op.drop_column('users', 'phone')
    op.drop_column('users', 'email')
    op.drop_index(op.f('ix_status_codes_contact_id'), table_name='status_codes')
    op.drop_index(op.f('ix_status_codes_case_id'), table_name='status_codes')
    op.drop_table('status_codes')
    op.drop_index(op.f('ix_deliveries_provider_id'), table_name='deliveries')
    op.drop_index(op.f('ix_deliveries_notification_id'), table_name='deliveries')
    op.drop_index('ix_deliveries_due', table_name='deliveries', postgresql_where=sa.text("status = 'queued'"))
    op.drop_index(op.f('ix_deliveries_contact_id'), table_name='deliveries')
    op.drop_table('deliveries')
    op.drop_index(op.f('ix_contacts_survivor_id'), table_name='contacts')
    op.drop_table('contacts')
