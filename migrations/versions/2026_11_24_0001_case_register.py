"""case register: survivors, cases, claimants and the append-only case history

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 04:21:32.767876
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

APPEND_ONLY = """
CREATE FUNCTION haki_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
"""

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('cases',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('kind', sa.Enum('constitutional_petition', 'civil_claim', 'criminal_prosecution', 'inquest', 'judicial_review', name='kind', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('court_level', sa.Enum('magistrates_court', 'high_court', 'employment_and_labour_relations_court', 'environment_and_land_court', 'court_of_appeal', 'supreme_court', name='court_level', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('court_station', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('court_number', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('respondents', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('lead_counsel', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('stage', sa.Enum('intake', 'filed', 'pleadings', 'hearing', 'judgment_reserved', 'judgment', 'awarded', 'dismissed', 'appealed', 'settled', 'withdrawn', 'compensation', 'closed', name='stage', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('stage_since', sa.Date(), nullable=False),
    sa.Column('judgment_on', sa.Date(), nullable=True),
    sa.Column('judgment_outcome', sa.Enum('allowed', 'partly_allowed', 'dismissed', name='judgment_outcome', native_enum=False, create_constraint=True, length=48), nullable=True),
    sa.Column('neutral_citation', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
    sa.Column('stay_of_execution', sa.Boolean(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('court_level', 'court_station', 'court_number', name='uq_cases_court_number'),
    sa.UniqueConstraint('reference', name=op.f('uq_cases_reference'))
    )
    op.create_index(op.f('ix_cases_court_number'), 'cases', ['court_number'], unique=False)
    op.create_index(op.f('ix_cases_lead_counsel'), 'cases', ['lead_counsel'], unique=False)
    op.create_index(op.f('ix_cases_stage'), 'cases', ['stage'], unique=False)
    op.create_table('survivor_code_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_survivor_code_counters'))
    )
    op.create_table('survivors',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('full_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survivors')),
    sa.UniqueConstraint('code', name=op.f('uq_survivors_code'))
    )
    op.create_table('case_claimants',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('survivor_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_claimants_case_id_cases')),
    sa.ForeignKeyConstraint(['survivor_id'], ['survivors.id'], name=op.f('fk_case_claimants_survivor_id_survivors')),
    sa.PrimaryKeyConstraint('case_id', 'survivor_id', name=op.f('pk_case_claimants'))
    )
    op.create_index(op.f('ix_case_claimants_survivor_id'), 'case_claimants', ['survivor_id'], unique=False)
    op.create_table('case_events',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('from_stage', sa.Enum('intake', 'filed', 'pleadings', 'hearing', 'judgment_reserved', 'judgment', 'awarded', 'dismissed', 'appealed', 'settled', 'withdrawn', 'compensation', 'closed', name='from_stage', native_enum=False, create_constraint=True, length=48), nullable=True),
    sa.Column('to_stage', sa.Enum('intake', 'filed', 'pleadings', 'hearing', 'judgment_reserved', 'judgment', 'awarded', 'dismissed', 'appealed', 'settled', 'withdrawn', 'compensation', 'closed', name='to_stage', native_enum=False, create_constraint=True, length=48), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('evidence_ref', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    op.create_index('ix_case_events_case_id_id', 'case_events', ['case_id', 'id'], unique=False)
    op.execute(APPEND_ONLY)
    op.execute(
        "CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
        "ON case_events FOR EACH STATEMENT EXECUTE FUNCTION haki_refuse_change()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER case_events_append_only ON case_events")
    op.execute("DROP FUNCTION haki_refuse_change()")
    op.drop_index('ix_case_events_case_id_id', table_name='case_events')
    op.drop_table('case_events')
    op.drop_index(op.f('ix_case_claimants_survivor_id'), table_name='case_claimants')
    op.drop_table('case_claimants')
    op.drop_table('survivors')
    op.drop_table('survivor_code_counters')
    op.drop_index(op.f('ix_cases_stage'), table_name='cases')
    op.drop_index(op.f('ix_cases_lead_counsel'), table_name='cases')
    op.drop_index(op.f('ix_cases_court_number'), table_name='cases')
    op.drop_table('cases')
