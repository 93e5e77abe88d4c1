"""An award's positions written as what a payments file changed in them end where Haki's own
rewrite from the ledger ends: a payment after the others (the last position closed, one
added), a payment found late, before one already booked (positions after it replaced), and a
second payment on the day of one booked (that day's position replaced); each position's
facts as the triggers copy them."""

import random
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from service.imports.layouts import ImportKind
from service.usecases.awards.positions import rebuild_positions
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportReport, ImportRules, run_import
from tests.factories import TEST_ACTOR
from tests.integration.test_import_payments_in_batches import entry
from tests.spreadsheets import award_row, awarded, case_row, matters, sheet

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime.now(UTC)
FACTS = (
    "SELECT award_id, valid_from, survivor_id, respondent, judgment_on, rate_percent, "
    "court_station, survivor_awards FROM award_positions ORDER BY award_id, valid_from"
)


async def run(sessions: Sessions, kind: ImportKind, data: bytes) -> ImportReport:
    return await run_import(
        sessions, TEST_ACTOR, ImportRequest(kind, data, "books.csv", False), rules=ImportRules(),
        now=NOW,
    )  # fmt: skip


async def stored(sessions: Sessions) -> list[tuple[object, ...]]:
    async with sessions() as session:
        columns = (
            "award_id, valid_from, valid_to, awarded, principal, unpaid_interest, accrued, "
            "paid_to_interest, paid_to_principal, bearing, bearing_from, bearing_sum, "
            "bearing_day_sum, bearing_latest"
        )
        connection = await session.connection()
        found = await connection.execute(
            text(f"SELECT {columns} FROM award_positions ORDER BY award_id, valid_from")
        )
        return [tuple(row) for row in found]


async def test_positions_changed_by_later_earlier_and_same_day_payments(
    sessions: Sessions,
) -> None:
    rng = random.Random(5)
    register = matters(40)
    chased = list(awarded(register))
    assert len(chased) >= 3
    cases = sheet([case_row(m, rng) for m in register])[0]
    assert (await run(sessions, ImportKind.CASES, cases)).written
    awards = sheet([award_row(m, rng) for m in chased])[0]
    assert (await run(sessions, ImportKind.AWARDS, awards)).written
    first = [entry(m, 300, "10,000", f"A/{m.i}") for m in chased]
    assert (await run(sessions, ImportKind.PAYMENTS, sheet(first)[0])).errors == []

    later = [entry(m, 400, "5,000", f"B/{m.i}") for m in chased[0::3]]
    earlier = [entry(m, 250, "7,000", f"C/{m.i}") for m in chased[1::3]]
    same_day = [entry(m, 300, "3,000", f"D/{m.i}") for m in chased[2::3]]
    report = await run(sessions, ImportKind.PAYMENTS, sheet(later + earlier + same_day)[0])
    assert report.written and report.errors == [], report.errors[:3]

    written = await stored(sessions)
    async with sessions() as session:
        facts = list(await (await session.connection()).execute(text(FACTS)))
    await rebuild_positions(sessions, ImportRules().compensation.allocation)
    assert await stored(sessions) == written
    async with sessions() as session:
        assert list(await (await session.connection()).execute(text(FACTS))) == facts
