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
from service.usecases.unpaid_sql import AGES, NOT_SERVED, statement
from service.usecases.unpaid_stored import store_rows, stored_rows


class Breakdown(StrEnum):
    RESPONDENT = "respondent"
    JUDGMENT_YEAR = "judgment_year"
    COURT_STATION = "court_station"
    AGEING_SINCE_JUDGMENT = "ageing_since_judgment"
    AGEING_SINCE_SERVICE = "ageing_since_service"


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
"""the statement's sums of shillings"""


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


def stored_key(as_of: date, breakdowns: Sequence[Breakdown]) -> str:
    """What a stored report is filed under (with no survivor ids: those are never stored)."""
    return f"{as_of.isoformat()} {' '.join(b.value for b in breakdowns) or 'totals'}"


async def unpaid_awards(
    session: AsyncSession,
    as_of: date,
    breakdowns: Sequence[Breakdown] = tuple(Breakdown),
    survivor_ids: bool = False,
) -> UnpaidReport:
    """`survivor_ids` adds each row's distinct survivors, for merging small cells (they are
    internal ids, never shown)."""
    names = [b.value for b in breakdowns]
    key = stored_key(as_of, breakdowns)
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
    """The statement's rows, the empty grouping set first; each says the count of position
    changes it was read at, and whether this transaction had changed none (so it may be kept)."""
    query = statement(names, survivor_ids)
    db = await session.connection()
    # compiling a plan for one pass over a million rows costs more than it saves; grouping
    # by hashing (in parallel workers) needs room for a hash of the combinations, ~80 MB at 1M
    await db.execute(text("SET LOCAL jit = off"))
    await db.execute(text("SET LOCAL work_mem = '256MB'"))
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
