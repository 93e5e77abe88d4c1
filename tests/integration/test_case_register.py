"""The register on real PostgreSQL: append-only history, atomic steps, survivor codes."""

import asyncio
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Case
from domain.errors import GuardFailed
from domain.stages import Stage
from service.usecases.cases.court_track import Step, history, record_step
from service.usecases.families.survivors import register_survivor
from tests.factories import TEST_ACTOR, registered_case

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


async def a_case(sessions: Sessions) -> Case:
    case, _ = await registered_case(sessions, opened_on=date(2024, 1, 2), now=NOW)
    return case


async def test_history_rows_cannot_be_changed_or_deleted(
    sessions: Sessions, engine: AsyncEngine
) -> None:
    await a_case(sessions)
    for statement in ("UPDATE case_events SET note = 'edited'", "DELETE FROM case_events"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as connection:
                await connection.execute(text(statement))
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM case_events"))).scalar() == 1


async def test_a_refused_step_writes_neither_stage_nor_event(sessions: Sessions) -> None:
    case = await a_case(sessions)
    async with sessions() as session:
        with pytest.raises(GuardFailed):
            await record_step(
                session, TEST_ACTOR, case.id, Step(trigger="file", version=1), now=NOW
            )
    async with sessions() as session:
        events, total = await history(session, case.id, limit=10, offset=0)
    assert total == 1 and events[0].to_stage == Stage.INTAKE


async def test_a_step_dated_today_in_nairobi_when_no_date_is_given(sessions: Sessions) -> None:
    case = await a_case(sessions)
    late_evening_utc = datetime(2024, 3, 1, 22, 30, tzinfo=UTC)  # already 2 March in Nairobi
    async with sessions() as session:
        step = Step(trigger="file", version=1, court_number="HCCC 1 of 2024")
        _, event = await record_step(session, TEST_ACTOR, case.id, step, now=late_evening_utc)
    assert event.occurred_on == date(2024, 3, 2)
    assert event.recorded_at == late_evening_utc


async def test_survivor_codes_are_unique_and_sequential_under_concurrency(
    sessions: Sessions,
) -> None:
    async def register(n: int) -> str:
        async with sessions() as session:
            return (
                await register_survivor(session, TEST_ACTOR, full_name=f"Person {n}", now=NOW)
            ).code

    codes = await asyncio.gather(*(register(n) for n in range(20)))
    assert sorted(codes) == [f"S-2024-{n:04d}" for n in range(1, 21)]
