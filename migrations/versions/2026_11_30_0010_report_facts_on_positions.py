"""report facts on award positions: the award's and case's facts a report groups by, copied
by triggers; Σ bearing principal and Σ principal x day so interest is arithmetic; the stored
unpaid-awards report and the count of position changes it is checked against

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTS = (
    "survivor_id",
    "respondent",
    "judgment_on",
    "rate_percent",
    "court_station",
    "survivor_awards",
)
"""the copied facts never empty; served_on and closed_on may be"""

TRIGGERS = """
-- interest head by head, for a day before some head starts (service/usecases/reports/unpaid_sql.py);
-- a function, unlike a subquery, lets the report's aggregation run in parallel workers
CREATE FUNCTION haki_interest_by_head(rate numeric, bearing numeric[], bearing_from date[], as_of date)
RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT round(rate * sum(b.principal * greatest(as_of - b.since, 0)) / 36500.000000000000, 2)
  FROM unnest(bearing, bearing_from) AS b(principal, since)
$$;

CREATE FUNCTION haki_position_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT a.survivor_id, a.respondent, a.judgment_on, a.served_on, a.rate_percent,
           CASE WHEN a.stage IN ('set_aside', 'written_off') THEN a.stage_since END,
           c.court_station,
           (SELECT count(*) FROM awards o WHERE o.survivor_id = a.survivor_id)
      INTO NEW.survivor_id, NEW.respondent, NEW.judgment_on, NEW.served_on, NEW.rate_percent,
           NEW.closed_on, NEW.court_station, NEW.survivor_awards
      FROM awards a JOIN cases c ON c.id = a.case_id
     WHERE a.id = NEW.award_id;
    RETURN NEW;
END $$;

CREATE TRIGGER award_positions_facts BEFORE INSERT OR UPDATE ON award_positions
    FOR EACH ROW EXECUTE FUNCTION haki_position_facts();

CREATE FUNCTION haki_award_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE award_positions SET award_id = award_id WHERE award_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER awards_position_facts AFTER UPDATE ON awards FOR EACH ROW
    WHEN ((OLD.survivor_id, OLD.respondent, OLD.judgment_on, OLD.served_on, OLD.rate_percent,
           OLD.case_id, CASE WHEN OLD.stage IN ('set_aside', 'written_off') THEN OLD.stage_since END)
          IS DISTINCT FROM
          (NEW.survivor_id, NEW.respondent, NEW.judgment_on, NEW.served_on, NEW.rate_percent,
           NEW.case_id, CASE WHEN NEW.stage IN ('set_aside', 'written_off') THEN NEW.stage_since END))
    EXECUTE FUNCTION haki_award_facts_changed();

-- a survivor's count of awards is on the positions of each of them
CREATE FUNCTION haki_survivor_awards_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE award_positions p SET award_id = p.award_id
      FROM awards a
     WHERE p.award_id = a.id
       AND a.survivor_id IN (SELECT survivor_id FROM changed_awards);
    RETURN NULL;
END $$;

CREATE TRIGGER awards_added_survivor_awards AFTER INSERT ON awards
    REFERENCING NEW TABLE AS changed_awards
    FOR EACH STATEMENT EXECUTE FUNCTION haki_survivor_awards_changed();

CREATE TRIGGER awards_removed_survivor_awards AFTER DELETE ON awards
    REFERENCING OLD TABLE AS changed_awards
    FOR EACH STATEMENT EXECUTE FUNCTION haki_survivor_awards_changed();

CREATE FUNCTION haki_survivor_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE award_positions p SET award_id = p.award_id
      FROM awards a
     WHERE p.award_id = a.id
       AND a.survivor_id IN (
           SELECT b.survivor_id FROM before_awards b JOIN changed_awards n ON n.id = b.id
            WHERE b.survivor_id <> n.survivor_id
           UNION
           SELECT n.survivor_id FROM before_awards b JOIN changed_awards n ON n.id = b.id
            WHERE b.survivor_id <> n.survivor_id);
    RETURN NULL;
END $$;

CREATE TRIGGER awards_moved_survivor_awards AFTER UPDATE ON awards
    REFERENCING OLD TABLE AS before_awards NEW TABLE AS changed_awards
    FOR EACH STATEMENT EXECUTE FUNCTION haki_survivor_moved();

CREATE FUNCTION haki_case_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE award_positions p SET award_id = p.award_id
      FROM awards a WHERE a.case_id = NEW.id AND p.award_id = a.id;
    RETURN NULL;
END $$;

CREATE TRIGGER cases_position_facts AFTER UPDATE ON cases FOR EACH ROW
    WHEN (OLD.court_station IS DISTINCT FROM NEW.court_station)
    EXECUTE FUNCTION haki_case_facts_changed();

