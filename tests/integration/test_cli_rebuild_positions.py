"""`haki rebuild-positions`, as an operator runs it after changing HAKI_PAYMENT_ALLOCATION: the
positions, and so the reports, follow the new allocation; changing back restores them."""

import asyncio
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.cli import main
from tests.e2e.helpers import Client
from tests.e2e.test_unpaid_report import two_awards

POSITIONS = """
SELECT valid_from, principal, unpaid_interest, paid_to_interest, paid_to_principal,
       bearing_sum, bearing_day_sum
FROM award_positions WHERE award_id = :award ORDER BY valid_from
"""


async def positions(engine: AsyncEngine, award: dict[str, Any]) -> list[tuple[Any, ...]]:
    async with engine.connect() as db:
        return [tuple(row) for row in await db.execute(text(POSITIONS), {"award": award["id"]})]


async def rebuild(monkeypatch: pytest.MonkeyPatch, database_url: str, allocation: str) -> str:
    """The command in a thread of its own, as it runs its own event loop."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("HAKI_PAYMENT_ALLOCATION", allocation)
    result = await asyncio.to_thread(CliRunner().invoke, main, ["rebuild-positions"])
    assert result.exit_code == 0, result.output
    return result.output


async def test_rebuilt_positions_follow_the_allocation(
    client: Client, engine: AsyncEngine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = await two_awards(client)  # A: KES 1,000,000 from 2021-03-01; 100,000 paid 2021-09-01
    as_written = await positions(engine, a)
    before = await client.get("/reports/unpaid", params={"as_of": "2022-03-01"})
    assert before.json()["totals"]["outstanding_principal"] == "1460493.15"  # interest first

    output = await rebuild(monkeypatch, database_url, "principal_first")
    assert output.strip() == "positions of 2 awards rewritten (principal_first)"
    paid = (await positions(engine, a))[1]
    assert [str(figure) for figure in paid[1:5]] == ["900000.00", "60493.15", "0.00", "100000.00"]
    after = await client.get("/reports/unpaid", params={"as_of": "2022-03-01"})
    assert after.json()["totals"]["outstanding_principal"] == "1400000.00"

    await rebuild(monkeypatch, database_url, "interest_first")
    assert await positions(engine, a) == as_written
