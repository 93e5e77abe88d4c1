"""ledger reversals: contra entries naming the row they reverse; where an unpaid award returns;
the awards a judicial review enforces, found by index

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 07:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


LEDGER = ("payments_received", "disbursements")
REVERSAL_RULE = (
    "(reverses_id IS NULL AND amount > 0 AND reason IS NULL)"
    " OR (reverses_id IS NOT NULL AND amount < 0 AND reason IS NOT NULL)"
)
# the stage each award left when its payments began, from the history it already has
UNPAID_STAGE = """
UPDATE awards SET unpaid_stage = (
    SELECT e.from_stage FROM award_events e
    WHERE e.award_id = awards.id
      AND e.trigger IN ('receive_part_payment', 'receive_final_payment')
      AND e.from_stage NOT IN ('partially_paid', 'paid_in_full')
    ORDER BY e.id DESC LIMIT 1
)
"""
REFUSE_IF_REVERSED = """
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM {table} WHERE reverses_id IS NOT NULL) THEN
        RAISE EXCEPTION '{table} holds reversals, which would read as negative entries';
    END IF;
END $$
"""


def upgrade() -> None:
    # a judgment looks up the awards its case enforces, to log the outcome on each
    op.create_index(op.f('ix_awards_enforcement_case_id'), 'awards', ['enforcement_case_id'], unique=False)
    op.add_column('awards', sa.Column('unpaid_stage', sa.Enum('awarded', 'decree_extracted', 'certificate_issued', 'served_on_ag', 'partially_paid', 'paid_in_full', 'disbursed', 'stayed', 'enforcement', 'set_aside', 'written_off', name='unpaid_stage', native_enum=False, create_constraint=True, length=48), nullable=True))
    op.execute(UNPAID_STAGE)
    for table in LEDGER:
        op.add_column(table, sa.Column('reverses_id', sa.BigInteger(), nullable=True))
        op.add_column(table, sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
        op.create_unique_constraint(op.f(f'uq_{table}_reverses_id'), table, ['reverses_id'])
        op.create_foreign_key(op.f(f'fk_{table}_reverses_id_{table}'), table, table, ['reverses_id'], ['id'])
        op.create_check_constraint(op.f(f'ck_{table}_reversal'), table, REVERSAL_RULE)


def downgrade() -> None:
    for table in LEDGER:
        op.execute(REFUSE_IF_REVERSED.format(table=table))
        op.drop_constraint(op.f(f'ck_{table}_reversal'), table, type_='check')
        op.drop_constraint(op.f(f'fk_{table}_reverses_id_{table}'), table, type_='foreignkey')
        op.drop_constraint(op.f(f'uq_{table}_reverses_id'), table, type_='unique')
        op.drop_column(table, 'reason')
        op.drop_column(table, 'reverses_id')
    op.drop_column('awards', 'unpaid_stage')
    op.drop_index(op.f('ix_awards_enforcement_case_id'), table_name='awards')
