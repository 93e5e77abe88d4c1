"""position facts copied when a position is added or its facts are written, not when only its
own figures change

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-07 08:00:00.000000

The trigger of migration 0010 copied the award's and case's facts onto a position on every
insert and every update of it. A payment dated after every other entry of its award's ledger
only closes the award's last position (its `valid_to`) and adds one: the import now writes
just that (service/usecases/importing/held.py) instead of deleting the award's positions and
inserting them all again, and the close looked the facts up again for a row whose award and
case had not changed (a third of the rewrite's time in PostgreSQL). The facts are still copied
on every insert and on every update naming the award or a fact (the triggers on awards, cases
and survivors refresh them with `SET award_id = award_id`), so whatever is written into a fact
is still replaced.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMED = (
    "award_id, survivor_id, respondent, judgment_on, served_on, closed_on, rate_percent, "
    "court_station, survivor_awards"
)
"""the award a position belongs to and every fact copied onto it (migration 0010)"""


def upgrade() -> None:
    op.execute("DROP TRIGGER award_positions_facts ON award_positions")
    op.execute(
        f"CREATE TRIGGER award_positions_facts BEFORE INSERT OR UPDATE OF {NAMED} "
        "ON award_positions FOR EACH ROW EXECUTE FUNCTION haki_position_facts()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER award_positions_facts ON award_positions")
    op.execute(
        "CREATE TRIGGER award_positions_facts BEFORE INSERT OR UPDATE ON award_positions "
        "FOR EACH ROW EXECUTE FUNCTION haki_position_facts()"
    )
