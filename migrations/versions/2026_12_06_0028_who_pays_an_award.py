"""Who pays an award: the department concerned and its accounting officer (GPA s.21(3))

Revision ID: 0028
Revises: 0024
Create Date: 2026-12-06 19:20:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0028'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'awards',
        sa.Column('department', sqlmodel.sql.sqltypes.AutoString(length=200), server_default='', nullable=False),
    )
    op.add_column(
        'awards',
        sa.Column('accounting_officer', sqlmodel.sql.sqltypes.AutoString(length=200), server_default='', nullable=False),
    )


def downgrade() -> None:
    op.drop_column('awards', 'accounting_officer')
    op.drop_column('awards', 'department')
