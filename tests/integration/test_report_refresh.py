"""Today's unpaid-awards base, computed in the background when a day starts and again when it
has fallen behind; one process at a time."""

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.calendar import nairobi_today
from service.usecases.reports import unpaid_refresh
from service.usecases.reports.unpaid_bases import LOCK
from service.usecases.reports.unpaid_refresh import refresh_report
from tests.e2e.helpers import Client, pay
from tests.e2e.test_unpaid_report import two_awards

BASE = "SELECT id FROM unpaid_bases WHERE day = :day"


async def test_computed_for_a_new_day_and_when_behind(
    client: Client, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = nairobi_today(datetime.now(UTC))
    a, _ = await two_awards(client)
    assert await refresh_report(engine, today)
    assert not await refresh_report(engine, today)  # there and current: nothing to do
    assert (await pay(client, a, "2023-01-02", "1000.00")).status_code == 201
    assert not await refresh_report(engine, today), "one change is added when read"
    monkeypatch.setattr(unpaid_refresh, "BEHIND", 0)
    assert await refresh_report(engine, today)
    report = await client.get("/reports/unpaid")
    assert report.json()["totals"]["paid"] == "101000.00"


async def test_one_process_computes_the_others_wait_and_find_it_done(
    client: Client, engine: AsyncEngine
) -> None:
    today = nairobi_today(datetime.now(UTC))
    await two_awards(client)
    async with engine.connect() as other:  # another process computing
        await other.execute(text("SELECT pg_advisory_lock(:lock)"), {"lock": LOCK})
        waiting = [asyncio.create_task(refresh_report(engine, today)) for _ in range(2)]
        await asyncio.sleep(0.5)
        assert not any(task.done() for task in waiting)
        await other.execute(text("SELECT pg_advisory_unlock(:lock)"), {"lock": LOCK})
    assert sorted(await asyncio.gather(*waiting)) == [False, True]
    async with engine.connect() as db:
        assert len((await db.execute(text(BASE), {"day": today})).all()) == 1
