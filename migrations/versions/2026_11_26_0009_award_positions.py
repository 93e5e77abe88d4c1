"""award positions: each award's ledger between payments, for reports computed in SQL;
filled for the awards already recorded by the same arithmetic as their statements

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 10:30:00.000000
"""
import os
from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from domain.interest import Allocation, Head, Payment
from domain.positions import position_rows


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


POSITIONS = sa.table(
    'award_positions',
    sa.column('award_id', sa.Uuid()),
    sa.column('valid_from', sa.Date()),
    sa.column('valid_to', sa.Date()),
    *(sa.column(name, sa.Numeric(14, 2)) for name in (
        'awarded', 'principal', 'unpaid_interest', 'accrued', 'paid_to_interest', 'paid_to_principal',
    )),
    sa.column('bearing', postgresql.ARRAY(sa.Numeric(14, 2))),
    sa.column('bearing_from', postgresql.ARRAY(sa.Date())),
)
PAYMENTS = """
SELECT p.award_id, p.received_on, p.amount, p.reference, r.received_on AS reversed_on, r.reason
FROM payments_received p LEFT JOIN payments_received r ON r.reverses_id = p.id
WHERE p.reverses_id IS NULL ORDER BY p.id
"""


def upgrade() -> None:
    op.create_table('award_positions',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('award_id', sa.Uuid(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('awarded', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('principal', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('unpaid_interest', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('accrued', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('paid_to_interest', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('paid_to_principal', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('bearing', postgresql.ARRAY(sa.Numeric(precision=14, scale=2)), nullable=False),
    sa.Column('bearing_from', postgresql.ARRAY(sa.Date()), nullable=False),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_award_positions_award_id_awards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_positions')),
    sa.UniqueConstraint('award_id', 'valid_from', name=op.f('uq_award_positions_award_id'))
    )
    _fill()


def _fill() -> None:
    """Positions for the awards already recorded, with the allocation the service is set to."""
    allocation = Allocation(os.environ.get('HAKI_PAYMENT_ALLOCATION', Allocation.INTEREST_FIRST))
    db = op.get_bind()
    heads, payments = defaultdict(list), defaultdict(list)
    for h in db.execute(sa.text('SELECT award_id, kind, amount, interest_from FROM award_heads ORDER BY id')):
        heads[h.award_id].append(Head(h.kind, h.amount, h.interest_from))
    for p in db.execute(sa.text(PAYMENTS)):
        payments[p.award_id].append(Payment(p.received_on, p.amount, p.reference, p.reversed_on, p.reason or ''))
    for award in db.execute(sa.text('SELECT id, judgment_on, rate_percent FROM awards')):
        rows = position_rows(
            award.id, award.judgment_on, tuple(heads[award.id]), award.rate_percent,
            tuple(payments[award.id]), allocation,
        )
        # only this revision's columns: later ones add their own
        op.bulk_insert(POSITIONS, [{c.name: row[c.name] for c in POSITIONS.columns} for row in rows])


def downgrade() -> None:
    op.drop_table('award_positions')
