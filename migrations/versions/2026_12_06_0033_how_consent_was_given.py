"""how a contact gave consent: in person, in a phone call, or on a signed form

Revision ID: 0033
Revises: 0024
Create Date: 2026-12-06 20:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0033'
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'contacts',
        sa.Column(
            'consent_way',
            sa.Enum(
                'in_person', 'phone_call', 'signed_form', name='consent_way', native_enum=False,
                create_constraint=True, length=48,
            ),
            nullable=True,
        ),
    )


def downgrade() -> None:
    op.drop_column('contacts', 'consent_way')
