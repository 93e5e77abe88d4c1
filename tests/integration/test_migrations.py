"""Migrations go up, down and up again, match the models, and a behind database is refused."""

import asyncio
import hashlib
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
from service.usecases.hearings.reminders import current_rules


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


OLD_CODE = (
    "INSERT INTO survivors (id, code, full_name, created_at) "
    "VALUES ('00000000-0000-0000-0000-00000000000a', 'S-2020-0001', 'Old Code', now())",
    "INSERT INTO cases (id, reference, title, kind, court_level, court_station, respondents, "
    "lead_counsel, stage, stage_since, version, opened_at) VALUES "
    "('00000000-0000-0000-0000-00000000000b', 'HAKI/1', 'A v AG', 'civil_claim', 'high_court', "
    "'Nairobi', '{Attorney General}', 'Counsel', 'intake', '2020-01-01', 1, now())",
    "INSERT INTO contacts (id, survivor_id, name, relationship, language, channel, "
    "amounts_opt_in, quiet_from, quiet_until, version, created_at) VALUES "
    "('00000000-0000-0000-0000-00000000000c', '00000000-0000-0000-0000-00000000000a', 'Mama', "
    "'mother', 'sw', 'sms', false, '21:00', '07:00', 1, now())",
    "INSERT INTO status_codes (code_hash, case_id, contact_id, created_at) VALUES (:hash, "
    "'00000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-00000000000c', now())",
)
"""a code issued before 0014, kept as a bare SHA-256, and the rows it hangs from"""


async def test_codes_kept_as_a_bare_sha256_are_revoked_by_0014_and_it_goes_back_down(
    scratch_url: str,
) -> None:
    """A bare SHA-256 cannot be keyed without the code, which Haki never kept: those codes are
    revoked (the lawyer issues new ones), and the way back down leaves them revoked."""
    await asyncio.to_thread(downgrade, scratch_url, "0014-1")
    engine = create_async_engine(scratch_url)
    old = hashlib.sha256(b"K7QX92MD").hexdigest()
    try:
        async with engine.begin() as db:
            for statement in OLD_CODE:
                await db.execute(text(statement), {"hash": old})
        await asyncio.to_thread(upgrade, scratch_url, "0014")
        async with engine.connect() as db:
            revoked, expires = (
                await db.execute(
                    text("SELECT revoked_at, expires_at FROM status_codes WHERE code_hash = :h"),
                    {"h": old},
                )
            ).one()
        assert revoked is not None and expires is not None and expires <= revoked

        await asyncio.to_thread(downgrade, scratch_url, "0014-1")
        async with engine.connect() as db:
            columns = await db.execute(
                text("SELECT column_name FROM information_schema.columns WHERE table_name = :t"),
                {"t": "status_codes"},
            )
            assert "expires_at" not in set(columns.scalars())
            still = await db.execute(
                text("SELECT revoked_at FROM status_codes WHERE code_hash = :h"), {"h": old}
            )
            assert still.scalar_one() is not None, "revoked it stays"
            for table in ("status_codes", "contacts", "cases", "survivors"):
                await db.execute(text(f"DELETE FROM {table}"))
            await db.commit()
    finally:
        await engine.dispose()
        await asyncio.to_thread(upgrade, scratch_url)
    await check_current(scratch_url)
