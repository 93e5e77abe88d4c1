"""Awards the State has not paid on a date: totals and breakdowns, computed in PostgreSQL.

The figures start from each award's position on the date (award_positions, written by the
arithmetic of domain.interest) and add simple interest from there exactly as `_accrue` does:
per award, the exact sum of principal x rate x days over the heads, divided by 36,500 once
and rounded half up to the cent. So the report and an award's statement never disagree.

An award counts as unpaid on `as_of` when it was judged on or before that day, still owed
something that day (a later payment in full does not hide it from an earlier date), and had
not been set aside or written off by then (both are final stages, so `stage_since` dates them).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.calendar import nairobi_midnight, nairobi_today, not_in_future
from domain.errors import InvalidInput
from domain.positions import EPOCH
from service.usecases.unpaid_stored import UNCHANGED_HERE, VERSION, store_rows, stored_rows


class Breakdown(StrEnum):
    RESPONDENT = "respondent"
    JUDGMENT_YEAR = "judgment_year"
    COURT_STATION = "court_station"
    AGEING_SINCE_JUDGMENT = "ageing_since_judgment"
    AGEING_SINCE_SERVICE = "ageing_since_service"


AGES = ("0-90 days", "91-365 days", "1-3 years", "over 3 years")
NOT_SERVED = "not served"
FIGURES = (
    "awards",
    "survivors",
    "awarded",
    "interest_accrued",
    "paid",
    "outstanding_principal",
    "outstanding_interest",
    "outstanding",
)
"""The stable names of a row's figures, after its breakdown's own column."""
SUMS = ("awarded", "accrued", "later", "paid", "outstanding_principal", "unpaid_interest")
"""UNPAID's sums of shillings"""


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
     ELSE (SELECT round(p.rate_percent * sum(b.principal * greatest(:as_of - b.since, 0))
                        / 36500.000000000000, 2)
           FROM unnest(p.bearing, p.bearing_from) AS b(principal, since)) END
"""
"""Interest from the position to `as_of`: once every bearing head has started, the sum over
heads of principal x days is Σprincipal x day - Σ(principal x start day), exactly; before
that (a head from a later day), head by head."""

UNPAID = f"""
SELECT {{grouping}} AS breakdown, {{keys}},
       count(*) AS awards, count(DISTINCT p.survivor_id) AS survivors, {{survivor_ids}},
       coalesce(sum(p.awarded), 0) AS awarded,
       coalesce(sum(p.accrued), 0) AS accrued,
       coalesce(sum({INTEREST}), 0) AS later,
       coalesce(sum(p.paid_to_interest + p.paid_to_principal), 0) AS paid,
       coalesce(sum(p.principal), 0) AS outstanding_principal,
       coalesce(sum(p.unpaid_interest), 0) AS unpaid_interest,
       {VERSION} AS version, {UNCHANGED_HERE} AS fresh
FROM award_positions p
CROSS JOIN LATERAL (
    SELECT p.respondent, extract(year FROM p.judgment_on)::int::text AS judgment_year,
           p.court_station, {_age("(:as_of - p.judgment_on)")} AS ageing_since_judgment,
           CASE WHEN p.served_on IS NULL OR p.served_on > :as_of THEN '{NOT_SERVED}'
                ELSE {_age("(:as_of - p.served_on)")} END AS ageing_since_service
) k
WHERE p.valid_from <= :as_of AND (p.valid_to IS NULL OR p.valid_to > :as_of)
  AND p.judgment_on <= :as_of
  AND (p.principal > 0 OR p.unpaid_interest > 0)
  AND (p.closed_on IS NULL OR p.closed_on > :as_of)
GROUP BY GROUPING SETS ({{sets}})
"""
"""One pass over the positions in force on `as_of`, which carry the award's facts (migration
0010), so nothing is joined; interest is summed apart from what the position had settled."""
FIRST_JUDGMENT = "SELECT min(judgment_on) FROM awards"


@dataclass(frozen=True)
class UnpaidReport:
    as_of: date
    totals: dict[str, Any]
    breakdowns: dict[Breakdown, list[dict[str, Any]]]
    """each row: the breakdown's own column, then FIGURES (and `survivor_ids` if asked)"""


def report_day(as_of: date | None, now: datetime) -> date:
    """Today in Nairobi by default; never a day to come, nor one before Haki's records."""
    if as_of is None:
        return nairobi_today(now)
    nairobi_midnight(as_of, "as_of")
    return not_in_future(as_of, now, "as_of")


