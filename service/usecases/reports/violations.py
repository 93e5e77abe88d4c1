"""Research figures from the violation records: counts by year, county, agency and type,
survivors by sex and age band, and how long it took to go to court and to judgment.

Pseudonymous by construction: nothing here reads a name, a place, a unit or an officer. Each
row carries the set of its survivors' ids, so small cells can be merged (the reports'
`merge_small`) before a count leaves the office; the ids themselves never do.
"""

import statistics
import uuid
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Case, CaseEvent
from domain.violations import Precision, Violation, ViolationCase


class Table(StrEnum):
    YEAR = "year"
    COUNTY = "county"
    AGENCY = "agency"
    TYPE = "type"
    COUNTY_AGENCY = "county_agency"
    SEX_AGE = "sex_age"
    TIMING = "timing"


KEYS: dict[Table, tuple[str, ...]] = {
    Table.YEAR: ("year",),
    Table.COUNTY: ("county",),
    Table.AGENCY: ("agency",),
    Table.TYPE: ("type",),
    Table.COUNTY_AGENCY: ("county", "agency"),
    Table.SEX_AGE: ("sex", "age_band"),
}
"""the columns each count is broken down by"""


@dataclass(frozen=True)
class Act:
    """One record as the figures see it: no free text."""

    id: uuid.UUID
    survivor_id: uuid.UUID
    occurred_on: date
    precision: Precision
    county: str
    agency: str
    types: tuple[str, ...]
    sex: str
    age_band: str


Row = dict[str, Any]


def _count(
    acts: Iterable[Act],
    keys: Callable[[Act], Iterable[tuple[Hashable, ...]]],
    names: tuple[str, ...],
) -> list[Row]:
    rows: dict[tuple[Hashable, ...], Row] = {}
    for act in acts:
        for key in keys(act):
            row = rows.setdefault(
                key, {**dict(zip(names, key, strict=True)), "violations": 0, "survivors": set()}
            )
            row["violations"] += 1
            row["survivors"].add(act.survivor_id)
    return [rows[key] for key in sorted(rows, key=lambda k: tuple(str(part) for part in k))]


def counts(acts: list[Act], table: Table) -> list[Row]:
    """One row per value of the table's columns, with its records and its survivors (a set).
    A record of two types counts once under each; survivors by sex and age band count the
    sex and age a survivor had in each record."""
    names = KEYS[table]
    by: dict[Table, Callable[[Act], Iterable[tuple[Hashable, ...]]]] = {
        Table.YEAR: lambda a: [(a.occurred_on.year,)],
        Table.COUNTY: lambda a: [(a.county,)],
        Table.AGENCY: lambda a: [(a.agency,)],
        Table.TYPE: lambda a: [(t,) for t in a.types],
        Table.COUNTY_AGENCY: lambda a: [(a.county, a.agency)],
        Table.SEX_AGE: lambda a: [(a.sex, a.age_band)],
    }
    return _count(acts, by[table], names)


@dataclass(frozen=True)
class Wait:
    """Days from a violation known to the day to the first filing, or the judgment, of a case
    brought over it."""

    measure: str
    survivors: frozenset[uuid.UUID]
    days: tuple[int, ...]

    def row(self, threshold: int) -> Row:
        """The median and quartiles only over `threshold` survivors or more: fewer could be
        read back to one person's story."""
        shown = len(self.survivors) >= threshold and len(self.days) > 0
        row: Row = {
            "measure": self.measure,
            "violations": len(self.days),
            "survivors": len(self.survivors),
            "median_days": None,
            "lower_quartile_days": None,
            "upper_quartile_days": None,
        }
        if shown:
            days = list(self.days)
            lower, _, upper = (
                statistics.quantiles(days, n=4, method="inclusive") if len(days) > 1 else days * 3
            )
            row |= {
                "median_days": round(statistics.median(days)),
                "lower_quartile_days": round(lower),
                "upper_quartile_days": round(upper),
            }
        return row


async def acts_between(
    session: AsyncSession, first_year: int | None, last_year: int | None
) -> list[Act]:
    v = Violation.__table__.c  # type: ignore[attr-defined]
    query = sa.select(
        v.id, v.survivor_id, v.occurred_on, v.precision, v.county, v.agency, v.types, v.sex,
        v.age_band,
    )  # fmt: skip
    if first_year is not None:
        query = query.where(col(Violation.occurred_on) >= date(first_year, 1, 1))
    if last_year is not None:
        query = query.where(col(Violation.occurred_on) <= date(last_year, 12, 31))
    rows = await (await session.connection()).execute(query)
    return [
        Act(i, s, on, Precision(p), county, str(agency), tuple(types), str(sex), str(age))
        for i, s, on, p, county, agency, types, sex, age in rows
    ]


async def _court_days(
    session: AsyncSession, ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[date | None, date | None]]:
    """For each violation, the first day a case over it was filed and the first judgment."""
    links = await session.exec(
        select(col(ViolationCase.violation_id), col(Case.id), col(Case.judgment_on))
        .join(Case, col(Case.id) == ViolationCase.case_id)
        .where(col(ViolationCase.violation_id).in_(ids))
    )
    found = list(links.all())
    events = await session.exec(
        select(
            col(CaseEvent.case_id),
            col(CaseEvent.trigger),
            col(CaseEvent.occurred_on),
            col(CaseEvent.details),
        ).where(
            col(CaseEvent.case_id).in_({case_id for _, case_id, _ in found}),
            col(CaseEvent.trigger).in_(("file", "imported")),
        )
    )
    filed: dict[uuid.UUID, date] = {}
    for case_id, trigger, occurred_on, details in events:
        day = occurred_on if trigger == "file" else _imported_filing(details)
        if day is not None:
            filed[case_id] = min(day, filed.get(case_id, day))
    days: dict[uuid.UUID, tuple[date | None, date | None]] = {}
    for violation_id, case_id, judgment_on in found:
        first_filed, first_judged = days.get(violation_id, (None, None))
        days[violation_id] = (
            _earlier(first_filed, filed.get(case_id)),
            _earlier(first_judged, judgment_on),
        )
    return days


def _imported_filing(details: dict[str, Any]) -> date | None:
    return date.fromisoformat(details["filed_on"]) if details.get("filed_on") else None


def _earlier(a: date | None, b: date | None) -> date | None:
    return min(d for d in (a, b) if d is not None) if a or b else None


async def waits(session: AsyncSession, acts: list[Act]) -> list[Wait]:
    """Only records dated to the day: a month or a year known would make the days a guess."""
    dated = {act.id: act for act in acts if act.precision is Precision.DAY}
    court = await _court_days(session, list(dated)) if dated else {}
    found: list[Wait] = []
    for index, measure in enumerate(("violation_to_filing", "violation_to_judgment")):
        pairs = [(dated[i], days[index]) for i, days in court.items() if days[index] is not None]
        spans = [
            (act.survivor_id, (day - act.occurred_on).days) for act, day in pairs if day is not None
        ]
        found.append(
            Wait(measure, frozenset(s for s, _ in spans), tuple(sorted(d for _, d in spans)))
        )
    return found
