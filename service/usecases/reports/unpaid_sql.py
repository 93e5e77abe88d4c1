"""The statements of the unpaid-awards report (service/usecases/reports/unpaid.py says what it
counts; domain/report_bases.py how a base and the changes since make it).

Every statement reads positions (or logged rows of positions) alone: a position carries the
award's facts (migration 0010), so nothing is joined, and interest since it is arithmetic.
A distinct count cannot be added up, so survivors are counted in two parts: those holding one
award ("lone"), by a plain count; those holding more (few), by their ids.
"""

from domain.positions import EPOCH

AGES = ("0-90 days", "91-365 days", "1-3 years", "over 3 years")
NOT_SERVED = "not served"
KEYS = (
    "respondent",
    "judgment_year",
    "court_station",
    "ageing_since_judgment",
    "ageing_since_service",
)
"""every breakdown's column: a base's cells are at this, the finest, grouping"""
SUMS = ("awarded", "accrued", "later", "paid", "outstanding_principal", "unpaid_interest")
"""a cell's sums of shillings"""


def _age(days: str) -> str:
    """Buckets by days: 0-90, 91-365, 366-1095 ("1-3 years"), then over 3 years."""
    return (
        f"CASE WHEN {days} <= 90 THEN '{AGES[0]}' WHEN {days} <= 365 THEN '{AGES[1]}'"
        f" WHEN {days} <= 1095 THEN '{AGES[2]}' ELSE '{AGES[3]}' END"
    )


def _interest(as_of: str) -> str:
    return f"""
CASE WHEN p.bearing_latest IS NULL OR p.bearing_latest <= {as_of}
     THEN round((p.bearing_sum * ({as_of} - DATE '{EPOCH.isoformat()}')
                 - p.bearing_day_sum) / 36500.000000000000, 2)
     ELSE haki_rated_interest(p.bearing, p.bearing_from, {as_of}) END
"""


INTEREST = _interest(":as_of")
"""Interest from the position to `as_of`, as domain.ledger_walk.accrue: each bearing is a head's
principal times its own rate; once every bearing head has started, Σ bearing x days is
Σbearing x day - Σ(bearing x start day), exactly, then one division and rounding; before that
(a head from a later day), head by head (a function of migration 0027, the same sum and
rounding)."""


def _unpaid(as_of: str, sign: str, source: str, since: str = "", day: str = "") -> str:
    """Each award still owed on `as_of` (a parameter, or a column naming one day of several):
    its position in force that day and its facts; `day` adds columns before them."""
    return f"""
SELECT {day} {sign} AS sign, p.survivor_id, p.survivor_awards, p.awarded, p.accrued,
       {_interest(as_of)} AS later, p.paid_to_interest + p.paid_to_principal AS paid,
       p.principal AS outstanding_principal, p.unpaid_interest,
       p.respondent, extract(year FROM p.judgment_on)::int::text AS judgment_year,
       p.court_station, {_age(f"({as_of} - p.judgment_on)")} AS ageing_since_judgment,
       CASE WHEN p.served_on IS NULL OR p.served_on > {as_of} THEN '{NOT_SERVED}'
            ELSE {_age(f"({as_of} - p.served_on)")} END AS ageing_since_service
FROM {source}
WHERE p.valid_from <= {as_of} AND (p.valid_to IS NULL OR p.valid_to > {as_of})
  AND p.judgment_on <= {as_of}
  AND (p.principal > 0 OR p.unpaid_interest > 0)
  AND (p.closed_on IS NULL OR p.closed_on > {as_of}) {since}
"""


_keys = ", ".join(KEYS)
_sums = ", ".join(f"coalesce(sum({s}), 0) AS {s}" for s in SUMS)
_zeros = ", ".join("0" for _ in SUMS)
TOTALS = "totals"
"""the `breakdown` of the report's row of totals (its `value` is empty)"""
_rows = ", ".join([f"('{TOTALS}', '')", *(f"('{k}', p.{k})" for k in KEYS)])
IN_ROWS = f"CROSS JOIN LATERAL (VALUES {_rows}) k(breakdown, value)"
"""a cell (a row with every breakdown's column) as the report's rows it counts in"""

DAYS = "award_positions p CROSS JOIN unnest(CAST(:days AS date[])) AS d(day)"
"""every position once for each day asked"""

BUILD = f"""
WITH unpaid AS NOT MATERIALIZED ({_unpaid("d.day", "1", DAYS, day="d.day AS day,")}),
combined AS (
    SELECT day, {_keys}, count(*) AS awards, count(*) FILTER (WHERE survivor_awards = 1) AS lone,
           {", ".join(f"sum({s}) AS {s}" for s in SUMS)}
    FROM unpaid GROUP BY day, {_keys}
)
SELECT 'row' AS part, day, {_keys}, coalesce(sum(awards), 0)::bigint AS awards,
       coalesce(sum(lone), 0)::bigint AS lone, {_sums}, NULL::uuid AS survivor_id,
       NULL AS snapshot
FROM combined GROUP BY day, GROUPING SETS ((), {", ".join(f"({k})" for k in KEYS)})
UNION ALL
SELECT 'shared', day, {_keys}, count(*), 0, {_zeros}, survivor_id, NULL
FROM unpaid WHERE survivor_awards > 1 GROUP BY day, {_keys}, survivor_id
UNION ALL
SELECT 'snapshot', NULL, {", ".join("NULL" for _ in KEYS)}, 0, 0, {_zeros}, NULL,
       pg_current_snapshot()::text
"""
"""Bases for each of `days` computed from every position in one pass (so with one snapshot):
the report's rows (by hashing the awards into cells, in parallel workers, then the cells into
rows), the cells of the survivors holding several awards, and the snapshot the statement read
(one statement, so one snapshot). A day with no award owed has no row: its totals are zero."""

