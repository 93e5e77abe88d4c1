"""Migration 0015 builds its unique indexes over books that already hold a reference twice,
and stops with a sentence when a case has the same court date set twice."""

import asyncio
import os
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from service.database import scratch_database
from service.migrate import downgrade, upgrade

BEFORE = "0022"
AWARD = uuid.uuid4()


@pytest.fixture(scope="module")
def scratch_url(admin_dsn: str) -> str:
    return scratch_database(admin_dsn, f"haki_migration_0015_{os.getpid()}")


async def run(url: str, *statements: str) -> list[tuple[object, ...]]:
    """As replica, so the rows need no case or award behind them (foreign keys are triggers)."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("SET LOCAL session_replication_role = replica"))
            rows: list[tuple[object, ...]] = []
            for statement in statements:
                result = await connection.execute(text(statement))
                rows = [tuple(row) for row in result] if result.returns_rows else []
            return rows
    finally:
        await engine.dispose()


def payment(id_: int, reference: str, amount: str = "10", reverses: str = "NULL") -> str:
    reason = "NULL" if reverses == "NULL" else "'returned'"
    return (
        "INSERT INTO payments_received (id, award_id, received_on, amount, payer, reference,"
        f" recorded_at, reverses_id, reason) VALUES ({id_}, '{AWARD}', '2024-01-01', {amount},"
        f" 'Treasury', '{reference}', now(), {reverses}, {reason})"
    )


async def test_references_already_twice_are_numbered_and_then_held(scratch_url: str) -> None:
    await asyncio.to_thread(upgrade, scratch_url, BEFORE)
    await run(
        scratch_url,
        payment(1, "TR/1"),
        payment(2, "TR/1", "-10", reverses="1"),
        payment(3, "TR/1"),
        payment(4, "TR/2"),
        payment(5, "TR/2"),
    )
    await asyncio.to_thread(upgrade, scratch_url)
    numbered = await run(
        scratch_url, "SELECT id, prior_reversals FROM payments_received ORDER BY id"
    )
    assert numbered == [(1, 0), (2, 0), (3, 1), (4, 0), (5, 1)]
    with pytest.raises(Exception, match="uq_payments_received_live_reference"):
        await run(scratch_url, payment(6, "TR/1"))
    await asyncio.to_thread(downgrade, scratch_url, BEFORE)


async def test_a_court_date_set_twice_stops_the_migration_in_words(scratch_url: str) -> None:
    await asyncio.to_thread(downgrade, scratch_url, BEFORE)
    await run(scratch_url, "DELETE FROM payments_received")
    sitting = (
        "INSERT INTO hearings (id, case_id, starts_at, station, purpose, status,"
        " recorded_after_the_fact, sequence, version, created_at) VALUES"
        " ('{id}', '{case}', '2026-03-03 06:00+00', 'Nyeri', 'mention', 'scheduled', false, 0, 1,"
        " now())"
    )
    case = uuid.uuid4()
    await run(
        scratch_url,
        *(sitting.format(id=uuid.uuid4(), case=case) for _ in range(2)),
    )
    with pytest.raises(
        RuntimeError, match=r"set twice on the same case for the same purpose \(1 of them\)"
    ):
        await asyncio.to_thread(upgrade, scratch_url)
    await run(scratch_url, "DELETE FROM hearings")
    await asyncio.to_thread(upgrade, scratch_url)
