"""money as decrees have it: a rate per head, a settlement by consent on the award, costs
retained by counsel as a disbursement, and positions whose bearing principal carries its
head's rate (so heads at different rates add up in the reports' SQL)

Revision ID: 0027
Revises: 0024
Create Date: 2026-12-06 19:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0027'
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

METHODS = ('mpesa', 'bank', 'cheque')
POSITION_TABLES = ('award_positions', 'award_position_changes')
RATED_INTEREST = """
-- interest head by head from bearings that carry their head's rate
-- (service/usecases/reports/unpaid_sql.py); parallel safe, as haki_interest_by_head of 0010
CREATE FUNCTION haki_rated_interest(bearing numeric[], bearing_from date[], as_of date)
RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT round(sum(b.rated * greatest(as_of - b.since, 0)) / 36500.000000000000, 2)
  FROM unnest(bearing, bearing_from) AS b(rated, since)
$$
"""
REFUSE_IF_USED = """
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM disbursements WHERE method = 'retained')
       OR EXISTS (SELECT 1 FROM award_heads h JOIN awards a ON a.id = h.award_id
                   WHERE h.rate_percent IS NOT NULL AND h.rate_percent <> a.rate_percent)
       OR EXISTS (SELECT 1 FROM awards WHERE settled_on IS NOT NULL) THEN
        RAISE EXCEPTION 'awards hold retained costs, rates per head or settlements, which the older schema cannot hold';
    END IF;
END $$
"""


def _methods(methods: tuple[str, ...]) -> str:
    return "method IN (" + ", ".join(f"'{m}'" for m in methods) + ")"


def _rescale(table: str, by: str) -> None:
    """Bearing values times (or divided by) the row's rate, with the table's triggers off: the
    values change meaning, not the amounts owed, so no change is logged for the reports and
    no fact is copied again. A rate of 0 bears nothing either way, so its rows stay."""
    op.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    op.execute(
        f"UPDATE {table} SET bearing = ARRAY(SELECT b.v {by} rate_percent"
        " FROM unnest(bearing) WITH ORDINALITY b(v, n) ORDER BY b.n),"
        f" bearing_sum = bearing_sum {by} rate_percent,"
        f" bearing_day_sum = bearing_day_sum {by} rate_percent WHERE rate_percent <> 0"
    )
    op.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def _retype(table: str, money: str, days: str) -> None:
    op.execute(
        f"ALTER TABLE {table} ALTER COLUMN bearing TYPE numeric{money}[],"
        f" ALTER COLUMN bearing_sum TYPE numeric{money},"
        f" ALTER COLUMN bearing_day_sum TYPE numeric{days}"
    )


def upgrade() -> None:
    op.add_column('award_heads', sa.Column('rate_percent', sa.Numeric(5, 2), nullable=True))
    op.add_column('awards', sa.Column('settled_on', sa.Date(), nullable=True))
    op.add_column('awards', sa.Column('settlement_amount', sa.Numeric(14, 2), nullable=True))
    op.add_column('awards', sa.Column('settlement_terms', sa.String(), nullable=True))
    op.drop_constraint(op.f('ck_disbursements_method'), 'disbursements', type_='check')
    op.create_check_constraint(
        op.f('ck_disbursements_method'), 'disbursements', _methods((*METHODS, 'retained'))
    )
    for table in POSITION_TABLES:
        _retype(table, '(20, 4)', '(30, 4)')
        _rescale(table, '*')
    op.execute(RATED_INTEREST)


def downgrade() -> None:
    op.execute(REFUSE_IF_USED)
    op.execute("DROP FUNCTION haki_rated_interest(numeric[], date[], date)")
    for table in POSITION_TABLES:
        _rescale(table, '/')
        _retype(table, '(14, 2)', '(24, 2)')
    op.drop_constraint(op.f('ck_disbursements_method'), 'disbursements', type_='check')
    op.create_check_constraint(op.f('ck_disbursements_method'), 'disbursements', _methods(METHODS))
    op.drop_column('awards', 'settlement_terms')
    op.drop_column('awards', 'settlement_amount')
    op.drop_column('awards', 'settled_on')
    op.drop_column('award_heads', 'rate_percent')

