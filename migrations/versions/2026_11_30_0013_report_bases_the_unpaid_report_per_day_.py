"""report bases: the unpaid-awards report computed for a day, and every change to a position
since, logged by triggers (domain/report_bases.py); they replace the stored report checked
against a count of changes (migration 0010), which a single payment made useless

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 12:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "valid_from, valid_to, awarded, principal, unpaid_interest, accrued, paid_to_interest, "
    "paid_to_principal, bearing, bearing_from, bearing_sum, bearing_day_sum, bearing_latest, "
    "survivor_id, respondent, judgment_on, served_on, closed_on, rate_percent, court_station, "
    "survivor_awards"
)
"""what of a position the report reads"""

LOG = f"""
CREATE FUNCTION haki_log_position_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    xid bigint := pg_current_xact_id()::text::bigint;
BEGIN
    -- rows an UPDATE left as they were cancel out, so only those that differ are kept
    IF TG_OP = 'DELETE' THEN
        INSERT INTO award_position_changes (xid, sign, {COLUMNS})
        SELECT xid, -1, {COLUMNS} FROM old_rows;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO award_position_changes (xid, sign, {COLUMNS})
        SELECT xid, 1, {COLUMNS} FROM new_rows;
    ELSE
        INSERT INTO award_position_changes (xid, sign, {COLUMNS})
        SELECT xid, -1, * FROM (SELECT {COLUMNS} FROM old_rows
                                EXCEPT ALL SELECT {COLUMNS} FROM new_rows) gone
        UNION ALL
        SELECT xid, 1, * FROM (SELECT {COLUMNS} FROM new_rows
                               EXCEPT ALL SELECT {COLUMNS} FROM old_rows) came;
    END IF;
    RETURN NULL;
END $$
"""
LOGGED = {
    "INSERT": "NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}
"""a trigger each: one with transition tables may have one event only"""

COUNTED = (  # migration 0010's, for the downgrade
    """
CREATE FUNCTION haki_positions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('haki.positions_counted', true) = 'yes' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('haki.positions_counted', 'yes', true);
    INSERT INTO award_positions_version (id, version) VALUES (1, 1)
        ON CONFLICT (id) DO UPDATE SET version = award_positions_version.version + 1;
    RETURN NULL;
END $$""",
    """
CREATE FUNCTION haki_positions_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('haki.positions_touched', 'yes', true);
    RETURN NULL;
END $$""",
    """
CREATE TRIGGER award_positions_touched AFTER INSERT OR UPDATE OR DELETE ON award_positions
    FOR EACH STATEMENT EXECUTE FUNCTION haki_positions_touched()""",
    """
