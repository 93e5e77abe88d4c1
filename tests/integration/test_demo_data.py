"""The demo register loads through the real use cases, once, at a spread of stages, and only
where it is meant to."""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardStage
from domain.calendar import NAIROBI
from domain.cases import Case, Survivor
from domain.contacts import Contact
from domain.hearings import Hearing, HearingStatus
from domain.stages import Stage
from domain.users import User
from service.cli import main
from service.demo import CASES, DEMO_USERS, load_demo_data
from tests.conftest import empty_tables


@pytest.fixture(autouse=True)
async def demo_accounts_removed(engine: AsyncEngine) -> AsyncIterator[None]:
    """Accounts outlive each test (tests/conftest.py): the demo's go, so that loading the demo
    data elsewhere in the run starts from none."""
    yield
    await empty_tables(engine)
    async with engine.begin() as connection:
        names = [username for username, _, _ in DEMO_USERS]
        await connection.execute(delete(User).where(col(User.username).in_(names)))


async def test_demo_data_loads_once_at_many_stages(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    assert await load_demo_data(sessions, date(2026, 11, 24)) == len(CASES) == 12
    assert await load_demo_data(sessions, date(2026, 11, 24)) == 0
    async with sessions() as session:
        cases = (await session.exec(select(Case))).all()
        codes = (await session.exec(select(Survivor.code))).all()
        award_stages = Counter((await session.exec(select(Award.stage))).all())
    stages = Counter(case.stage for case in cases)
    assert len(cases) == 12 and len(stages) >= 8
    assert {Stage.INTAKE, Stage.HEARING, Stage.AWARDED, Stage.COMPENSATION} <= set(stages)
    assert {code[:6] for code in codes} >= {"S-2014", "S-2026"}
    assert award_stages == {
        AwardStage.SERVED_ON_AG: 3,
        AwardStage.PARTIALLY_PAID: 1,
        AwardStage.AWARDED: 2,
    }
    filed = [case for case in cases if case.stage != Stage.INTAKE]
    assert all(case.court_number for case in filed)
    async with sessions() as session:
        dates = (await session.exec(select(Hearing.status, Hearing.starts_at))).all()
    coming = sorted(at for status, at in dates if status == HearingStatus.SCHEDULED)
    assert Counter(status for status, _ in dates) == {
        HearingStatus.ADJOURNED: len(coming),
        HearingStatus.SCHEDULED: len(coming),
    }
    assert len(coming) >= 5, "the cause list has something on it"
    assert datetime(2026, 11, 25, tzinfo=NAIROBI) <= coming[0]
    assert coming[-1] < datetime(2026, 12, 9, tzinfo=NAIROBI)
    async with sessions() as session:
        contacts = (await session.exec(select(Contact))).all()
    assert len(contacts) == 3 and all(c.consents and c.phone for c in contacts)


async def registered(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, int]:
    """How many cases, and how many demo accounts, the database holds."""
    names = [username for username, _, _ in DEMO_USERS]
    async with sessions() as session:
        cases = (await session.exec(select(func.count()).select_from(Case))).one()
        accounts = (
            await session.exec(
                select(func.count()).select_from(User).where(col(User.username).in_(names))
            )
        ).one()
    return cases, accounts


async def test_demo_accounts_go_into_a_configured_database_only_when_asked_in_so_many_words(
    sessions: async_sessionmaker[AsyncSession],
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`make run` with DATABASE_URL set must not give a real office's empty database accounts
    whose passwords are in the README."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    refused = await asyncio.to_thread(CliRunner().invoke, main, ["demo-data"])
    assert refused.exit_code == 0, refused.output
    assert "no demo data loaded" in refused.output
    assert "--i-know-this-is-not-production" in refused.output
    assert await registered(sessions) == (0, 0)
    asked = await asyncio.to_thread(
        CliRunner().invoke, main, ["demo-data", "--i-know-this-is-not-production"]
    )
    assert asked.exit_code == 0, asked.output
    assert f"loaded {len(CASES)} demo cases" in asked.output
    assert await registered(sessions) == (len(CASES), len(DEMO_USERS))
