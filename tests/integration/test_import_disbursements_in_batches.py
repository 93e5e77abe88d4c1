"""Money passed on, in a payments file, booked against the batch's copy of the ledger as Haki
books it by hand: an award paid in full and passed on in two parts in one batch steps to
disbursed, and its case closes, with the same events as the same entries made by hand; the
audit rows name the file; more than was received, or costs retained from an award without
costs, is refused by row and column, nothing written."""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from domain.awards import Award, AwardEvent, AwardStage, Disbursement, DisbursementMethod
from domain.cases import Case, Stage, Survivor
from domain.interest import statement
from service.imports.layouts import ImportKind
from service.usecases.awards.disbursements import disburse
from service.usecases.awards.entries import DisbursementIn, PaymentIn
from service.usecases.awards.ledger import ledger_of, settlement_of
from service.usecases.awards.payments import receive_payment
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportReport, ImportRules, run_import
from tests.factories import TEST_ACTOR
from tests.integration.test_import_payments_in_batches import entry
from tests.spreadsheets import Matter, award_row, awarded, case_row, matters, sheet

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime.now(UTC)
RULES = ImportRules()


async def run(sessions: Sessions, data: bytes, dry_run: bool = False) -> ImportReport:
    return await run_import(
        sessions, TEST_ACTOR, ImportRequest(ImportKind.PAYMENTS, data, "books.csv", dry_run),
        rules=RULES, now=NOW,
    )  # fmt: skip


async def registered(sessions: Sessions, **award: str) -> list[tuple[Matter, Award]]:
    """Two awarded matters, each its case's only award, with their awards as recorded."""
    rng = random.Random(12)
    chosen = [m for m in awarded(matters(60)) if m.number][:2]
    for kind, rows in (
        (ImportKind.CASES, [case_row(m, rng) for m in chosen]),
        (ImportKind.AWARDS, [{**award_row(m, rng), **award} for m in chosen]),
    ):
        request = ImportRequest(kind, sheet(rows)[0], "register.csv", False)
        assert (await run_import(sessions, TEST_ACTOR, request, rules=RULES, now=NOW)).written
    async with sessions() as session:
        found = []
        for m in chosen:
            survivor = (await session.exec(select(Survivor).where(Survivor.code == m.code))).one()
            award = (
                await session.exec(select(Award).where(Award.survivor_id == survivor.id))
            ).one()
            found.append((m, award))
        return found


async def owed_on(sessions: Sessions, award: Award, day: date) -> str:
    async with sessions() as session:
        heads, payments = await ledger_of(session, award)
    allocation = RULES.compensation.allocation
    owed = statement(heads, award.rate_percent, payments, day, allocation, settlement_of(award))
    return str(owed.outstanding)


async def history(sessions: Sessions, award: Award) -> list[tuple[object, ...]]:
    """The award's and its case's stages, its events and what was passed on, days counted
    from its judgment."""
    async with sessions() as session:
        events = await session.exec(
            select(AwardEvent).where(AwardEvent.award_id == award.id).order_by(col(AwardEvent.id))
        )
        passed = await session.exec(
            select(Disbursement)
            .where(Disbursement.award_id == award.id)
            .order_by(col(Disbursement.id))
        )
        now = await session.get(Award, award.id)
        case = await session.get(Case, award.case_id)
        assert now is not None and case is not None
        judged = award.judgment_on
        return [
            (now.stage, (now.stage_since - judged).days, case.stage),
            *((e.trigger, e.from_stage, e.to_stage, (e.occurred_on - judged).days) for e in events),
            *(
                (d.method, d.beneficiary, d.prior_reversals, (d.paid_on - judged).days)
                for d in passed
            ),
        ]


async def test_money_passed_on_in_full_ends_as_haki_by_hand(sessions: Sessions) -> None:
    (imported, by_file), (_, by_hand) = await registered(sessions)
    assert imported.judged is not None
    day = imported.judged + timedelta(days=200)
    owed = await owed_on(sessions, by_file, day)
    rest = str(Decimal(owed) - 1500)
    rows = [
        entry(imported, 200, owed, "IFMIS/1"),
        entry(imported, 203, "1,000", "MP-1", entry="disbursed", method="mpesa", beneficiary="S"),
        entry(imported, 203, "500", "MP-2", entry="disbursed", method="bank", beneficiary="S"),
        entry(imported, 204, rest, "CHQ-1", entry="disbursed", method="cheque", beneficiary="S"),
    ]
    report = await run(sessions, sheet(rows)[0])
    assert report.written and report.errors == [], report.errors

    day = by_hand.judgment_on + timedelta(days=200)
    owed = await owed_on(sessions, by_hand, day)
    async with sessions() as session:
        await receive_payment(
            session, TEST_ACTOR, by_hand.id, PaymentIn(day, Decimal(owed), "Treasury", "P"),
            RULES.compensation, NOW,
        )  # fmt: skip
    rest = str(Decimal(owed) - 1500)
    for days, amount, method in ((3, "1000", "mpesa"), (3, "500", "bank"), (4, rest, "cheque")):
        sent = DisbursementIn(
            day + timedelta(days=days), Decimal(amount), DisbursementMethod(method), "S", method
        )
        async with sessions() as session:
            await disburse(session, TEST_ACTOR, by_hand.id, sent, NOW)

    written = await history(sessions, by_file)
    assert written[0] == (AwardStage.DISBURSED, 204, Stage.CLOSED)
    assert written == await history(sessions, by_hand)
    async with sessions() as session:
        audited = await session.exec(
            select(AuditEvent).where(
                col(AuditEvent.record_id) == str(by_file.id),
                col(AuditEvent.action).in_(["award.disburse", "award.step"]),
            )
        )
        files = sorted((a.action, a.detail.get("file")) for a in audited)
    assert files == [("award.disburse", "books.csv")] * 3 + [("award.step", "books.csv")] * 2


async def test_money_not_received_or_costs_not_awarded_are_refused_by_row(
    sessions: Sessions,
) -> None:
    (first, award), (second, _) = await registered(sessions, costs="")
    day = await owed_on(sessions, award, date.today())
    assert day  # the award is owed something
    rows = [
        entry(first, 200, "100,000", "IFMIS/1"),
        entry(first, 201, "60,000", "MP-1", entry="disbursed", method="mpesa", beneficiary="S"),
        entry(first, 202, "40,000.01", "MP-2", entry="disbursed", method="bank", beneficiary="S"),
        entry(second, 200, "100,000", "IFMIS/2"),
        entry(second, 201, "5,000", "KEPT", entry="disbursed", method="retained", beneficiary="O"),
    ]
    data, numbers = sheet(rows)
    report = await run(sessions, data)
    assert not report.written
    assert [(e.row, e.column) for e in report.errors] == [
        (numbers[2], "amount"),
        (numbers[4], "method"),
    ]
    assert report.count("created") == len(rows) - 2
    async with sessions() as session:
        assert (await session.exec(select(func.count()).select_from(Disbursement))).one() == 0
