"""Notices of intention to sue (GPA s.13A), and reminders of a case's own dates

Revision ID: 0024
Revises: 0022
Create Date: 2026-12-06 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql


revision: str = '0024'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'notices_to_sue',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.Column('served_on', sa.Date(), nullable=False),
        sa.Column('served_on_whom', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('recorded_by', sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_notices_to_sue_case_id_cases')),
        sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_notices_to_sue_recorded_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notices_to_sue')),
    )
    op.create_index(op.f('ix_notices_to_sue_case_id'), 'notices_to_sue', ['case_id'], unique=False)
    op.add_column('reminders', sa.Column('case_id', sa.Uuid(), nullable=True))
    op.add_column('reminders', sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
    op.add_column('reminders', sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False))
    op.create_index(op.f('ix_reminders_case_id'), 'reminders', ['case_id'], unique=False)
    op.create_foreign_key(op.f('fk_reminders_case_id_cases'), 'reminders', 'cases', ['case_id'], ['id'])
    op.drop_constraint(op.f('ck_reminders_of_a_hearing_or_an_award'), 'reminders', type_='check')
    op.create_check_constraint(
        op.f('ck_reminders_of_a_hearing_an_award_or_a_case'), 'reminders',
        'num_nonnulls(hearing_id, award_id, case_id) = 1',
    )


def downgrade() -> None:
    op.execute("DELETE FROM reminders WHERE case_id IS NOT NULL")
    op.drop_constraint(op.f('ck_reminders_of_a_hearing_an_award_or_a_case'), 'reminders', type_='check')
    op.create_check_constraint(
        op.f('ck_reminders_of_a_hearing_or_an_award'), 'reminders',
        '(hearing_id IS NULL) <> (award_id IS NULL)',
    )
    op.drop_constraint(op.f('fk_reminders_case_id_cases'), 'reminders', type_='foreignkey')
    op.drop_index(op.f('ix_reminders_case_id'), table_name='reminders')
    op.drop_column('reminders', 'details')
    op.drop_column('reminders', 'kind')
    op.drop_column('reminders', 'case_id')
    op.drop_index(op.f('ix_notices_to_sue_case_id'), table_name='notices_to_sue')
    op.drop_table('notices_to_sue')
