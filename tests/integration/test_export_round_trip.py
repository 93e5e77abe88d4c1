"""Leaving with the data: an export imported into an empty database gives the same
statements and reports; a pseudonymous export holds no name and no secret."""

import csv
import io
import json
import os
import random
from collections.abc import AsyncIterator
from dataclasses import asdict, fields
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import AuditEvent
from domain.awards import Award, AwardHead, HeadKind
from domain.base import metadata
from domain.cases import Case, Survivor
from domain.hearings import HearingPurpose
from service.amounts import Shillings
from service.database import make_engine, make_sessionmaker, scratch_database
from service.imports.layouts import ImportKind
from service.migrate import upgrade
from service.usecases.awards.corrections import ReversalIn, reverse_payment
from service.usecases.awards.entries import PaymentIn
from service.usecases.awards.orders import position
from service.usecases.awards.payments import receive_payment
from service.usecases.awards.settlement import Compromise, settle_by_consent
from service.usecases.awards.taxed_costs import add_taxed_costs
from service.usecases.exporting.bundle import export_everything
from service.usecases.exporting.tables import PERSONAL
from service.usecases.hearings.court_dates import schedule
from service.usecases.hearings.dates_in import HearingIn
from service.usecases.importing.request import ImportRequest
from service.usecases.importing.running import ImportRules, run_import
from service.usecases.reports.pipeline import pipeline
from service.usecases.reports.time_to_payment import time_to_payment
from service.usecases.reports.unpaid import unpaid_awards
from tests.conftest import empty_tables
from tests.factories import RULES, TEST_ACTOR, awarded_and_part_paid
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
DAYS = (date(2024, 12, 31), date(2026, 6, 30))


@pytest.fixture(scope="module")
def restore_url(admin_dsn: str) -> str:
    """A second database, as an organisation moving to a new server would start with."""
    url = scratch_database(admin_dsn, f"haki_test_{os.getpid()}_restore")
    upgrade(url)
    return url


@pytest.fixture
async def empty_database(restore_url: str) -> AsyncIterator[Sessions]:
    engine = make_engine(restore_url, pool_size=2)
    await empty_tables(engine)
    yield make_sessionmaker(engine)
    await engine.dispose()


async def a_register(sessions: Sessions) -> None:
    """Cases made in Haki (a payment reversed, costs taxed at a rate of their own, a settlement
    by consent, hearings to come and adjourned) and cases brought in from a generated register,
    with their hearings, awards and payments."""
    award = await awarded_and_part_paid(sessions)
    async with sessions() as session:
        given = PaymentIn(date(2024, 9, 2), Shillings("5000"), "Treasury", "TR/2")
        _, paid = await receive_payment(session, TEST_ACTOR, award.id, given, RULES)
    async with sessions() as session:
        await reverse_payment(
            session, TEST_ACTOR, award.id, paid.id or 0,
            ReversalIn(date(2024, 9, 20), "cheque returned"), RULES,
        )  # fmt: skip
    async with sessions() as session:
        await add_taxed_costs(
            session, TEST_ACTOR, award.id, amount=Decimal("20000"), taxed_on=date(2024, 6, 15),
            certificate_ref="CoT 1", rules=RULES, rate_percent=Decimal("14"),
        )  # fmt: skip
    async with sessions() as session:
        await settle_by_consent(
            session, TEST_ACTOR, award.id, Compromise(date(2024, 10, 1), Decimal("90000")), RULES
        )
    now = datetime.now(UTC)
    for starts_at, past in ((now + timedelta(days=9), False), (now - timedelta(days=30), True)):
        async with sessions() as session:
            given = HearingIn(
                starts_at=starts_at, purpose=HearingPurpose.MENTION, recorded_after_the_fact=past
            )
            await schedule(session, TEST_ACTOR, award.case_id, given)
    rng = random.Random(9)
    register = matters(33)
    for kind, rows in (
        (ImportKind.CASES, [case_row(m, rng) for m in register]),
        (ImportKind.HEARINGS, [hearing_row(m, rng) for m in register if m.number]),
        (ImportKind.AWARDS, [award_row(m, rng) for m in awarded(register)]),
        (ImportKind.PAYMENTS, [payment_row(m, rng) for m in awarded(register)]),
    ):
        report = await run_import(
            sessions, TEST_ACTOR, ImportRequest(kind, sheet(rows)[0], f"{kind}.csv", False),
            rules=ImportRules(),
        )  # fmt: skip
        assert report.written, report.errors


