"""import files checked on the import page, waiting an hour at most to be imported

Revision ID: 0034
Revises: 0032
Create Date: 2026-12-07 02:00:00.000000

The import page checks a file (a dry run), then imports exactly that file when its
administrator confirms: the file waits here meanwhile, bound to who sent it and to its sha256.
A draft holds personal data, so it is deleted when imported and purged an hour after the check.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0034'
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('import_drafts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_import_drafts_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_drafts'))
    )
    op.create_index(op.f('ix_import_drafts_user_id'), 'import_drafts', ['user_id'], unique=False)
    op.create_index(op.f('ix_import_drafts_expires_at'), 'import_drafts', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_import_drafts_expires_at'), table_name='import_drafts')
    op.drop_index(op.f('ix_import_drafts_user_id'), table_name='import_drafts')
    op.drop_table('import_drafts')
