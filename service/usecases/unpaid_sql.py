"""The statements of the unpaid-awards report (service/usecases/unpaid.py says what it counts).

Both read `award_positions` alone: the positions in force on `as_of` carry the award's facts
(migration 0010), so nothing is joined, and interest since a position is arithmetic.

The usual statement groups in two steps, each by hashing: the positions by all the breakdowns
asked at once (for all five, tens of thousands of combinations at a million awards), then
those by each breakdown. A distinct count cannot be added up that way, so survivors are
counted in two parts: those holding one award, by a plain count; those holding more (few),
by distinct ids.
The statement that also returns each row's survivor ids, for merging small cells, groups the
positions by each breakdown directly, by sorting: slower, and never stored.
"""

from domain.positions import EPOCH
from service.usecases.unpaid_stored import UNCHANGED_HERE, VERSION

AGES = ("0-90 days", "91-365 days", "1-3 years", "over 3 years")
NOT_SERVED = "not served"


def _age(days: str) -> str:
    """Buckets by days: 0-90, 91-365, 366-1095 ("1-3 years"), then over 3 years."""
    return (
        f"CASE WHEN {days} <= 90 THEN '{AGES[0]}' WHEN {days} <= 365 THEN '{AGES[1]}'"
        f" WHEN {days} <= 1095 THEN '{AGES[2]}' ELSE '{AGES[3]}' END"
    )


INTEREST = f"""
CASE WHEN p.bearing_latest IS NULL OR p.bearing_latest <= :as_of
     THEN round(p.rate_percent * (p.bearing_sum * (:as_of - DATE '{EPOCH.isoformat()}')
                                  - p.bearing_day_sum) / 36500.000000000000, 2)
     ELSE haki_interest_by_head(p.rate_percent, p.bearing, p.bearing_from, :as_of) END
"""
"""Interest from the position to `as_of`, as domain.interest._accrue: once every bearing head
has started, Σ principal x days is Σprincipal x day - Σ(principal x start day), exactly, then
one division and rounding; before that (a head from a later day), head by head (a function of
migration 0010, the same sum and rounding)."""

UNPAID = f"""
SELECT p.survivor_id, p.survivor_awards, p.awarded, p.accrued, {INTEREST} AS later,
       p.paid_to_interest + p.paid_to_principal AS paid, p.principal, p.unpaid_interest,
       p.respondent, extract(year FROM p.judgment_on)::int::text AS judgment_year,
       p.court_station, {_age("(:as_of - p.judgment_on)")} AS ageing_since_judgment,
       CASE WHEN p.served_on IS NULL OR p.served_on > :as_of THEN '{NOT_SERVED}'
            ELSE {_age("(:as_of - p.served_on)")} END AS ageing_since_service
FROM award_positions p
WHERE p.valid_from <= :as_of AND (p.valid_to IS NULL OR p.valid_to > :as_of)
  AND p.judgment_on <= :as_of
  AND (p.principal > 0 OR p.unpaid_interest > 0)
  AND (p.closed_on IS NULL OR p.closed_on > :as_of)
"""
"""each award still owed on `as_of`: its position in force that day and its facts"""

SUMMED = """
count(*) AS awards, coalesce(sum(awarded), 0) AS awarded, coalesce(sum(accrued), 0) AS accrued,
coalesce(sum(later), 0) AS later, coalesce(sum(paid), 0) AS paid,
coalesce(sum(principal), 0) AS outstanding_principal,
coalesce(sum(unpaid_interest), 0) AS unpaid_interest
"""
RESUMMED = """
coalesce(sum(awards), 0)::bigint AS awards, coalesce(sum(lone), 0)::bigint AS lone,
coalesce(sum(awarded), 0) AS awarded, coalesce(sum(accrued), 0) AS accrued,
coalesce(sum(later), 0) AS later, coalesce(sum(paid), 0) AS paid,
coalesce(sum(outstanding_principal), 0) AS outstanding_principal,
coalesce(sum(unpaid_interest), 0) AS unpaid_interest
"""
COMBINED = f"""
WITH unpaid AS NOT MATERIALIZED ({UNPAID}),
combined AS (
    SELECT {{combined}} {SUMMED}, count(*) FILTER (WHERE survivor_awards = 1) AS lone
    FROM unpaid {{combined_by}}
),
cells AS (
    SELECT {{grouping}} AS breakdown, {{keys}}, {RESUMMED}
    FROM combined GROUP BY GROUPING SETS ({{sets}})
),
shared AS (
    SELECT {{grouping}} AS breakdown, {{keys}}, count(DISTINCT survivor_id) AS survivors
    FROM unpaid WHERE survivor_awards > 1 GROUP BY GROUPING SETS ({{sets}})
)
SELECT c.*, c.lone + coalesce(s.survivors, 0) AS survivors, NULL AS survivor_ids,
       {VERSION} AS version, {UNCHANGED_HERE} AS fresh
FROM cells c LEFT JOIN shared s ON s.breakdown = c.breakdown {{same_keys}}
"""
WITH_IDS = f"""
SELECT {{grouping}} AS breakdown, {{keys}}, {SUMMED},
       count(DISTINCT survivor_id) AS survivors, array_agg(DISTINCT survivor_id) AS survivor_ids,
       {VERSION} AS version, false AS fresh
FROM ({UNPAID}) unpaid
GROUP BY GROUPING SETS ({{sets}})
"""


def statement(names: list[str], survivor_ids: bool) -> str:
    """The report's statement for these breakdowns (in Breakdown's order): one row for the
    totals and one per cell, `breakdown` saying which (a bit per breakdown not grouped by)."""
    return (WITH_IDS if survivor_ids else COMBINED).format(
        grouping=f"GROUPING({', '.join(names)})" if names else "0",
        keys=", ".join(names) if names else "NULL AS no_breakdown",
        sets=", ".join(["()", *(f"({name})" for name in names)]),
        same_keys="".join(f" AND s.{n} IS NOT DISTINCT FROM c.{n}" for n in names),
        combined="".join(f"{name}, " for name in names),
        combined_by=f"GROUP BY {', '.join(names)}" if names else "",
    )
