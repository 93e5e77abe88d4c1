"""The cases and survivors a batch of the awards file names, read as the few facts an award
takes from them, not as records.

An award row asks of its case its id, its judgment and its claimants, and of its claimant
only the id: loaded as records (lookups.py), each case and survivor cost the ORM more than
the rest of the row's work in Python (0.1 ms a row in a profile). Read as these columns they
are kept in the same places of the batch's cache, so `case_of`, `claimant_of` and
`awards_of` find them; a batch replayed row by row (running.py) reads them again as records.
"""

from typing import cast

from sqlalchemy import Table, any_, bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Case, Survivor
from service.usecases.cases.register import claimant_codes
from service.usecases.importing.lookups import CaseKey, prefetch_awards
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described

CASE_FACTS = ("id", "court_station", "court_number", "reference", "judgment_on", "judgment_outcome")
CASES: Table = Case.__table__  # type: ignore[attr-defined]
CASE_FACTS_NUMBERED = select(*(CASES.c[name] for name in CASE_FACTS)).where(
    CASES.c.court_number == any_(bindparam("numbers"))
)
"""by number alone, each station kept below, as lookups.py asks: the index on the number;
the batch's numbers as one array, not a list of 500 parameters"""


async def prefetch_award_facts(
    session: AsyncSession, context: Context, keys: list[CaseKey], claimants: list[str]
) -> None:
    """For a batch of award rows: their cases and claimants, those cases' awards (locked, as
    records: an award already in Haki may be changed), and the survivors the rows name."""
    cache = context.cache
    wanted = {key for key in keys if ("case", key) not in cache}
    for key in wanted:
        cache[("case", key)] = []
    if wanted:
        numbers = list({number for _, number in wanted})
        connection = await session.connection()
        cases = []
        for row in await connection.execute(CASE_FACTS_NUMBERED, {"numbers": numbers}):
            key = (row.court_station, row.court_number)
            if key in wanted:
                case = cast(Case, Described(dict(zip(CASE_FACTS, row, strict=True))))
                cache[("case", key)].append(case)
                cases.append(case)
        for case_id, codes in (await claimant_codes(session, [c.id for c in cases])).items():
            cache[("claimants", case_id)] = codes
    await prefetch_awards(session, context, [c for key in keys for c in cache[("case", key)][:1]])
    named = {code for code in claimants if ("survivor", code) not in cache}
    for code in named:
        cache[("survivor", code)] = None
    if named:
        query = select(col(Survivor.id), col(Survivor.code)).where(col(Survivor.code).in_(named))
        for survivor_id, code in await session.exec(query):
            cache[("survivor", code)] = cast(Survivor, Described({"id": survivor_id, "code": code}))