def _plain(value: Any) -> Any:
    """Report figures without the internal survivor ids two databases cannot share."""
    if isinstance(value, frozenset):
        return len(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


async def figures(sessions: Sessions) -> dict[str, Any]:
    async with sessions() as session:
        awards = (await session.exec(select(Award, Case.reference, Survivor.code)
                  .join(Case, col(Case.id) == Award.case_id)
                  .join(Survivor, col(Survivor.id) == Award.survivor_id))).all()  # fmt: skip
        statements = {}
        for award, reference, code in awards:
            for day in DAYS:
                found = asdict(await position(session, award, day, RULES))
                found.pop("lines")  # a reversed payment is a line in one, absent in the other
                statements[(reference, code, award.respondent, day)] = found
        return {
            "statements": statements,
            "stages": sorted((a.stage, a.served_on) for a, _, _ in awards),
            "unpaid": [_plain(await unpaid_awards(session, day)) for day in DAYS],
            "time_to_payment": [_plain(await time_to_payment(session, day)) for day in DAYS],
            "pipeline": _plain(await pipeline(session, None, None)),
        }


def ties_aside(found: dict[str, Any]) -> dict[str, Any]:
    """The pipeline's ten most adjourned cases are cut at ten before ties are ordered, so
    which of two equal cases makes the list is PostgreSQL's choice: compare the counts."""
    adjournments = found["pipeline"]["adjournments"]
    adjournments["most_adjourned"] = sorted(
        (case["adjournments"], case["hearings"]) for case in adjournments["most_adjourned"]
    )
    return found


async def test_an_export_imported_into_an_empty_database_gives_the_same_figures(
    sessions: Sessions, empty_database: Sessions
) -> None:
    await a_register(sessions)
    files = await export_everything(sessions, TEST_ACTOR, with_personal_data=True)
    for kind in ImportKind:
        report = await run_import(
            empty_database, TEST_ACTOR,
            ImportRequest(kind, files[f"import/{kind}.csv"], f"{kind}.csv", False),
            rules=ImportRules(),
        )  # fmt: skip
        assert report.written, (kind, report.errors[:3])
    before = ties_aside(await figures(sessions))
    after = ties_aside(await figures(empty_database))
    assert len(before["statements"]) == len(DAYS) * (1 + len(list(awarded(matters(33)))))
    assert after == before


async def test_a_pseudonymous_export_holds_no_name_no_secret_and_is_audited(
    sessions: Sessions,
) -> None:
    await a_register(sessions)
    async with sessions() as session:
        award = (await session.exec(select(Award).order_by(col(Award.created_at)))).first()
    assert award is not None
    for day in (date(2024, 7, 1), date(2024, 8, 1)):
        async with sessions() as session:
            await add_taxed_costs(
                session, TEST_ACTOR, award.id, amount=Decimal("1000"), taxed_on=day,
                certificate_ref="CoT", rules=RULES,
            )  # fmt: skip
    files = await export_everything(sessions, TEST_ACTOR, with_personal_data=False)
    [warning] = json.loads(files["manifest.json"])["import"]["warnings"]
    assert str(award.id) in warning and "costs heads run interest from different days" in warning
    async with sessions() as session:
        costs = (
            await session.exec(
                select(AwardHead.amount).where(
                    AwardHead.award_id == award.id, AwardHead.kind == HeadKind.COSTS
                )
            )
        ).all()
    # the export wrote nothing
    assert sorted(costs) == [Decimal("1000.00"), Decimal("1000.00"), Decimal("20000.00")]
    assert {t.name for t in metadata.sorted_tables} <= set(PERSONAL), "classify new tables"
    survivors = list(csv.DictReader(io.StringIO(files["tables/survivors.csv"].decode())))
    assert survivors and {s["full_name"] for s in survivors} == {""}
    assert b"Survivor Number" not in b"".join(files.values())
    assert "password_hash" not in files["tables/users.csv"].decode().splitlines()[0]
    async with sessions() as session:
        logged = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "export.full"))
        ).one()
    assert logged.detail["with_personal_data"] is False
