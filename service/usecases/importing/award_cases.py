"""The cases and survivors a batch of the awards file names, read as the few facts an award
takes from them, not as records.

An award row asks of its case its id, its judgment and its claimants, and of its claimant
only the id: loaded as records (lookups.py), each case and survivor cost the ORM more than
the rest of the row's work in Python (0.1 ms a row in a profile). Read as these columns they
are kept in the same places of the batch's cache, so `case_of`, `claimant_of` and
`awards_of` find them; a batch replayed row by row (running.py) reads them again as records.
"""

from typing import cast

from sqlalchemy import Table, any_, bindparam, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Case, CaseClaimant, Survivor
from service.usecases.importing.lookups import CaseKey, prefetch_awards
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described

CASE_FACTS = ("id", "court_station", "court_number", "reference", "judgment_on", "judgment_outcome")
CASES: Table = Case.__table__  # type: ignore[attr-defined]
CLAIMANTS: Table = CaseClaimant.__table__  # type: ignore[attr-defined]
SURVIVORS: Table = Survivor.__table__  # type: ignore[attr-defined]
CASES_AND_CLAIMANTS = (
    select(*(CASES.c[name] for name in CASE_FACTS), SURVIVORS.c.id, SURVIVORS.c.code)
    .select_from(
        CASES.outerjoin(CLAIMANTS, CLAIMANTS.c.case_id == CASES.c.id).outerjoin(
            SURVIVORS, SURVIVORS.c.id == CLAIMANTS.c.survivor_id
        )
    )
    .where(CASES.c.court_number == any_(bindparam("numbers")))
    .order_by(SURVIVORS.c.code)
)
"""Each case with each of its claimants, in one statement: by number alone, each station kept
below, as lookups.py asks (the index on the number); the batch's numbers as one array, not a
list of 500 parameters."""


async def prefetch_award_facts(
    session: AsyncSession, context: Context, keys: list[CaseKey], claimants: list[str]
) -> None:
    """For a batch of award rows: their cases with their claimants' codes and ids, and those
    cases' awards (locked, as records: an award already in Haki may be changed). A row whose
    claimant is none of its case's is refused before its survivor is asked for."""
    cache = context.cache
    wanted = {key for key in keys if ("case", key) not in cache}
    for key in wanted:
        cache[("case", key)] = []
    for code in claimants:
        cache.setdefault(("survivor", code), None)
    if wanted:
        numbers = list({number for _, number in wanted})
        connection = await session.connection()
        found = await connection.execute(CASES_AND_CLAIMANTS, {"numbers": numbers})
        for *facts, survivor_id, code in found:
            case_id, station, number = facts[:3]
            if (station, number) not in wanted:
                continue
            if ("claimants", case_id) not in cache:
                case = Described(dict(zip(CASE_FACTS, facts, strict=True)))
                cache[("case", (station, number))].append(cast(Case, case))
                cache[("claimants", case_id)] = []
            if code is not None:
                cache[("claimants", case_id)].append(code)
                survivor = Described({"id": survivor_id, "code": code})
                cache[("survivor", code)] = cast(Survivor, survivor)
    await prefetch_awards(session, context, [c for key in keys for c in cache[("case", key)][:1]])
