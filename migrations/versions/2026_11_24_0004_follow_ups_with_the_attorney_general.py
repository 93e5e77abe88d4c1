"""follow-ups with the Attorney General

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 05:41:58.126738
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('follow_ups',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('award_id', sa.Uuid(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('letter', 'call', 'visit', 'email', name='follow_up_kind', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['award_id'], ['awards.id'], name=op.f('fk_follow_ups_award_id_awards')),
    sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_follow_ups_recorded_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups'))
    )
    op.create_index(op.f('ix_follow_ups_award_id'), 'follow_ups', ['award_id'], unique=False)

    op.execute(
        "CREATE TRIGGER follow_ups_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
        "ON follow_ups FOR EACH STATEMENT EXECUTE FUNCTION haki_refuse_change()"
    )

def downgrade() -> None:
    op.execute("DROP TRIGGER follow_ups_append_only ON follow_ups")
    op.drop_index(op.f('ix_follow_ups_award_id'), table_name='follow_ups')
    op.drop_table('follow_ups')
