"""Families by phone: each gateway callback once, and families' messages to the case team

Revision ID: 0030
Revises: 0024
Create Date: 2026-12-06 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0030'
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'phone_requests',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('gateway_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('caller_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_phone_requests')),
        sa.UniqueConstraint('gateway_key', name=op.f('uq_phone_requests_gateway_key')),
    )
    op.create_index(
        'ix_phone_requests_caller_at', 'phone_requests', ['caller_hash', 'received_at'], unique=False
    )
    op.create_table(
        'family_messages',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.Column('contact_id', sa.Uuid(), nullable=False),
        sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=1600), nullable=False),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('call_back_by', sa.DateTime(timezone=True), nullable=False),
        sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('read_by', sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_family_messages_case_id_cases')),
        sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_family_messages_contact_id_contacts')),
        sa.ForeignKeyConstraint(['read_by'], ['users.id'], name=op.f('fk_family_messages_read_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_family_messages')),
    )
    op.create_index(op.f('ix_family_messages_case_id'), 'family_messages', ['case_id'], unique=False)
    op.create_index(op.f('ix_family_messages_contact_id'), 'family_messages', ['contact_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_family_messages_contact_id'), table_name='family_messages')
    op.drop_index(op.f('ix_family_messages_case_id'), table_name='family_messages')
    op.drop_table('family_messages')
    op.drop_index('ix_phone_requests_caller_at', table_name='phone_requests')
    op.drop_table('phone_requests')
