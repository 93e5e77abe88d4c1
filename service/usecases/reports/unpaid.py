"""Awards the State has not paid on a date: totals and breakdowns, computed in PostgreSQL.

The figures start from each award's position on the date (award_positions, written by the
arithmetic of domain.interest) and add simple interest from there exactly as
`domain.ledger_walk.accrue` does: per award, the exact sum of principal x rate x days over the
heads, divided by 36,500 once and rounded half up to the cent. So the report and an award's
statement never disagree.

An award counts as unpaid on `as_of` when it was judged on or before that day, still owed
something that day (a later payment in full does not hide it from an earlier date), and had
not been set aside or written off by then (both are final stages, so `stage_since` dates them).
"""

import uuid
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
from domain.errors import N_, InvalidInput
from service.usecases.reports.unpaid_bases import STALE, compute_base, found_base
from service.usecases.reports.unpaid_sql import AGES, KEYS, NOT_SERVED, TOTALS, read


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
assert tuple(Breakdown) == KEYS, "a base's cells are grouped by every breakdown"

FIRST_JUDGMENT = "SELECT min(judgment_on) FROM awards"


@dataclass(frozen=True)
class Survivors:
    """A row's survivors, for merging small cells: those holding one award (in one row of a
    breakdown only) by number, the others by internal id (never shown). Adds up as a set."""

    lone: int
    shared: frozenset[uuid.UUID]

    def __len__(self) -> int:
        return self.lone + len(self.shared)

    def __or__(self, other: "Survivors") -> "Survivors":
        return Survivors(self.lone + other.lone, self.shared | other.shared)


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
    """`survivor_ids` adds each breakdown row's Survivors, for merging small cells."""
    rows = await _from_base(session, as_of, [TOTALS, *breakdowns], survivor_ids)
    report = UnpaidReport(as_of, _zero(), {b: [] for b in breakdowns})
    for row in rows:
        figures = _figures(row)
        if survivor_ids and row["breakdown"] != TOTALS:
            people = frozenset(row["shared_ids"] or ()) - set(row["lost"] or ())
            figures["survivor_ids"] = Survivors(row["lone"], people | set(row["gained"] or ()))
        if row["breakdown"] == TOTALS:
            report.totals.update(figures)
        elif row["awards"] > 0:  # every award in it paid or moved out since the base
            breakdown = Breakdown(row["breakdown"])
            report.breakdowns[breakdown].append({breakdown.value: row["value"]} | figures)
    for breakdown, cells in report.breakdowns.items():
        cells.sort(key=_in_order(breakdown))
    if report.totals["awards"] == 0:
        await _not_before_the_first_judgment(session, as_of)
    return report


async def _from_base(
    session: AsyncSession, as_of: date, wanted: list[str], survivor_ids: bool
) -> list[dict[str, Any]]:
    """The day's base and the changes since, in this transaction (its own changes counted);
    the base computed first if there is none or it has fallen too far behind, and again should
    another process replace it between the look and the read. Only the day asked: tomorrow's
    base is the worker's work (unpaid_refresh.py), not a waiting reader's."""
    db = await session.connection()
    assert isinstance(session.bind, AsyncEngine)
    while True:
        base = await found_base(db, as_of)
        if base is None or base.backlog > STALE:
            await compute_base(session.bind, as_of, STALE)
            continue
        asked = {"as_of": as_of, "base": base.id, "seen": base.snapshot, "xmin": base.xmin}
        found = (await db.execute(text(read(survivor_ids)), asked | {"wanted": wanted})).all()
        if found and found[0].found:
            return [dict(row._mapping) for row in found]


def _figures(row: dict[str, Any]) -> dict[str, Any]:
    """FIGURES from a row of the report: interest to `as_of` is what the positions had settled
    plus what accrued since (sums of sums, so exact)."""
    unpaid_interest = row["unpaid_interest"] + row["later"]
    return {
        "awards": int(row["awards"]),
        "survivors": int(row["lone"] + row["shared"]),
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
            N_(
                "The day of the figures, %(day)s, is before the first judgment on record "
                "(%(first)s): no award was owed yet."
            ),
            "as_of",
            day=as_of,
            first=first,
        )
