"""awards, their heads, the ledger and award history

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 05:23:22.614852
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


APPEND_ONLY = ("payments_received", "disbursements", "award_events")


def upgrade() -> None:
    op.create_table('awards',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('survivor_id', sa.Uuid(), nullable=False),
    sa.Column('respondent', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('judgment_on', sa.Date(), nullable=False),
    sa.Column('rate_percent', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('rate_as_ordered', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('stage', sa.Enum('awarded', 'decree_extracted', 'certificate_issued', 'served_on_ag', 'partially_paid', 'paid_in_full', 'disbursed', 'stayed', 'enforcement', 'set_aside', 'written_off', name='award_stage', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('stage_since', sa.Date(), nullable=False),
    sa.Column('stayed_from', sa.Enum('awarded', 'decree_extracted', 'certificate_issued', 'served_on_ag', 'partially_paid', 'paid_in_full', 'disbursed', 'stayed', 'enforcement', 'set_aside', 'written_off', name='stayed_from', native_enum=False, create_constraint=True, length=48), nullable=True),
    sa.Column('certificate_on', sa.Date(), nullable=True),
    sa.Column('served_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_awards_case_id_cases')),
    sa.ForeignKeyConstraint(['survivor_id'], ['survivors.id'], name=op.f('fk_awards_survivor_id_survivors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_awards'))
    )
    op.create_index(op.f('ix_awards_case_id'), 'awards', ['case_id'], unique=False)
    op.create_index(op.f('ix_awards_stage'), 'awards', ['stage'], unique=False)
    op.create_index(op.f('ix_awards_survivor_id'), 'awards', ['survivor_id'], unique=False)
    op.create_table('award_events',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('award_id', sa.Uuid(), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('from_stage', sa.Enum('awarded', 'decree_extracted', 'certificate_issued', 'served_on_ag', 'partially_paid', 'paid_in_full', 'disbursed', 'stayed', 'enforcement', 'set_aside', 'written_off', name='from_stage', native_enum=False, create_constraint=True, length=48), nullable=True),
    sa.Column('to_stage', sa.Enum('awarded', 'decree_extracted', 'certificate_issued', 'served_on_ag', 'partially_paid', 'paid_in_full', 'disbursed', 'stayed', 'enforcement', 'set_aside', 'written_off', name='to_stage', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Uuid(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('evidence_ref', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_award_events_award_id_awards')),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_award_events_recorded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_events'))
    )
    op.create_index('ix_award_events_award_id_id', 'award_events', ['award_id', 'id'], unique=False)
    op.create_table('award_heads',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('award_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.Enum('general', 'exemplary', 'special', 'costs', name='head_kind', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('interest_from', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_award_heads_award_id_awards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_heads'))
    )
    op.create_index(op.f('ix_award_heads_award_id'), 'award_heads', ['award_id'], unique=False)
    op.create_table('disbursements',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('award_id', sa.Uuid(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('method', sa.Enum('mpesa', 'bank', 'cheque', name='method', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('beneficiary', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_disbursements_award_id_awards')),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_disbursements_recorded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disbursements'))
    )
    op.create_index(op.f('ix_disbursements_award_id'), 'disbursements', ['award_id'], unique=False)
    op.create_table('payments_received',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('award_id', sa.Uuid(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('payer', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_payments_received_award_id_awards')),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_payments_received_recorded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments_received'))
    )
    op.create_index(op.f('ix_payments_received_award_id'), 'payments_received', ['award_id'], unique=False)

    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION haki_refuse_change()"
        )

def downgrade() -> None:
    for table in APPEND_ONLY:
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
    op.drop_index(op.f('ix_payments_received_award_id'), table_name='payments_received')
    op.drop_table('payments_received')
    op.drop_index(op.f('ix_disbursements_award_id'), table_name='disbursements')
    op.drop_table('disbursements')
    op.drop_index(op.f('ix_award_heads_award_id'), table_name='award_heads')
    op.drop_table('award_heads')
    op.drop_index('ix_award_events_award_id_id', table_name='award_events')
    op.drop_table('award_events')
    op.drop_index(op.f('ix_awards_survivor_id'), table_name='awards')
    op.drop_index(op.f('ix_awards_stage'), table_name='awards')
    op.drop_index(op.f('ix_awards_case_id'), table_name='awards')
    op.drop_table('awards')