CREATE CONSTRAINT TRIGGER award_positions_changed
    AFTER INSERT OR UPDATE OR DELETE ON award_positions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION haki_positions_changed()""",
)


def upgrade() -> None:
    op.create_table('award_position_changes',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('xid', sa.BigInteger(), nullable=False),
    sa.Column('sign', sa.SmallInteger(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('awarded', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('principal', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('unpaid_interest', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('accrued', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('paid_to_interest', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('paid_to_principal', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('bearing', postgresql.ARRAY(sa.Numeric(precision=14, scale=2)), nullable=False),
    sa.Column('bearing_from', postgresql.ARRAY(sa.Date()), nullable=False),
    sa.Column('bearing_sum', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('bearing_day_sum', sa.Numeric(precision=24, scale=2), nullable=False),
    sa.Column('bearing_latest', sa.Date(), nullable=True),
    sa.Column('survivor_id', sa.Uuid(), nullable=False),
    sa.Column('respondent', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('judgment_on', sa.Date(), nullable=False),
    sa.Column('served_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('rate_percent', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('court_station', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('survivor_awards', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_position_changes'))
    )
    op.create_index('ix_award_position_changes_xid', 'award_position_changes', ['xid'], unique=False)
    op.create_table('unpaid_bases',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('snapshot', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unpaid_bases')),
    sa.UniqueConstraint('day', name=op.f('uq_unpaid_bases_day'))
    )
    op.create_table('unpaid_base_cells',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('base_id', sa.BigInteger(), nullable=False),
    sa.Column('breakdown', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('awards', sa.BigInteger(), nullable=False),
    sa.Column('lone', sa.BigInteger(), nullable=False),
    sa.Column('awarded', sa.Numeric(precision=24, scale=2), nullable=False),
    sa.Column('accrued', sa.Numeric(precision=24, scale=2), nullable=False),
    sa.Column('later', sa.Numeric(precision=24, scale=2), nullable=False),
    sa.Column('paid', sa.Numeric(precision=24, scale=2), nullable=False),
    sa.Column('outstanding_principal', sa.Numeric(precision=24, scale=2), nullable=False),
    sa.Column('unpaid_interest', sa.Numeric(precision=24, scale=2), nullable=False),
    sa.Column('shared', sa.BigInteger(), nullable=False),
    sa.Column('shared_ids', postgresql.ARRAY(sa.Uuid()), nullable=False),
    sa.ForeignKeyConstraint(['base_id'], ['unpaid_bases.id'], name=op.f('fk_unpaid_base_cells_base_id_unpaid_bases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unpaid_base_cells'))
    )
    op.create_index('ix_unpaid_base_cells_base_id', 'unpaid_base_cells', ['base_id'], unique=False)
    op.create_table('unpaid_base_shared',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('base_id', sa.BigInteger(), nullable=False),
    sa.Column('survivor_id', sa.Uuid(), nullable=False),
    sa.Column('respondent', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('judgment_year', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('court_station', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('ageing_since_judgment', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('ageing_since_service', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('awards', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['base_id'], ['unpaid_bases.id'], name=op.f('fk_unpaid_base_shared_base_id_unpaid_bases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unpaid_base_shared'))
    )
    op.create_index('ix_unpaid_base_shared_base_id_survivor_id', 'unpaid_base_shared', ['base_id', 'survivor_id'], unique=False)
    op.execute("DROP TRIGGER award_positions_changed ON award_positions")
    op.execute("DROP TRIGGER award_positions_touched ON award_positions")
    op.execute("DROP FUNCTION haki_positions_changed()")
    op.execute("DROP FUNCTION haki_positions_touched()")
    op.drop_table('unpaid_reports_stored')
    op.drop_table('award_positions_version')
    op.execute(LOG)
    for event, tables in LOGGED.items():
        op.execute(
            f"CREATE TRIGGER award_positions_logged_{event.lower()} AFTER {event} ON award_positions"
            f" REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION haki_log_position_changes()"
        )


def downgrade() -> None:
    for event in LOGGED:
        op.execute(f"DROP TRIGGER award_positions_logged_{event.lower()} ON award_positions")
    op.execute("DROP FUNCTION haki_log_position_changes()")
    op.create_table('award_positions_version',
    sa.Column('id', sa.INTEGER(), autoincrement=True, nullable=False),
    sa.Column('version', sa.BIGINT(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_positions_version'))
    )
    op.create_table('unpaid_reports_stored',
    sa.Column('key', sa.VARCHAR(length=200), autoincrement=False, nullable=False),
    sa.Column('version', sa.BIGINT(), autoincrement=False, nullable=False),
    sa.Column('figures', postgresql.JSONB(astext_type=sa.Text()), autoincrement=False, nullable=False),
    sa.Column('computed_at', postgresql.TIMESTAMP(timezone=True), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_unpaid_reports_stored'))
    )
    op.drop_index('ix_unpaid_base_shared_base_id_survivor_id', table_name='unpaid_base_shared')
    op.drop_table('unpaid_base_shared')
    op.drop_index('ix_unpaid_base_cells_base_id', table_name='unpaid_base_cells')
    op.drop_table('unpaid_base_cells')
    op.drop_table('unpaid_bases')
    op.drop_index('ix_award_position_changes_xid', table_name='award_position_changes')
    op.drop_table('award_position_changes')
    for statement in COUNTED:
        op.execute(statement)