SINCE = """
  AND p.xid >= :xmin
  AND NOT pg_visible_in_snapshot(p.xid::text::xid8, CAST(CAST(:seen AS text) AS pg_snapshot))
"""
"""changes by transactions the base's snapshot `seen` (with its xmin) did not see"""

BACKLOG = """
SELECT id, snapshot, pg_snapshot_xmin(CAST(snapshot AS pg_snapshot))::text::bigint AS xmin,
       (SELECT count(*) FROM award_position_changes p
         WHERE p.xid >= pg_snapshot_xmin(CAST(b.snapshot AS pg_snapshot))::text::bigint
           AND NOT pg_visible_in_snapshot(p.xid::text::xid8, CAST(b.snapshot AS pg_snapshot))
       ) AS backlog
FROM unpaid_bases b WHERE day = :as_of
"""
"""the day's base and how many changes it has not seen"""

_added = ", ".join(f"coalesce(b.{s}, 0) + coalesce(m.{s}, 0) AS {s}" for s in SUMS)

READ = f"""
WITH changed AS MATERIALIZED (
    {_unpaid(":as_of", "p.sign", "award_position_changes p", SINCE)}
),
moved AS (
    SELECT k.breakdown, k.value, sum(p.sign) AS awards,
           sum(CASE WHEN p.survivor_awards = 1 THEN p.sign ELSE 0 END) AS lone,
           {", ".join(f"sum(p.sign * p.{s}) AS {s}" for s in SUMS)}
    FROM changed p {IN_ROWS}
    WHERE k.breakdown = ANY(CAST(:wanted AS text[]))
    GROUP BY k.breakdown, k.value
),
before AS (
    SELECT {_keys}, survivor_id, awards FROM unpaid_base_shared
    WHERE base_id = :base
      AND survivor_id IN (SELECT survivor_id FROM changed WHERE survivor_awards > 1)
),
after AS (
    SELECT {_keys}, survivor_id
    FROM (SELECT * FROM before
          UNION ALL
          SELECT {_keys}, survivor_id, sign FROM changed WHERE survivor_awards > 1) everyone
    GROUP BY {_keys}, survivor_id HAVING sum(awards) > 0
),
presence AS (
    SELECT k.breakdown, k.value, p.survivor_id,
           bool_or(p.was) AS was_in, bool_or(NOT p.was) AS is_in
    FROM (SELECT {_keys}, survivor_id, true AS was FROM before
          UNION ALL
          SELECT {_keys}, survivor_id, false FROM after) p {IN_ROWS}
    WHERE k.breakdown = ANY(CAST(:wanted AS text[]))
    GROUP BY k.breakdown, k.value, p.survivor_id
),
adjusted AS (
    SELECT breakdown, value,
           count(*) FILTER (WHERE is_in AND NOT was_in)
               - count(*) FILTER (WHERE was_in AND NOT is_in)
               AS shared,
           array_agg(survivor_id) FILTER (WHERE is_in AND NOT was_in) AS gained,
           array_agg(survivor_id) FILTER (WHERE was_in AND NOT is_in) AS lost
    FROM presence GROUP BY breakdown, value
)
SELECT coalesce(b.breakdown, m.breakdown) AS breakdown, coalesce(b.value, m.value) AS value,
       coalesce(b.awards, 0) + coalesce(m.awards, 0) AS awards,
       coalesce(b.lone, 0) + coalesce(m.lone, 0) AS lone, {_added},
       coalesce(b.shared, 0) + coalesce(a.shared, 0) AS shared,
       {{shared_ids}} AS shared_ids, a.gained, a.lost,
       EXISTS (SELECT FROM unpaid_bases WHERE id = :base) AS found
FROM (SELECT * FROM unpaid_base_cells
       WHERE base_id = :base AND breakdown = ANY(CAST(:wanted AS text[]))) b
FULL JOIN moved m ON m.breakdown = b.breakdown AND m.value = b.value
LEFT JOIN adjusted a
       ON a.breakdown = coalesce(b.breakdown, m.breakdown)
      AND a.value = coalesce(b.value, m.value)
"""


def read(shared_ids: bool) -> str:
    """The report's rows (`wanted`: TOTALS and the breakdowns asked) from a base and the
    changes since: the base's figures plus the changes', and of the survivors holding several
    awards whom a change moved, those gained and lost by each row. `shared_ids` adds the base's
    ids of such survivors in each row of a breakdown (internal ids, for merging small cells,
    never shown), but not the totals' (all of them, ~50,000 at 1,000,000 awards, which the
    totals, never merged, do not need)."""
    ids = f"CASE WHEN b.breakdown <> '{TOTALS}' THEN b.shared_ids END"
    return READ.format(shared_ids=ids if shared_ids else "NULL::uuid[]")
