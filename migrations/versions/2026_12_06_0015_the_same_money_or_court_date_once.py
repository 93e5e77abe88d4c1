"""the same money or court date once: a live reference per award, a live date per case and
purpose, and the one-time tokens of the pages' forms

Entries already in a ledger get `prior_reversals` numbered in the order they were recorded, so
the index can be built over books that already hold a reference twice (the second then stays,
and the next entry with that reference is refused until one of them is reversed). A case with
the same live date set twice must have one vacated first: the migration says which to look at.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-06 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEDGER = ("payments_received", "disbursements")
LIVE_ENTRY = "reverses_id IS NULL AND reference <> ''"
LIVE_SITTING = "status IN ('scheduled', 'held')"


def upgrade() -> None:
    for table in LEDGER:
        op.add_column(
            table,
            sa.Column('prior_reversals', sa.SmallInteger(), nullable=False, server_default='0'),
        )
        # the ledger is append-only; this numbers a new column, it moves no money
        op.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
        op.execute(
            f"UPDATE {table} SET prior_reversals = numbered.n FROM ("
            f" SELECT id, row_number() OVER (PARTITION BY award_id, reference ORDER BY id) - 1 AS n"
            f" FROM {table} WHERE {LIVE_ENTRY}) AS numbered"
            f" WHERE {table}.id = numbered.id AND numbered.n > 0"
        )
        op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")
        op.create_index(
            f'uq_{table}_live_reference', table, ['award_id', 'reference', 'prior_reversals'],
            unique=True, postgresql_where=sa.text(LIVE_ENTRY),
        )
    twice = op.get_bind().execute(sa.text(
        f"SELECT count(*) FROM (SELECT 1 FROM hearings WHERE {LIVE_SITTING}"
        " GROUP BY case_id, starts_at, purpose HAVING count(*) > 1) AS clashes"
    )).scalar_one()
    if twice:
        raise RuntimeError(
            "some court dates are set twice on the same case for the same purpose "
            f"({twice} of them); vacate the extra ones in Haki (GET /hearings lists them) and "
            "run the migration again"
        )
    op.create_index(
        'uq_hearings_live_sitting', 'hearings', ['case_id', 'starts_at', 'purpose'],
        unique=True, postgresql_where=sa.text(LIVE_SITTING),
    )
    op.create_table('form_submissions',
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('location', sa.String(length=2000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token', name=op.f('pk_form_submissions'))
    )
    op.create_index(op.f('ix_form_submissions_created_at'), 'form_submissions', ['created_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_form_submissions_created_at'), table_name='form_submissions')
    op.drop_table('form_submissions')
    op.drop_index('uq_hearings_live_sitting', table_name='hearings')
    for table in LEDGER:
        op.drop_index(f'uq_{table}_live_reference', table_name=table)
        op.drop_column(table, 'prior_reversals')
