"""Violation records: what was done to a survivor, when, where, by whom; the vocabulary of
violations an administrator may extend; referrals to partners for care and support

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 19:00:00.000000
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0025'
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUILT_IN_TYPES = {
    'torture': ('Torture', 'Mateso'),
    'cruel_treatment': ('Cruel, inhuman or degrading treatment', 'Unyama, ukatili au udhalilishaji'),
    'extrajudicial_execution': ('Extrajudicial execution', 'Mauaji ya kiholela'),
    'enforced_disappearance': ('Enforced disappearance', 'Kutoweshwa kwa lazima'),
    'sexual_violence': ('Sexual violence', 'Dhuluma za kingono'),
    'arbitrary_arrest': ('Arbitrary arrest and detention', 'Kukamatwa na kuzuiliwa kiholela'),
    'excessive_force_protest': ('Excessive force at a protest', 'Nguvu kupita kiasi katika maandamano'),
    'death_in_custody': ('Death in custody', 'Kifo mikononi mwa polisi'),
}
"""the vocabulary as it stood at this revision (domain/violations.py BUILT_IN_TYPES)"""


def _checked(name: str, values: list[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=48)


def upgrade() -> None:
    types = op.create_table(
        'violation_types',
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('name_sw', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_violation_types')),
    )
    op.bulk_insert(
        types,
        [
            {'code': code, 'name_en': en, 'name_sw': sw, 'added_at': datetime.now(UTC)}
            for code, (en, sw) in BUILT_IN_TYPES.items()
        ],
    )
    op.create_table(
        'violations',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('survivor_id', sa.Uuid(), nullable=False),
        sa.Column('occurred_on', sa.Date(), nullable=False),
        sa.Column('precision', _checked('precision', ['day', 'month', 'year']), nullable=False),
        sa.Column('county', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('sub_county', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column('types', postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column('agency', _checked('agency', [
            'kenya_police_service', 'administration_police', 'dci', 'gsu', 'kdf',
            'county_enforcement', 'prisons', 'other',
        ]), nullable=False),
        sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('perpetrators', sa.Integer(), nullable=True),
        sa.Column('officers', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column('sex', _checked('sex', ['female', 'male', 'intersex', 'not_known']), nullable=False),
        sa.Column('age_band', _checked('age_band', [
            'under_18', '18_24', '25_34', '35_49', '50_64', '65_plus', 'not_known',
        ]), nullable=False),
        sa.Column('disability', sa.Boolean(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('recorded_by', sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(['survivor_id'], ['survivors.id'], name=op.f('fk_violations_survivor_id_survivors')),
        sa.ForeignKeyConstraint(['recorded_by'], ['users.id'], name=op.f('fk_violations_recorded_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_violations')),
    )
    op.create_index(op.f('ix_violations_survivor_id'), 'violations', ['survivor_id'], unique=False)
    op.create_index(op.f('ix_violations_occurred_on'), 'violations', ['occurred_on'], unique=False)
    op.create_index(op.f('ix_violations_county'), 'violations', ['county'], unique=False)
    op.create_table(
        'violation_cases',
        sa.Column('violation_id', sa.Uuid(), nullable=False),
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['violation_id'], ['violations.id'], name=op.f('fk_violation_cases_violation_id_violations')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_violation_cases_case_id_cases')),
        sa.PrimaryKeyConstraint('violation_id', 'case_id', name=op.f('pk_violation_cases')),
    )
    op.create_index(op.f('ix_violation_cases_case_id'), 'violation_cases', ['case_id'], unique=False)
    op.create_table(
        'referral_partners',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('kind', _checked('kind', ['medical', 'psychosocial', 'legal_aid', 'economic_support']), nullable=False),
        sa.Column('county', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_partners')),
        sa.UniqueConstraint('name', name=op.f('uq_referral_partners_name')),
    )
    op.create_table(
        'referrals',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('survivor_id', sa.Uuid(), nullable=False),
        sa.Column('partner_id', sa.Uuid(), nullable=False),
        sa.Column('case_id', sa.Uuid(), nullable=True),
        sa.Column('status', _checked('status', ['made', 'accepted', 'attended', 'closed']), nullable=False),
        sa.Column('made_on', sa.Date(), nullable=False),
        sa.Column('accepted_on', sa.Date(), nullable=True),
        sa.Column('attended_on', sa.Date(), nullable=True),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('outcome', _checked('outcome', [
            'completed', 'declined_by_partner', 'did_not_attend', 'withdrew', 'referred_on',
        ]), nullable=True),
        sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column('outcome_note', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column('follow_up_on', sa.Date(), nullable=True),
        sa.Column('made_by', sa.Uuid(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['survivor_id'], ['survivors.id'], name=op.f('fk_referrals_survivor_id_survivors')),
        sa.ForeignKeyConstraint(['partner_id'], ['referral_partners.id'], name=op.f('fk_referrals_partner_id_referral_partners')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_referrals_case_id_cases')),
        sa.ForeignKeyConstraint(['made_by'], ['users.id'], name=op.f('fk_referrals_made_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    )
    op.create_index(op.f('ix_referrals_survivor_id'), 'referrals', ['survivor_id'], unique=False)
    op.create_index(op.f('ix_referrals_follow_up_on'), 'referrals', ['follow_up_on'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_referrals_follow_up_on'), table_name='referrals')
    op.drop_index(op.f('ix_referrals_survivor_id'), table_name='referrals')
    op.drop_table('referrals')
    op.drop_table('referral_partners')
    op.drop_index(op.f('ix_violation_cases_case_id'), table_name='violation_cases')
    op.drop_table('violation_cases')
    op.drop_index(op.f('ix_violations_county'), table_name='violations')
    op.drop_index(op.f('ix_violations_occurred_on'), table_name='violations')
    op.drop_index(op.f('ix_violations_survivor_id'), table_name='violations')
    op.drop_table('violations')
    op.drop_table('violation_types')
