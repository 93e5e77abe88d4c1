"""court numbers as printed: the numbers a consolidated matter also bears, citations long enough
for an eKLR citation's parties, and e-filing numbers without their padding (E019 is E19)

The padding is not restored on downgrade: "E19" and "E019" are the same registry number.

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-06 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0018'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNPADDED = r"regexp_replace(court_number, '(^|[ ,])E0+([0-9])', '\1E\2', 'g')"


def upgrade() -> None:
    op.add_column(
        "cases",
        sa.Column(
            "consolidated_with", postgresql.ARRAY(sa.Text()), nullable=False, server_default="{}"
        ),
    )
    op.alter_column(
        "cases", "neutral_citation", type_=sa.String(length=300), existing_nullable=True
    )
    clashes = op.get_bind().execute(
        sa.text(
            f"SELECT string_agg(reference, ', ' ORDER BY reference) FROM cases "
            f"WHERE court_number IS NOT NULL "
            f"GROUP BY court_level, court_station, {UNPADDED} HAVING count(*) > 1"
        )
    ).scalars().all()
    if clashes:
        raise RuntimeError(
            "these cases bear one court number written with and without zeros after the E "
            f"(E019 and E19); correct them before upgrading: {'; '.join(clashes)}"
        )
    op.execute(f"UPDATE cases SET court_number = {UNPADDED} WHERE court_number ~ 'E0'")


def downgrade() -> None:
    op.alter_column(
        "cases",
        "neutral_citation",
        type_=sa.String(length=60),
        existing_nullable=True,
        postgresql_using="left(neutral_citation, 60)",
    )
    op.drop_column("cases", "consolidated_with")
