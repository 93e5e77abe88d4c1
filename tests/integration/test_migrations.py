"""Migrations go up, down and up again, match the models, and a behind database is refused."""

import asyncio
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from domain.base import metadata
from domain.reminders import DEFAULT_RULES
from service.database import make_sessionmaker, scratch_database
from service.migrate import DatabaseBehind, check_current, downgrade, upgrade
from service.usecases.reminders import current_rules


@pytest.fixture(scope="module")
def scratch_url(admin_dsn: str) -> str:
    return scratch_database(admin_dsn, f"haki_migrations_{os.getpid()}")


async def differences(url: str) -> list[object]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                )
            )
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade_and_no_drift(scratch_url: str) -> None:
    await asyncio.to_thread(upgrade, scratch_url)
    await asyncio.to_thread(downgrade, scratch_url, "base")
    await asyncio.to_thread(upgrade, scratch_url)
    assert await differences(scratch_url) == []
    await check_current(scratch_url)


async def test_the_migration_seeds_the_default_reminder_rules(scratch_url: str) -> None:
    engine = create_async_engine(scratch_url)
    try:
        async with make_sessionmaker(engine)() as session:
            assert set(await current_rules(session)) == set(DEFAULT_RULES)
    finally:
        await engine.dispose()


async def test_a_database_behind_is_refused_with_the_command_to_run(scratch_url: str) -> None:
    await asyncio.to_thread(downgrade, scratch_url, "base")
    with pytest.raises(DatabaseBehind, match="run `haki migrate`"):
        await check_current(scratch_url)
    await asyncio.to_thread(upgrade, scratch_url)


async def _cases(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(text(sql))
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()


CASE_ROW = (
    "INSERT INTO cases (id, reference, title, kind, court_level, court_station, court_number, "
    "respondents, lead_counsel, stage, stage_since, version, opened_at) VALUES "
    "(gen_random_uuid(), '{reference}', 't', 'constitutional_petition', 'high_court', "
    "'Nakuru', '{number}', '{{}}', 'c', 'filed', '2024-01-02', 1, now())"
)


async def test_0018_strips_the_padding_of_e_filing_numbers_and_stops_on_a_clash(
    scratch_url: str,
) -> None:
    await asyncio.to_thread(downgrade, scratch_url, "0013")
    for reference, number in (("A", "Petition E019 of 2024"), ("B", "Petition E100 of 2024")):
        await _cases(scratch_url, CASE_ROW.format(reference=reference, number=number))
    await asyncio.to_thread(upgrade, scratch_url)
    numbers = await _cases(scratch_url, "SELECT court_number FROM cases ORDER BY reference")
    assert numbers == [("Petition E19 of 2024",), ("Petition E100 of 2024",)]

    await asyncio.to_thread(downgrade, scratch_url, "0013")
    await _cases(scratch_url, CASE_ROW.format(reference="C", number="Petition E019 of 2024"))
    with pytest.raises(RuntimeError, match="correct them before upgrading: A, C"):
        await asyncio.to_thread(upgrade, scratch_url)
    await _cases(scratch_url, "DELETE FROM cases RETURNING id")
    await asyncio.to_thread(upgrade, scratch_url)
