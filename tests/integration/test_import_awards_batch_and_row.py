"""An awards batch reads its cases and survivors as a few columns (award_cases.py); a batch
with a refused row is replayed one row at a time, reading them as records. Both say the same
of every row. And the COPYs' own choice of plans ends with the batch's writes; the file plans
the chase of its own awards only."""

import random
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from service.imports.layouts import ImportKind
from service.usecases.accounts.audit import audit_row
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import CUSTOM_PLANS, ImportReport, ImportRules, run_import
from service.usecases.importing.writes import Pending
from tests.factories import TEST_ACTOR
from tests.spreadsheets import award_row, awarded, case_row, matters, sheet

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime.now(UTC)


async def run(sessions: Sessions, kind: ImportKind, data: bytes, dry_run: bool) -> ImportReport:
    return await run_import(
        sessions, TEST_ACTOR, ImportRequest(kind, data, f"{kind}.csv", dry_run),
        rules=ImportRules(), now=NOW,
    )  # fmt: skip


async def test_a_batch_replayed_row_by_row_says_what_the_batch_says(sessions: Sessions) -> None:
    rng = random.Random(5)
    register = matters(80)
    cases = sheet([case_row(m, rng) for m in register])[0]
    assert (await run(sessions, ImportKind.CASES, cases, False)).written
    rows = [award_row(m, rng) for m in awarded(register)]
    # a claimant of another case: refused inside the batch, which is replayed row by row
    refused = {**rows[0], "claimant": rows[1]["claimant"], "respondent": "Another respondent"}
    in_batch = await run(sessions, ImportKind.AWARDS, sheet(rows)[0], True)
    replayed = await run(sessions, ImportKind.AWARDS, sheet([*rows, refused])[0], True)
    assert replayed.rows == in_batch.rows
    assert len(in_batch.rows) == len(rows) and not in_batch.errors
    assert [(e.row, e.column) for e in replayed.errors] == [(len(rows) + 2, "claimant")]
    assert (await run(sessions, ImportKind.AWARDS, sheet(rows)[0], False)).written
    again = await run(sessions, ImportKind.AWARDS, sheet([*rows, refused])[0], True)
    assert [(e.row, e.column) for e in again.errors] == [(len(rows) + 2, "claimant")]
    assert {r.action for r in again.rows} == {"unchanged"}


async def test_the_import_plans_again_once_its_rows_are_written(sessions: Sessions) -> None:
    pending = Pending()
    async with sessions() as session, session.begin():
        await session.exec(CUSTOM_PLANS)  # type: ignore[call-overload]
        async with session.begin_nested():
            pending.row(AuditEvent, **audit_row(TEST_ACTOR, "import", "import", "awards"))
            await pending.write(session)
        mode = await session.exec(text("SHOW plan_cache_mode"))  # type: ignore[call-overload]
        assert mode.scalar_one() == "force_custom_plan"


async def test_a_file_plans_the_chase_of_its_own_awards_and_leaves_the_rest_to_the_clock(
    sessions: Sessions,
) -> None:
    rng = random.Random(9)
    register = matters(120)
    cases = sheet([case_row(m, rng) for m in register])[0]
    assert (await run(sessions, ImportKind.CASES, cases, False)).written
    rows = [award_row(m, rng) for m in awarded(register)]
    first, second = rows[: len(rows) // 2], rows[len(rows) // 2 :]
    assert (await run(sessions, ImportKind.AWARDS, sheet(first)[0], False)).written
    async with sessions() as session, session.begin():
        chased_first = set(await awards_waiting(session))
        assert chased_first, "the first file holds served awards, each now chased"
        await session.exec(  # type: ignore[call-overload]
            text("UPDATE reminders SET status = 'cancelled' WHERE award_id IS NOT NULL")
        )
    assert (await run(sessions, ImportKind.AWARDS, sheet(second)[0], False)).written
    async with sessions() as session:
        chased_second = set(await awards_waiting(session))
    assert chased_second and not chased_second & chased_first


async def awards_waiting(session: AsyncSession) -> list[object]:
    """The awards with a pending follow-up reminder."""
    found = await session.exec(  # type: ignore[call-overload]
        text("SELECT award_id FROM reminders WHERE award_id IS NOT NULL AND status = 'pending'")
    )
    return list(found.scalars().all())
