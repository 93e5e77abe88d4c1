"""The first unpaid-awards report of a day, read from the base the previous day's pass computed
for it and the changes since: the same, to the cent, as a report computed from every position.

Days are given, never read from the clock: the day that turns is the report's `as_of`.
"""

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.usecases.reports.unpaid_bases import compute_base
from service.usecases.reports.unpaid_refresh import refresh_report
from tests.e2e.helpers import Client, pay
from tests.e2e.test_unpaid_bases import agrees_with_statements, rows
from tests.e2e.test_unpaid_report import two_awards

BASES = "SELECT id, day FROM unpaid_bases ORDER BY day"


async def report(client: Client, day: date) -> dict[str, Any]:
    response = await client.get("/reports/unpaid", params={"as_of": day.isoformat()})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    "day",
    [
        date(2022, 1, 9),  # B is judged the next day
        date(2021, 5, 30),  # A, judged 2021-03-01, passes 90 days the next day
        date(2023, 6, 30),  # nothing but a day's interest
    ],
)
async def test_the_next_day_from_the_previous_base_equals_a_full_computation(
    client: Client, engine: AsyncEngine, day: date
) -> None:
    a, b = await two_awards(client)
    await compute_base(engine, day, ahead=True)  # the worker, on `day`
    [(_, computed), (ready, next_day)] = await rows(engine, BASES)
    assert (computed, next_day) == (day, day + timedelta(days=1))
    for when, amount in ((day, "1000.00"), (next_day, "2345.67")):  # either side of midnight
        assert (await pay(client, a, when.isoformat(), amount)).status_code == 201

    first = await report(client, next_day)
    assert (ready, next_day) in await rows(engine, BASES), "not computed again"
    async with engine.begin() as db:
        await db.execute(text("DELETE FROM unpaid_bases"))
    assert await report(client, next_day) == first, "as computed from every position"
    await agrees_with_statements(client, [a, b], next_day.isoformat())


async def test_the_worker_computes_tomorrows_base_on_the_first_turn_of_a_day(
    client: Client, engine: AsyncEngine
) -> None:
    await two_awards(client)
    day = date(2023, 6, 30)
    assert await refresh_report(engine, day)
    assert not await refresh_report(engine, day)
    assert await refresh_report(engine, day + timedelta(days=1)), "a new day: one more ahead"
    days = [found for _, found in await rows(engine, BASES)]
    assert days == [day + timedelta(days=n) for n in (0, 1, 2)]
