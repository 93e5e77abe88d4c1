"""Today's unpaid-awards report, computed and stored in the background after each change."""

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.calendar import nairobi_today
from service.usecases.unpaid_refresh import LOCK, refresh_report
from tests.e2e.helpers import Client, pay
from tests.e2e.test_unpaid_report import two_awards

STORED = "SELECT key FROM unpaid_reports_stored"


async def test_computed_once_a_change_and_only_by_one_process(
    client: Client, engine: AsyncEngine
) -> None:
    today = nairobi_today(datetime.now(UTC))
    a, _ = await two_awards(client)
    assert await refresh_report(engine, today)
    assert not await refresh_report(engine, today)  # stored and current: nothing to do
    async with engine.connect() as db:
        assert (await db.execute(text(STORED))).scalars().all() == [
            f"{today.isoformat()} respondent judgment_year court_station ageing_since_judgment"
            " ageing_since_service"
        ]
    assert (await pay(client, a, "2023-01-02", "1000.00")).status_code == 201
    async with engine.connect() as other:  # another process at it: this one skips its turn
        await other.execute(text("SELECT pg_advisory_lock(:lock)"), {"lock": LOCK})
        assert not await refresh_report(engine, today)
        await other.execute(text("SELECT pg_advisory_unlock(:lock)"), {"lock": LOCK})
    assert await refresh_report(engine, today)
    report = await client.get("/reports/unpaid")
    assert report.json()["totals"]["paid"] == "101000.00"
