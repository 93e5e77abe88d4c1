"""A file that fills a table leaves the planner's statistics counting its rows, so the next
file's lookups are planned for the table as it is; a dry run leaves them as they were."""

import random
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from service.imports.layouts import ImportKind
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportRules, run_import
from service.usecases.importing.statistics import FEWEST
from tests.factories import TEST_ACTOR
from tests.spreadsheets import case_row, matters, sheet

Sessions = async_sessionmaker[AsyncSession]
COUNTED = text("SELECT reltuples FROM pg_class WHERE oid = 'cases'::regclass")


async def counted(sessions: Sessions) -> float:
    async with sessions() as session:
        return float((await session.execute(COUNTED)).scalar_one())


async def test_the_cases_a_file_brought_are_counted_and_a_dry_run_counts_none(
    sessions: Sessions,
) -> None:
    rng = random.Random(5)
    register = matters(2 * FEWEST)
    first, second = register[:FEWEST], register[FEWEST:]
    for matter, dry_run in ((first, False), (second, True)):
        data = sheet([case_row(m, rng) for m in matter])[0]
        report = await run_import(
            sessions, TEST_ACTOR, ImportRequest(ImportKind.CASES, data, "cases.csv", dry_run),
            rules=ImportRules(), now=datetime.now(UTC),
        )  # fmt: skip
        assert not report.errors
        assert await counted(sessions) == FEWEST
