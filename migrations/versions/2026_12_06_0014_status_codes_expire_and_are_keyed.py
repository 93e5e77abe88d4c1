"""status codes expire, and are kept as a hash keyed with the server's secret: the codes issued
before, kept as a bare SHA-256 of 40 bits, are revoked (they cannot be re-hashed without the
code itself); the lawyer issues the family a new one

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 09:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'status_codes', sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True)
    )
    op.execute("UPDATE status_codes SET revoked_at = now() WHERE revoked_at IS NULL")
    op.execute("UPDATE status_codes SET expires_at = least(revoked_at, created_at)")
    op.alter_column('status_codes', 'expires_at', nullable=False)


def downgrade() -> None:
    """The expiry goes; the codes revoked on the way up stay revoked, and those issued since are
    keyed hashes the code before this revision cannot match, so they are revoked too."""
    op.execute("UPDATE status_codes SET revoked_at = now() WHERE revoked_at IS NULL")
    op.drop_column('status_codes', 'expires_at')
