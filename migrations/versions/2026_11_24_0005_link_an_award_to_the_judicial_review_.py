"""link an award to the judicial review that enforces it

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 05:46:09.881209
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('awards', sa.Column('enforcement_case_id', sa.Uuid(), nullable=True))
    op.create_foreign_key(op.f('fk_awards_enforcement_case_id_cases'), 'awards', 'cases', ['enforcement_case_id'], ['id'])


def downgrade() -> None:
    op.drop_constraint(op.f('fk_awards_enforcement_case_id_cases'), 'awards', type_='foreignkey')
    op.drop_column('awards', 'enforcement_case_id')
