"""Migration 0027 turns the positions' bearing principal into principal times its head's rate,
and back: what the reports read of an award before it, they read the same after, both ways."""

import asyncio
import os
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from service.database import make_engine, make_sessionmaker, scratch_database
from service.migrate import downgrade, upgrade
from tests.factories import awarded_and_part_paid

POSITIONS = """
SELECT valid_from, bearing, bearing_sum, bearing_day_sum FROM award_positions
ORDER BY valid_from
"""


@pytest.fixture(scope="module")
def scratch_url(admin_dsn: str) -> str:
    return scratch_database(admin_dsn, f"haki_rated_{os.getpid()}")


async def positions(url: str) -> list[tuple[Any, ...]]:
    engine = make_engine(url, pool_size=1)
    try:
        async with engine.connect() as db:
            return [tuple(row) for row in await db.execute(text(POSITIONS))]
    finally:
        await engine.dispose()


async def test_bearing_carries_the_rate_and_comes_back(scratch_url: str) -> None:
    """100,000 at 12% from 10 January 2024; 1,000 paid 1 June 2024 (tests/factories.py).

    The payment goes to interest first: 100,000 x 12 x 143 / 36,500 = 4,701.37 accrued, so
    the principal still bears whole: rated, 100,000 x 12 = 1,200,000.0000 from both days;
    before 0027, 100,000.00."""
    await asyncio.to_thread(upgrade, scratch_url)
    engine = make_engine(scratch_url, pool_size=2)
    try:
        await awarded_and_part_paid(make_sessionmaker(engine))
    finally:
        await engine.dispose()
    rated = await positions(scratch_url)
    assert [(row[0], [str(b) for b in row[1]], str(row[2])) for row in rated] == [
        (date(2024, 1, 10), ["1200000.0000"], "1200000.0000"),
        (date(2024, 6, 1), ["1200000.0000"], "1200000.0000"),
    ]
    await asyncio.to_thread(downgrade, scratch_url, "0027-1")
    before = await positions(scratch_url)
    assert [(str(row[1][0]), str(row[2])) for row in before] == [("100000.00", "100000.00")] * 2
    await asyncio.to_thread(upgrade, scratch_url)
    assert await positions(scratch_url) == rated