-- at commit, once a transaction: the last lock a writer takes, so it never waits holding
-- one another writer needs
CREATE FUNCTION haki_positions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('haki.positions_counted', true) = 'yes' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('haki.positions_counted', 'yes', true);
    INSERT INTO award_positions_version (id, version) VALUES (1, 1)
        ON CONFLICT (id) DO UPDATE SET version = award_positions_version.version + 1;
    RETURN NULL;
END $$;

-- at once, so the writing transaction itself never reads a stored report as current
CREATE FUNCTION haki_positions_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('haki.positions_touched', 'yes', true);
    RETURN NULL;
END $$;

CREATE TRIGGER award_positions_touched AFTER INSERT OR UPDATE OR DELETE ON award_positions
    FOR EACH STATEMENT EXECUTE FUNCTION haki_positions_touched();

CREATE CONSTRAINT TRIGGER award_positions_changed
    AFTER INSERT OR UPDATE OR DELETE ON award_positions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION haki_positions_changed();
"""

FILL = """
UPDATE award_positions p
   SET bearing_sum = b.total, bearing_day_sum = b.days, bearing_latest = b.latest
  FROM award_positions q
 CROSS JOIN LATERAL (
    SELECT coalesce(sum(principal), 0) AS total,
           coalesce(sum(principal * (since - DATE '2000-01-01')), 0) AS days,
           max(since) AS latest
      FROM unnest(q.bearing, q.bearing_from) AS u(principal, since)
 ) b
 WHERE q.id = p.id
"""


def upgrade() -> None:
    op.create_table(
        "award_positions_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_positions_version")),
    )
    op.create_table(
        "unpaid_reports_stored",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("figures", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_unpaid_reports_stored")),
    )
    op.add_column(
        "award_positions",
        sa.Column("bearing_sum", sa.Numeric(precision=14, scale=2), nullable=True),
    )
    op.add_column(
        "award_positions",
        sa.Column("bearing_day_sum", sa.Numeric(precision=24, scale=2), nullable=True),
    )
    op.add_column("award_positions", sa.Column("bearing_latest", sa.Date(), nullable=True))
    op.add_column("award_positions", sa.Column("survivor_id", sa.Uuid(), nullable=True))
    op.add_column("award_positions", sa.Column("respondent", sa.String(length=120), nullable=True))
    op.add_column("award_positions", sa.Column("judgment_on", sa.Date(), nullable=True))
    op.add_column("award_positions", sa.Column("served_on", sa.Date(), nullable=True))
    op.add_column("award_positions", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column(
        "award_positions",
        sa.Column("rate_percent", sa.Numeric(precision=5, scale=2), nullable=True),
    )
    op.add_column(
        "award_positions", sa.Column("court_station", sa.String(length=80), nullable=True)
    )
    op.add_column("award_positions", sa.Column("survivor_awards", sa.Integer(), nullable=True))
    for statement in TRIGGERS.split("\n\n"):  # asyncpg takes one statement at a time
        op.execute(statement)
    op.execute(FILL)  # the BEFORE UPDATE trigger copies the facts as it goes
    for name in ("bearing_sum", "bearing_day_sum", *FACTS):
        op.alter_column("award_positions", name, nullable=False)


def downgrade() -> None:
    op.execute("DROP TRIGGER award_positions_changed ON award_positions")
    op.execute("DROP TRIGGER award_positions_touched ON award_positions")
    op.execute("DROP TRIGGER cases_position_facts ON cases")
    for change in ("added", "removed", "moved"):
        op.execute(f"DROP TRIGGER awards_{change}_survivor_awards ON awards")
    op.execute("DROP TRIGGER awards_position_facts ON awards")
    op.execute("DROP TRIGGER award_positions_facts ON award_positions")
    for function in (
        "positions_changed",
        "positions_touched",
        "survivor_moved",
        "survivor_awards_changed",
        "case_facts_changed",
        "award_facts_changed",
        "position_facts",
    ):
        op.execute(f"DROP FUNCTION haki_{function}()")
    op.execute("DROP FUNCTION haki_interest_by_head(numeric, numeric[], date[], date)")
    for name in (
        "survivor_awards",
        "court_station",
        "rate_percent",
        "closed_on",
        "served_on",
        "judgment_on",
        "respondent",
        "survivor_id",
        "bearing_latest",
        "bearing_day_sum",
        "bearing_sum",
    ):
        op.drop_column("award_positions", name)
    op.drop_table("unpaid_reports_stored")
    op.drop_table("award_positions_version")
