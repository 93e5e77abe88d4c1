"""Hearings, awards and payments brought in after their cases: what each stage implies is
made (reminders, the chase, the ledger's positions), and a second run changes nothing."""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardStage, PaymentReceived
from domain.calendar import NAIROBI
from domain.cases import Case
from domain.hearings import Hearing
from domain.positions import AwardPosition
from domain.reminders import Reminder
from domain.stages import Stage
from service.imports.layouts import ImportKind
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportReport, ImportRules, run_import
from tests.factories import TEST_ACTOR
from tests.spreadsheets import (
    award_row,
    awarded,
    case_row,
    hearing_row,
    matters,
    payment_row,
    sheet,
)

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime.now(UTC)


async def run(
    sessions: Sessions, kind: ImportKind, data: bytes, dry_run: bool = False
) -> ImportReport:
    return await run_import(
        sessions,
        TEST_ACTOR,
        ImportRequest(kind, data, f"{kind}.csv", dry_run),
        rules=ImportRules(),
        now=NOW,
    )


async def test_the_four_files_in_turn_and_again(sessions: Sessions) -> None:
    rng = random.Random(5)
    register = matters(44)
    files = {
        ImportKind.CASES: sheet([case_row(m, rng) for m in register], delimiter=";")[0],
        ImportKind.HEARINGS: sheet([hearing_row(m, rng) for m in register if m.number])[0],
        ImportKind.AWARDS: sheet([award_row(m, rng) for m in awarded(register)])[0],
        ImportKind.PAYMENTS: sheet([payment_row(m, rng) for m in awarded(register)], bom=False)[0],
    }
    for kind, data in files.items():
        report = await run(sessions, kind, data)
        assert report.written and report.errors == [], (kind, report.errors)
        assert report.count("created") == len(report.rows)
    async with sessions() as session:
        awards = (await session.exec(select(Award))).all()
        paid = (await session.exec(select(func.count()).select_from(PaymentReceived))).one()
        chased = (
            await session.exec(select(Reminder).where(col(Reminder.award_id).is_not(None)))
        ).all()
        positions = (await session.exec(select(func.count()).select_from(AwardPosition))).one()
        cases = {c.id: c for c in (await session.exec(select(Case))).all()}
    assert len(awards) == paid == len(list(awarded(register))) == 8
    assert {a.stage for a in awards} == {AwardStage.PARTIALLY_PAID}
    assert {cases[a.case_id].stage for a in awards} == {Stage.COMPENSATION}
    assert {r.award_id for r in chased} == {a.id for a in awards}
    assert positions >= len(awards)
    for kind, data in files.items():
        again = await run(sessions, kind, data)
        assert again.errors == [] and again.count("unchanged") == len(again.rows), kind


async def test_a_hearing_to_come_gets_its_reminders_and_a_past_one_none(sessions: Sessions) -> None:
    cases = (
        b"reference,title,kind,court_level,court_station,court_number,lead_counsel,claimants,"
        b"respondents,stage\n"
        b"HAKI/9,D v AG,civil_claim,high_court,Nyeri,HCCC 9 of 2019,Counsel,S-2019-0009,AG,"
        b"hearing\n"
    )
    assert (await run(sessions, ImportKind.CASES, cases)).written
    coming = (NOW + timedelta(days=20)).astimezone(NAIROBI)
    hearings = (
        "court_number,court_station,starts_at,purpose,status\n"
        f"HCCC No. 9 of 2019,nyeri,{coming:%d/%m/%Y} 09:00,hearing,\n"
        "HCCC 9 of 2019,Nyeri,2020-02-03 10:00,mention,adjourned\n"
        f"HCCC 9 of 2019,Nyeri,{coming + timedelta(days=1):%Y-%m-%d} 09:00,mention,held\n"
    ).encode()
    refused = await run(sessions, ImportKind.HEARINGS, hearings)
    assert [(e.row, e.column) for e in refused.errors] == [(4, "status")]
    report = await run(sessions, ImportKind.HEARINGS, hearings.rsplit(b"\n", 2)[0] + b"\n")
    assert report.written
    async with sessions() as session:
        rows = (await session.exec(select(Hearing).order_by(col(Hearing.starts_at)))).all()
        reminders = {
            h.id: (
                await session.exec(
                    select(func.count()).select_from(Reminder).where(Reminder.hearing_id == h.id)
                )
            ).one()
            for h in rows
        }
    assert [h.recorded_after_the_fact for h in rows] == [True, False]
    assert reminders[rows[0].id] == 0 and reminders[rows[1].id] > 0


async def test_a_payment_over_what_is_owed_is_named_by_row_and_column(sessions: Sessions) -> None:
    rng = random.Random(5)
    register = [m for m in matters(20) if m.stage == "awarded"][:1]
    await run(sessions, ImportKind.CASES, sheet([case_row(m, rng) for m in register])[0])
    await run(sessions, ImportKind.AWARDS, sheet([award_row(m, rng) for m in register])[0])
    too_much = dict(payment_row(register[0], rng), amount="999,999,999.00")
    report = await run(sessions, ImportKind.PAYMENTS, sheet([too_much])[0], dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, "amount")]
    assert "may not exceed what is owed" in report.errors[0].message
