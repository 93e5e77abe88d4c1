"""Records an import row points at, looked up a batch at a time and kept for the file.

A row asks for its case and its survivors; asking the database row by row cost more than
everything else the import does. `prefetch` asks once for a whole batch, and what the
import creates is added as it goes, so later rows of the same file find it.
"""

import uuid
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award
from domain.cases import Case, Survivor
from domain.errors import N_, InvalidInput
from domain.stations import station_on_list
from service.imports.cells import Cells
from service.usecases.arrays import one_of
from service.usecases.cases.register import claimant_codes, read_court_number
from service.usecases.importing.running import Context

CaseKey = tuple[str, str]
"""court station and court number, as Haki stores them"""


async def prefetch_cases(
    session: AsyncSession, context: Context, keys: Iterable[CaseKey], references: Iterable[str] = ()
) -> None:
    keys, references = set(keys), set(references)
    cache = context.cache
    wanted = [k for k in keys if ("case", k) not in cache]
    refs = {r for r in references if ("reference", r) not in cache}
    if not wanted and not refs:
        return
    # by number alone, each station kept below: a test of (station, number) pairs is one the
    # planner can only run on every case, a scan that grows with the register
    numbers = {number for _, number in wanted}
    found = await session.exec(
        select(Case).where(
            or_(one_of(col(Case.court_number), numbers), one_of(col(Case.reference), refs))
        )
    )
    filled = set(wanted)
    for key in wanted:
        cache[("case", key)] = []
    for reference in refs:
        cache[("reference", reference)] = None
    cases = list(found.all())
    for case in cases:
        key = (case.court_station, case.court_number or "")
        if case.court_number in numbers and ("case", key) not in cache:
            filled.add(key)  # every case of that number was read: its list is whole
            cache[("case", key)] = []
        if key in filled:
            cache[("case", key)].append(case)
        cache[("reference", case.reference)] = case  # a reference is one case's alone
    codes = await claimant_codes(session, [case.id for case in cases])
    for case_id, claimants in codes.items():
        cache[("claimants", case_id)] = claimants


async def cases_numbered(session: AsyncSession, context: Context, key: CaseKey) -> list[Case]:
    if ("case", key) not in context.cache:
        await prefetch_cases(session, context, [key])
    found: list[Case] = context.cache[("case", key)]
    return found


async def case_with_reference(
    session: AsyncSession, context: Context, reference: str
) -> Case | None:
    if ("reference", reference) not in context.cache:
        await prefetch_cases(session, context, [], [reference])
    found: Case | None = context.cache[("reference", reference)]
    return found


async def claimants_of(session: AsyncSession, context: Context, case: Case) -> list[str]:
    key = ("claimants", case.id)
    if key not in context.cache:
        context.cache[key] = (await claimant_codes(session, [case.id]))[case.id]
    found: list[str] = context.cache[key]
    return found


def remember_case(context: Context, case: Case, claimants: list[str]) -> None:
    if case.court_number is not None:
        context.cache.setdefault(("case", (case.court_station, case.court_number)), []).append(case)
    context.cache[("reference", case.reference)] = case
    context.cache[("claimants", case.id)] = claimants


async def prefetch_survivors(session: AsyncSession, context: Context, codes: Iterable[str]) -> None:
    wanted = {code for code in codes if ("survivor", code) not in context.cache}
    if not wanted:
        return
    for code in wanted:
        context.cache[("survivor", code)] = None
    for survivor in await session.exec(select(Survivor).where(one_of(col(Survivor.code), wanted))):
        context.cache[("survivor", survivor.code)] = survivor


async def survivor_coded(session: AsyncSession, context: Context, code: str) -> Survivor | None:
    await prefetch_survivors(session, context, [code])
    found: Survivor | None = context.cache[("survivor", code)]
    return found


@lru_cache(maxsize=4096)
def case_station(text: str) -> str:
    """A case's station as the cases file checked it (`listed_station`), so the hearings,
    awards and payments files find the case; a station no list knows stays as written, for
    cases registered before stations were checked. Kept, as a file writes a few stations
    each many times."""
    return station_on_list(text) or text.strip()


def court_of(cells: Cells) -> tuple[str, str]:
    """The case a row of hearings, awards or payments belongs to, as Haki writes its key."""
    station = cells.read("court_station", case_station, True)
    number = cells.read("court_number", lambda text: _number(text, date.today()), True)
    return station or "", number or ""


@lru_cache(maxsize=4096)
def _number(text: str, today: date) -> str:
    """A court number as written in a file, read as Haki writes it: kept, since a case's rows
    repeat it (its awards, each payment), and reading it cost more than the rest of a row's
    cells. A number refused is read again each time, to say why."""
    return str(read_court_number(text, today))


async def case_of(session: AsyncSession, context: Context, key: tuple[str, str]) -> Case:
    found = await cases_numbered(session, context, key)
    if not found:
        raise InvalidInput(
            N_("No case %(number)s at %(station)s in Haki; import the cases file first."),
            "court_number",
            number=key[1],
            station=key[0],
        )
    return found[0]


async def prefetch_awards(session: AsyncSession, context: Context, cases: Iterable[Case]) -> None:
    """The awards of these cases, locked: payments brought in are weighed against them."""
    ids = [case.id for case in cases if ("awards", case.id) not in context.cache]
    if not ids:
        return
    for case_id in ids:
        context.cache[("awards", case_id)] = {}
    query = select(Award).where(one_of(col(Award.case_id), ids)).with_for_update()
    for award in await session.exec(query):
        context.cache[("awards", award.case_id)][(award.survivor_id, award.respondent)] = award


async def awards_of(
    session: AsyncSession, context: Context, case: Case
) -> dict[tuple[uuid.UUID, str], Award]:
    await prefetch_awards(session, context, [case])
    found: dict[tuple[uuid.UUID, str], Award] = context.cache[("awards", case.id)]
    return found


async def claimant_of(session: AsyncSession, context: Context, case: Case, code: str) -> Survivor:
    if code not in await claimants_of(session, context, case):
        raise InvalidInput(N_("%(code)s is not a claimant in this case."), "claimant", code=code)
    survivor = await survivor_coded(session, context, code)
    assert survivor is not None  # a claimant of a case is a registered survivor
    return survivor