async def unpaid_awards(
    session: AsyncSession,
    as_of: date,
    breakdowns: Sequence[Breakdown] = tuple(Breakdown),
    survivor_ids: bool = False,
) -> UnpaidReport:
    """`survivor_ids` adds each row's distinct survivors, for merging small cells (they are
    internal ids, never shown)."""
    names = [b.value for b in breakdowns]
    key = f"{as_of.isoformat()} {' '.join(names) or 'totals'}"
    rows = None if survivor_ids else await stored_rows(session, key, SUMS)
    if rows is None:
        rows = await _computed(session, as_of, names, survivor_ids)
        if not survivor_ids and rows[0]["fresh"]:
            assert isinstance(session.bind, AsyncEngine)
            await store_rows(session.bind, key, rows[0]["version"], rows)
    everything = (1 << len(names)) - 1
    report = UnpaidReport(as_of, _zero(), {b: [] for b in breakdowns})
    for row in rows:
        figures = _figures(row)
        if survivor_ids:
            figures["survivor_ids"] = frozenset(row["survivor_ids"] or ())
        if row["breakdown"] == everything:
            report.totals.update(figures)
            continue
        for n, breakdown in enumerate(breakdowns):
            if not row["breakdown"] & (1 << (len(names) - 1 - n)):
                report.breakdowns[breakdown].append(
                    {breakdown.value: row[breakdown.value]} | figures
                )
    for breakdown, cells in report.breakdowns.items():
        cells.sort(key=_in_order(breakdown))
    if report.totals["awards"] == 0:
        await _not_before_the_first_judgment(session, as_of)
    return report


async def _computed(
    session: AsyncSession, as_of: date, names: list[str], survivor_ids: bool
) -> list[dict[str, Any]]:
    """The rows of UNPAID, the empty grouping set first; each says the count of position
    changes it was read at, and whether this transaction had changed none (so it may be kept)."""
    # one bit per breakdown, set in the rows that do not group by it (GROUPING's own order)
    keys = [f"k.{name}" for name in names]
    query = UNPAID.format(
        grouping=f"GROUPING({', '.join(keys)})" if names else "0",
        keys=", ".join(keys) if names else "NULL AS no_breakdown",
        sets=", ".join(["()", *(f"({key})" for key in keys)]),
        survivor_ids="array_agg(DISTINCT p.survivor_id) AS survivor_ids"
        if survivor_ids
        else "NULL AS survivor_ids",
    )
    db = await session.connection()
    # compiling a plan for one pass over a million rows costs more than it saves
    await db.execute(text("SET LOCAL jit = off"))
    rows = (await db.execute(text(query), {"as_of": as_of})).mappings().all()
    return sorted((dict(row) for row in rows), key=lambda row: -row["breakdown"])


def _figures(row: dict[str, Any]) -> dict[str, Any]:
    """FIGURES from a row of UNPAID: interest to `as_of` is what the positions had settled plus
    what accrued since (sums of sums, so exact)."""
    unpaid_interest = row["unpaid_interest"] + row["later"]
    return {
        "awards": row["awards"],
        "survivors": row["survivors"],
        "awarded": row["awarded"],
        "interest_accrued": row["accrued"] + row["later"],
        "paid": row["paid"],
        "outstanding_principal": row["outstanding_principal"],
        "outstanding_interest": unpaid_interest,
        "outstanding": row["outstanding_principal"] + unpaid_interest,
    }


def _zero() -> dict[str, Any]:
    return {name: 0 if name in ("awards", "survivors") else Decimal("0.00") for name in FIGURES}


def _in_order(breakdown: Breakdown) -> Callable[[dict[str, Any]], tuple[int, str]]:
    """Ageing buckets youngest first, then "not served"; every other breakdown by name."""
    ages = (*AGES, NOT_SERVED)

    def key(cell: dict[str, Any]) -> tuple[int, str]:
        label = cell[breakdown.value]
        return (ages.index(label), label) if breakdown.value.startswith("ageing") else (0, label)

    return key


async def _not_before_the_first_judgment(session: AsyncSession, as_of: date) -> None:
    first = (await (await session.connection()).execute(text(FIRST_JUDGMENT))).scalar_one()
    if first is not None and as_of < first:
        raise InvalidInput(
            f"as_of {as_of.isoformat()} is before the first judgment on record "
            f"({first.isoformat()}): no award was owed yet",
            field="as_of",
        )
