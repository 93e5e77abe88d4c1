"""mandamus on its own route (Order 53): a case's track, and the stages of leave and motion

Revision ID: 0029
Revises: 0024
Create Date: 2026-12-06 19:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0029'
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COURT = (
    'intake', 'filed', 'pleadings', 'hearing', 'judgment_reserved', 'judgment', 'awarded',
    'dismissed', 'appealed', 'settled', 'withdrawn', 'compensation', 'closed',
)
ORDER_53 = ('leave_sought', 'leave_granted', 'leave_refused', 'motion_filed')
STAGE_COLUMNS = (('cases', 'stage'), ('case_events', 'from_stage'), ('case_events', 'to_stage'))
# an enforcement case still at intake has taken no step: it can start on the new route
TO_THE_NEW_ROUTE = """
UPDATE cases SET track = 'mandamus'
WHERE stage = 'intake' AND id IN (SELECT enforcement_case_id FROM awards)
"""
REFUSE_IF_ON_THE_NEW_ROUTE = """
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM cases WHERE track = 'mandamus' AND stage <> 'intake') THEN
        RAISE EXCEPTION 'cases are on the mandamus route, whose stages the older schema cannot name';
    END IF;
END $$
"""


def _stages(column: str, stages: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{stage}'" for stage in stages) + ")"


def _checks(stages: tuple[str, ...]) -> None:
    for table, column in STAGE_COLUMNS:
        op.drop_constraint(op.f(f'ck_{table}_{column}'), table, type_='check')
        op.create_check_constraint(op.f(f'ck_{table}_{column}'), table, _stages(column, stages))


def upgrade() -> None:
    _checks((*COURT, *ORDER_53))
    op.add_column(
        'cases', sa.Column('track', sa.String(length=48), server_default='court', nullable=False)
    )
    op.create_check_constraint(
        op.f('ck_cases_case_track'), 'cases', "track IN ('court', 'mandamus')"
    )
    op.execute(TO_THE_NEW_ROUTE)


def downgrade() -> None:
    op.execute(REFUSE_IF_ON_THE_NEW_ROUTE)
    op.drop_column('cases', 'track')
    _checks(COURT)
