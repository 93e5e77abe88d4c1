"""A batch of the payments file reads its cases, awards and survivors as plain rows
(payment_facts.py), not records: the session holds none of them, the awards are locked as a
ledger write locks them, and the tracks move the rows as they move records, the steps written
with the batch, versions moved on, an audit row for each."""

import random
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from domain.awards import Award, AwardStage
from domain.cases import Case, Stage, Survivor
from service.imports.layouts import ImportKind
from service.usecases.importing.payments import Entry, PaymentImporter, PaymentRow
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import Context, ImportRules, run_import
from service.usecases.importing.writes import Described
from tests.factories import TEST_ACTOR
from tests.integration.test_import_payments_in_batches import entry
from tests.spreadsheets import award_row, awarded, case_row, matters, sheet

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime.now(UTC)


async def run(sessions: Sessions, kind: ImportKind, data: bytes) -> None:
    request = ImportRequest(kind, data, "books.csv", False)
    report = await run_import(sessions, TEST_ACTOR, request, rules=ImportRules(), now=NOW)
    assert report.written and report.errors == [], report.errors[:3]


async def test_a_batch_holds_rows_not_records_and_locks_its_awards(sessions: Sessions) -> None:
    rng = random.Random(11)
    chased = list(awarded(matters(60)))[:6]
    await run(sessions, ImportKind.CASES, sheet([case_row(m, rng) for m in chased])[0])
    await run(sessions, ImportKind.AWARDS, sheet([award_row(m, rng) for m in chased])[0])
    async with sessions() as session:
        cases = {c.id: c for c in (await session.exec(select(Case))).all()}
        codes = {s.id: s.code for s in (await session.exec(select(Survivor))).all()}
        awards = (await session.exec(select(Award))).all()
    rows = [
        PaymentRow(
            cases[a.case_id].court_station,
            cases[a.case_id].court_number or "",
            codes[a.survivor_id],
            a.respondent,
            Entry.RECEIVED,
            a.judgment_on,
            Decimal(1),
            None,
            f"IFMIS/{i}",
            None,
            None,
        )
        for i, a in enumerate(awards)
    ]
    context = Context(TEST_ACTOR, "books.csv", "0" * 64, ImportRules(), NOW)
    async with sessions() as session, session.begin():
        await PaymentImporter().prefetch(session, context, rows)
        assert len(session.identity_map) == 0
        for row in rows:
            [case] = context.cache[("case", (row.court_station, row.court_number))]
            assert isinstance(case, Described) and case.stage is Stage(case.stage)
            assert isinstance(context.cache[("survivor", row.claimant)], Described)
        held = [
            a for key, found in context.cache.items() if key[0] == "awards" for a in found.values()
        ]
        assert len(held) == len(awards) and all(isinstance(a, Described) for a in held)
        async with sessions() as other, other.begin():
            await other.exec(text("SET LOCAL lock_timeout = '100ms'"))  # type: ignore[call-overload]
            with pytest.raises(DBAPIError):
                await other.exec(
                    text("UPDATE awards SET department = 'meanwhile' WHERE id = :id").bindparams(
                        id=awards[0].id
                    )  # type: ignore[call-overload]
                )


async def test_the_tracks_move_the_rows_and_the_batch_writes_their_steps(
    sessions: Sessions,
) -> None:
    rng = random.Random(12)
    chased = [m for m in awarded(matters(80)) if m.stage == "awarded"][:5]
    await run(sessions, ImportKind.CASES, sheet([case_row(m, rng) for m in chased])[0])
    await run(sessions, ImportKind.AWARDS, sheet([award_row(m, rng) for m in chased])[0])
    async with sessions() as session:
        before = {a.id: a.version for a in (await session.exec(select(Award))).all()}
        cases_before = {c.id: c.version for c in (await session.exec(select(Case))).all()}
    await run(
        sessions,
        ImportKind.PAYMENTS,
        sheet([entry(m, 200, "1,000", f"EFT/{m.i}") for m in chased])[0],
    )
    async with sessions() as session:
        awards = (await session.exec(select(Award))).all()
        cases = (await session.exec(select(Case))).all()
        steps = (
            await session.exec(
                select(AuditEvent).where(col(AuditEvent.action).in_(["award.step", "case.step"]))
            )
        ).all()
    assert {a.stage for a in awards} == {AwardStage.PARTIALLY_PAID}
    assert all(a.version == before[a.id] + 1 for a in awards)
    assert {c.stage for c in cases} == {Stage.COMPENSATION}
    assert all(c.version == cases_before[c.id] + 1 for c in cases)
    assert Counter(s.action for s in steps) == {"award.step": 5, "case.step": 5}
