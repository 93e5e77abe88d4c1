"""A payments file booked a batch at a time ends where Haki's own ledger writes end: two
payments to one award in one batch, money passed on in the middle of a batch (Haki's own path,
after the batch so far is written), positions equal to those the ledger gives, an audit row
naming the file for every step, versions moved on; a payment refused mid-batch is named alone
and the rows after it still checked; a record's change written with the batch checks the
version read."""

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from domain.awards import Award, AwardStage, Disbursement, PaymentReceived
from domain.errors import StaleVersion
from service.imports.layouts import ImportKind
from service.usecases.awards.positions import rebuild_positions
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import BATCH, ImportReport, ImportRules, run_import
from service.usecases.importing.writes import Pending
from tests.factories import TEST_ACTOR
from tests.integration.test_import_written_in_bulk import positions
from tests.spreadsheets import Matter, award_row, awarded, case_row, matters, sheet

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime.now(UTC)


async def run(
    sessions: Sessions, kind: ImportKind, data: bytes, dry_run: bool = False
) -> ImportReport:
    return await run_import(
        sessions, TEST_ACTOR, ImportRequest(kind, data, "books.csv", dry_run), rules=ImportRules(),
        now=NOW,
    )  # fmt: skip


def entry(m: Matter, days: int, amount: str, reference: str, **more: str) -> dict[str, str]:
    assert m.judged is not None
    on: date = m.judged + timedelta(days=days)
    return {
        "court_number": m.number or "",
        "court_station": m.station,
        "claimant": m.code,
        "respondent": "Attorney General",
        "entry": more.get("entry", "received"),
        "paid_on": on.isoformat(),
        "amount": amount,
        "payer": "The National Treasury",
        "reference": reference,
        "method": more.get("method", ""),
        "beneficiary": more.get("beneficiary", ""),
    }


async def test_a_books_file_ends_where_haki_ledger_writes_end(sessions: Sessions) -> None:
    rng = random.Random(8)
    register = matters(3 * BATCH)
    chased = list(awarded(register))
    assert (
        await run(sessions, ImportKind.CASES, sheet([case_row(m, rng) for m in register])[0])
    ).written
    assert (
        await run(sessions, ImportKind.AWARDS, sheet([award_row(m, rng) for m in chased])[0])
    ).written
    rows = []
    for m in chased:
        rows += [entry(m, 200, "100,000.00", f"IFMIS/{m.i}"), entry(m, 210, "50,000", f"EFT/{m.i}")]
    rows.append(
        entry(chased[0], 205, "60,000", "MP-1", entry="disbursed", method="mpesa", beneficiary="S")
    )
    data = sheet(rows)[0]

    report = await run(sessions, ImportKind.PAYMENTS, data)
    assert report.written and report.errors == [], report.errors[:3]
    assert report.count("created") == len(rows)
    async with sessions() as session:
        awards = (await session.exec(select(Award))).all()
        paid = (await session.exec(select(func.count()).select_from(PaymentReceived))).one()
        passed = (await session.exec(select(func.count()).select_from(Disbursement))).one()
        steps = (
            await session.exec(select(AuditEvent).where(col(AuditEvent.action) == "award.step"))
        ).all()
    assert paid == 2 * len(chased) and passed == 1
    assert {a.stage for a in awards} == {AwardStage.PARTIALLY_PAID}
    assert all(a.version > 1 for a in awards)
    assert Counter(s.detail.get("file") for s in steps) == {"books.csv": 2 * len(chased)}
    written = await positions(sessions)
    await rebuild_positions(sessions, ImportRules().compensation.allocation)
    assert await positions(sessions) == written

    again = await run(sessions, ImportKind.PAYMENTS, data)
    assert again.errors == [] and again.count("unchanged") == len(rows)


async def test_a_payment_refused_mid_batch_is_named_alone(sessions: Sessions) -> None:
    rng = random.Random(9)
    register = matters(BATCH)
    chased = list(awarded(register))
    await run(sessions, ImportKind.CASES, sheet([case_row(m, rng) for m in register])[0])
    await run(sessions, ImportKind.AWARDS, sheet([award_row(m, rng) for m in chased])[0])
    rows = [entry(m, 200, "100,000.00", f"IFMIS/{m.i}") for m in chased]
    rows[3] = {**rows[3], "amount": "999,999,999.00"}
    rows[5] = {**rows[5], "paid_on": "2001-01-01"}
    data, numbers = sheet(rows)
    report = await run(sessions, ImportKind.PAYMENTS, data, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [
        (numbers[3], "amount"),
        (numbers[5], "paid_on"),
    ]
    assert report.count("created") == len(rows) - 2
    async with sessions() as session:
        assert (await session.exec(select(func.count()).select_from(PaymentReceived))).one() == 0


async def test_a_change_written_with_the_batch_checks_the_version_read(sessions: Sessions) -> None:
    rng = random.Random(10)
    register = [m for m in matters(20) if m.stage == "awarded"][:1]
    await run(sessions, ImportKind.CASES, sheet([case_row(m, rng) for m in register])[0])
    await run(sessions, ImportKind.AWARDS, sheet([award_row(m, rng) for m in register])[0])
    async with sessions() as session:
        award = (await session.exec(select(Award))).one()
        session.expunge(award)
    async with sessions() as session, session.begin():
        changed = (await session.exec(select(Award))).one()
        changed.department = "Someone else's change"
    pending = Pending()
    pending.change(Award, award, stage=AwardStage.STAYED)
    async with sessions() as session, session.begin():
        with pytest.raises(StaleVersion):
            await pending.write(session)
    pending.change(Award, changed, stage=AwardStage.STAYED)
    async with sessions() as session:
        async with session.begin():
            await pending.write(session)
        written = (await session.exec(select(Award))).one()
    assert (written.stage, written.version) == (AwardStage.STAYED, changed.version + 1)
