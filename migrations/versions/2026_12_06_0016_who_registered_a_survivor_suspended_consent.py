"""who registered a survivor; a contact's consent suspended when the phone or e-mail changes

Revision ID: 0016
Revises: 0013
Create Date: 2026-12-06 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('survivors', sa.Column('registered_by', sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f('fk_survivors_registered_by_users'), 'survivors', 'users', ['registered_by'], ['id']
    )
    op.add_column(
        'contacts', sa.Column('consent_suspended_at', sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column('contacts', 'consent_suspended_at')
    op.drop_constraint(op.f('fk_survivors_registered_by_users'), 'survivors', type_='foreignkey')
    op.drop_column('survivors', 'registered_by')
