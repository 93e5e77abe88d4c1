"""aggravated damages as a head of their own; an award's costs to be taxed later

Revision ID: 0019
Revises: 0013
Create Date: 2026-12-06 16:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ('general', 'exemplary', 'special', 'costs')
REFUSE_IF_AGGRAVATED = """
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM award_heads WHERE kind = 'aggravated') THEN
        RAISE EXCEPTION 'award_heads holds aggravated damages, which the older schema cannot name';
    END IF;
END $$
"""


def _kinds(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def upgrade() -> None:
    op.drop_constraint(op.f('ck_award_heads_head_kind'), 'award_heads', type_='check')
    op.create_check_constraint(
        op.f('ck_award_heads_head_kind'), 'award_heads', _kinds((*KINDS, 'aggravated'))
    )
    op.add_column(
        'awards',
        sa.Column('costs_to_be_taxed', sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column('awards', 'costs_to_be_taxed')
    op.execute(REFUSE_IF_AGGRAVATED)
    op.drop_constraint(op.f('ck_award_heads_head_kind'), 'award_heads', type_='check')
    op.create_check_constraint(op.f('ck_award_heads_head_kind'), 'award_heads', _kinds(KINDS))
