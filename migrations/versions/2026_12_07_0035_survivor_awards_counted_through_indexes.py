"""a survivor's count of awards refreshed on their positions through the indexes

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-07 08:00:00.000000

The statement trigger that refreshes `survivor_awards` on the positions of every award of the
survivors whose awards were added or removed joined those survivors to all awards and all
positions. PostgreSQL costed that join as a hash of every award and every position (it cannot
know how few survivors a statement names), so each insert of awards, an import's batch of 500
among them, read both tables whole: 10 ms a batch at 15,000 awards, growing with the register.
Asked as arrays (`= ANY (ARRAY(...))`), each step is planned as a few lookups by index, however
large the tables: the survivors, their awards (by survivor), those awards' positions.
"""

from collections.abc import Sequence

from alembic import op


revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

THROUGH_INDEXES = """
CREATE OR REPLACE FUNCTION haki_survivor_awards_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE award_positions p SET award_id = p.award_id
     WHERE p.award_id = ANY (ARRAY(
           SELECT a.id FROM awards a
            WHERE a.survivor_id = ANY (ARRAY(SELECT DISTINCT survivor_id FROM changed_awards))));
    RETURN NULL;
END $$;
"""

JOINED = """
CREATE OR REPLACE FUNCTION haki_survivor_awards_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE award_positions p SET award_id = p.award_id
      FROM awards a
     WHERE p.award_id = a.id
       AND a.survivor_id IN (SELECT survivor_id FROM changed_awards);
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.execute(THROUGH_INDEXES)


def downgrade() -> None:
    op.execute(JOINED)
