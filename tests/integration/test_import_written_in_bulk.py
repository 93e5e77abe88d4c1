"""What the import writes a batch at a time is what Haki writes a record at a time: an audit
row for every record made, positions equal to those the ledger gives, version 1 on every new
case and award, and a refused row in a later batch leaves nothing of the batches before it."""

import random
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from domain.awards import Award
from domain.cases import Case, CaseClaimant, Survivor
from domain.positions import AwardPosition
from service.imports.layouts import ImportKind
from service.usecases.awards.positions import rebuild_positions
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import BATCH, ImportReport, ImportRules, run_import
from tests.factories import TEST_ACTOR
from tests.spreadsheets import award_row, awarded, case_row, matters, sheet

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime.now(UTC)


async def run(sessions: Sessions, kind: ImportKind, data: bytes) -> ImportReport:
    return await run_import(
        sessions, TEST_ACTOR, ImportRequest(kind, data, f"{kind}.csv", False), rules=ImportRules(),
        now=NOW,
    )  # fmt: skip


async def positions(sessions: Sessions) -> list[tuple[Any, ...]]:
    async with sessions() as session:
        found = await session.exec(select(AwardPosition).order_by(col(AwardPosition.award_id)))
        return sorted(
            (str(p.award_id), p.valid_from, p.valid_to, p.awarded, p.principal, p.accrued,
             tuple(p.bearing), tuple(p.bearing_from), p.bearing_sum, p.bearing_day_sum)
            for p in found
        )  # fmt: skip


async def test_audit_rows_versions_and_positions_as_one_by_one(sessions: Sessions) -> None:
    rng = random.Random(3)
    register = matters(2 * BATCH + 30)
    cases = sheet([case_row(m, rng) for m in register])[0]
    awards = sheet([award_row(m, rng) for m in awarded(register)])[0]
    assert (await run(sessions, ImportKind.CASES, cases)).written
    assert (await run(sessions, ImportKind.AWARDS, awards)).written
    async with sessions() as session:
        made = Counter((await session.exec(select(AuditEvent.action))).all())
        new_cases = (await session.exec(select(Case))).all()
        new_awards = (await session.exec(select(Award))).all()
        survivors = (await session.exec(select(Survivor))).all()
        links = (await session.exec(select(CaseClaimant))).all()
    assert made["case.import"] == len(new_cases) == len(register)
    assert made["survivor.register"] == len(survivors) == len(links) == len(register)
    assert made["award.import"] == len(new_awards) == len(list(awarded(register)))
    assert made["import"] == 2
    assert {c.version for c in new_cases} == {a.version for a in new_awards} == {1}
    written = await positions(sessions)
    assert written
    await rebuild_positions(sessions, ImportRules().compensation.allocation)
    assert await positions(sessions) == written


async def test_a_refusal_in_the_last_batch_leaves_no_row_of_the_first(sessions: Sessions) -> None:
    rng = random.Random(4)
    rows = [case_row(m, rng) for m in matters(BATCH + 20)]
    assert rows[-1]["court_number"] and rows[-2]["court_number"]
    rows[-1] = {**rows[-1], "reference": rows[-2]["reference"]}  # refused by the database
    data, numbers = sheet(rows)
    report = await run(sessions, ImportKind.CASES, data)
    assert not report.written
    assert [(e.row, e.column) for e in report.errors] == [(numbers[-1], "reference")]
    async with sessions() as session:
        assert (await session.exec(select(Case))).all() == []
        assert (await session.exec(select(Survivor))).all() == []
