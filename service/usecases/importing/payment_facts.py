"""The cases, awards and survivors a batch of the payments file names, read as plain rows,
not as records.

A payment asks of its case and its award their columns (the tracks move them, the ledger
reads the award's terms) and of its claimant only the id; loaded by the ORM, building those
records and letting the session go of them cost a sixth of a payment's time in the importer.
Read as rows they are kept in the same places of the batch's cache as lookups.py keeps
records, so `case_of`, `claimant_of` and `awards_of` find them, and the tracks move them as
they move records (writes.Described); their changes are written with the batch, versions
checked (writes.py). A batch replayed row by row (running.py) reads them again as records.
"""

from typing import Any, cast

from sqlalchemy import Table, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award
from domain.cases import Case, Survivor
from service.usecases.arrays import one_of
from service.usecases.cases.register import claimant_codes
from service.usecases.driver_rows import driver_connection, in_transaction, read_rows
from service.usecases.importing.lookups import CaseKey
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described

CASES: Table = Case.__table__  # type: ignore[attr-defined]
AWARDS: Table = Award.__table__  # type: ignore[attr-defined]
SURVIVORS: Table = Survivor.__table__  # type: ignore[attr-defined]


async def prefetch_payment_facts(
    session: AsyncSession, context: Context, keys: list[CaseKey], claimants: list[str]
) -> None:
    """For a batch of payment rows: its cases by number (each station kept here), their
    claimants, their awards locked as a ledger write locks them, and the survivors named."""
    cache = context.cache
    connection = await session.connection()
    wanted = {key for key in keys if ("case", key) not in cache}
    cases: list[Any] = []
    if wanted:
        for key in wanted:
            cache[("case", key)] = []
        numbers = list({number for _, number in wanted})
        # read only: on the driver even before the transaction has begun (a batch's first read)
        driver = await driver_connection(session)
        for row in await read_rows(driver, CASES, "court_number = ANY($1::varchar[])", numbers):
            key = (row["court_station"], row["court_number"])
            if key in wanted:
                case = Described(row)
                cache[("case", key)].append(case)
                cases.append(case)
        codes = await claimant_codes(session, [case.id for case in cases])
        for case_id, held in codes.items():
            cache[("claimants", case_id)] = held
    ids = [c.id for key in keys for c in cache[("case", key)][:1] if ("awards", c.id) not in cache]
    if ids:
        for case_id in ids:
            cache[("awards", case_id)] = {}
        locking = await in_transaction(session)  # begun: the lock is the transaction's
        for row in await read_rows(locking, AWARDS, "case_id = ANY($1::uuid[]) FOR UPDATE", ids):
            award = cast(Award, Described(row))
            cache[("awards", award.case_id)][(award.survivor_id, award.respondent)] = award
    named = {code for code in claimants if ("survivor", code) not in cache}
    if named:
        for code in named:
            cache[("survivor", code)] = None
        found = select(SURVIVORS.c.id, SURVIVORS.c.code).where(one_of(SURVIVORS.c.code, named))
        for survivor_id, code in await connection.execute(found):
            cache[("survivor", code)] = Described({"id": survivor_id, "code": code})
