"""Violation records brought in from the office's earlier documentation (a spreadsheet of
intake forms), matched on the survivor, the date as far as known, the county, the agency
and the violations, so a file imported twice changes nothing the second time.

Every rule of intake holds: a date in the future, a day without its month, a county or a
violation not in the lists ("did you mean") refuse the row, and a dry run reports it. A
survivor code new to Haki registers the survivor under it, as the cases import does.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, cast

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.counties import county_named, sub_county_named
from domain.errors import N_, InvalidInput, Said
from domain.violations import AgeBand, Agency, Precision, Sex, Violation, when_it_happened
from service.imports.cells import Cells
from service.usecases.importing.claimants import checked_code, move_counters, survivors_named
from service.usecases.importing.lookups import prefetch_survivors
from service.usecases.importing.running import TAKEN, Context, Outcome
from service.usecases.importing.writes import Described
from service.usecases.records.vocabulary import types_in, vocabulary

DETAILS = ("sub_county", "place", "unit", "perpetrators", "officers", "sex", "age_band")


@dataclass(frozen=True)
class ViolationRow:
    code: str
    occurred_on: date
    precision: Precision
    county: str
    agency: Agency
    types: tuple[str, ...]
    """as written: codes or names, checked against the vocabulary when applied"""
    sub_county: str | None
    place: str | None
    unit: str | None
    perpetrators: int | None
    officers: str | None
    sex: Sex
    age_band: AgeBand
    disability: bool | None

    def details(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*DETAILS, "disability")}


def _whole(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise InvalidInput(
            N_("“%(text)s” is not a number of perpetrators from 1 to 1000."), None, text=text
        )
    return int(text)


def _part(text: str) -> int:
    if not text.isdigit():
        raise InvalidInput(N_("“%(text)s” is not a figure."), None, text=text)
    return int(text)


class ViolationImporter:
    key_column = "survivor"
    fields: ClassVar[dict[str, str]] = {"occurred_on": "year"}

    def parse(self, cells: Cells) -> ViolationRow | None:
        code = cells.read("survivor", checked_code, required=True) or ""
        year, month, day = (cells.read(c, _part, False) for c in ("year", "month", "day"))
        when: tuple[date, Precision] | None = None
        try:
            when = when_it_happened(year, month, day, cells.now)
        except InvalidInput as error:
            cells.fail(error.field if error.field in ("month", "day") else "year", error.said)
        county = cells.read("county", county_named, required=True)
        sub_county = cells.read(
            "sub_county", lambda text: sub_county_named(county or "", text), False
        ) if county else None  # fmt: skip
        agency = cells.choice("agency", Agency, required=True)
        types = cells.names("types", required=True)
        if when is None or county is None or agency is None or not code:
            return None
        return ViolationRow(
            code=code,
            occurred_on=when[0],
            precision=when[1],
            county=county,
            agency=agency,
            types=tuple(types),
            sub_county=sub_county,
            place=cells.text("place"),
            unit=cells.text("unit"),
            perpetrators=cells.read("perpetrators", _whole, False),
            officers=cells.text("officers"),
            sex=cells.choice("sex", Sex) or Sex.NOT_KNOWN,
            age_band=cells.choice("age_band", AgeBand) or AgeBand.NOT_KNOWN,
            disability=cells.flag("disability"),
        )

    def key(self, row: ViolationRow) -> tuple[Any, ...]:
        types = tuple(sorted(t.casefold() for t in row.types))
        return (row.code, row.occurred_on, row.precision, row.county, row.agency, types)

    def order(self, rows: list[tuple[int, ViolationRow]]) -> list[tuple[int, ViolationRow]]:
        return rows

    async def prefetch(
        self, session: AsyncSession, context: Context, rows: list[ViolationRow]
    ) -> None:
        """The batch's survivors and their violations, each read with one query."""
        await prefetch_survivors(session, context, [row.code for row in rows])
        found = [context.cache[("survivor", row.code)] for row in rows]
        ids = list(dict.fromkeys(survivor.id for survivor in found if survivor is not None))
        await _prefetch_violations(session, context, ids)

    async def apply(self, session: AsyncSession, context: Context, row: ViolationRow) -> Outcome:
        [survivor] = await survivors_named(session, context, [row.code], [])
        if isinstance(survivor, Described):  # registered by this batch: nothing to read back
            context.cache.setdefault(("violations", survivor.id), [])
        if "vocabulary" not in context.kept:
            context.kept["vocabulary"] = await vocabulary(session)
        types = types_in(context.kept["vocabulary"], row.types)
        label = f"{row.code}, {row.occurred_on.isoformat()}, {row.county}"
        candidates = await _violations_of(session, context, survivor.id)
        found = next(
            (
                v
                for v in candidates
                if (v.occurred_on, v.precision, v.county, v.agency)
                == (row.occurred_on, row.precision, row.county, row.agency)
                and set(v.types) == set(types)
            ),
            None,
        )
        if found is None:
            values = context.pending.row(
                Violation,
                survivor_id=survivor.id,
                occurred_on=row.occurred_on,
                precision=row.precision,
                county=row.county,
                agency=row.agency,
                types=types,
                recorded_at=context.now,
                recorded_by=context.actor.user_id,
                **row.details(),
            )
            candidates.append(cast(Violation, Described(values)))
            context.audit("violation.import", "violation", values["id"])
            return Outcome("created", label)
        changed = [k for k, v in row.details().items() if getattr(found, k) != v]
        if not changed:
            return Outcome("unchanged", label)
        for name in changed:
            setattr(found, name, row.details()[name])
        context.audit("violation.import", "violation", found.id, changed=changed)
        return Outcome("updated", label, tuple(changed))

    async def finish(self, session: AsyncSession, context: Context) -> None:
        """Survivors registered under their paper codes move each year's counter past them."""
        await move_counters(session)

    def conflict(self, error: IntegrityError) -> tuple[str, Said]:
        return "survivor", Said(TAKEN)


async def _prefetch_violations(
    session: AsyncSession, context: Context, survivors: list[uuid.UUID]
) -> None:
    wanted = [s for s in survivors if ("violations", s) not in context.cache]
    if not wanted:
        return
    for survivor_id in wanted:
        context.cache[("violations", survivor_id)] = []
    found = await session.exec(select(Violation).where(col(Violation.survivor_id).in_(wanted)))
    for violation in found:
        context.cache[("violations", violation.survivor_id)].append(violation)


async def _violations_of(
    session: AsyncSession, context: Context, survivor_id: uuid.UUID
) -> list[Violation]:
    """The survivor's violations, those this import made included, so a row matches them."""
    await _prefetch_violations(session, context, [survivor_id])
    found: list[Violation] = context.cache[("violations", survivor_id)]
    return found
