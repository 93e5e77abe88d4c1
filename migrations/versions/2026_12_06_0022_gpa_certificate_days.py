"""Government Proceedings Act: costs taxed, certified and served, on the costs head

Revision ID: 0022
Revises: 0013
Create Date: 2026-12-06 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0022'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('award_heads', sa.Column('taxed_on', sa.Date(), nullable=True))
    op.add_column('award_heads', sa.Column('certificate_on', sa.Date(), nullable=True))
    op.add_column('award_heads', sa.Column('served_on', sa.Date(), nullable=True))
    # costs taxed after judgment were recorded with interest running from their taxing day
    op.execute(
        "UPDATE award_heads h SET taxed_on = e.occurred_on FROM award_events e"
        " WHERE e.award_id = h.award_id AND e.trigger = 'tax_costs' AND h.kind = 'costs'"
        " AND h.interest_from = e.occurred_on"
    )


def downgrade() -> None:
    op.drop_column('award_heads', 'served_on')
    op.drop_column('award_heads', 'certificate_on')
    op.drop_column('award_heads', 'taxed_on')
