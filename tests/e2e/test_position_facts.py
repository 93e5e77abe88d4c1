"""The award's facts on its positions, kept in step by every writer in its own transaction."""

import asyncio
import uuid
from collections.abc import Coroutine
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from domain.awards import Award
from domain.cases import Case, Survivor
from service.database import make_sessionmaker
from service.usecases.awards.compensation import locked_award
from service.usecases.awards.positions import refresh_positions
from tests.e2e.helpers import Client, award_on, chase, judged, pay
from tests.e2e.test_unpaid_report import two_awards
from tests.factories import RULES

DRIFT = """
SELECT count(*) FROM award_positions p
JOIN awards a ON a.id = p.award_id JOIN cases c ON c.id = a.case_id
WHERE (p.survivor_id, p.respondent, p.judgment_on, p.served_on, p.rate_percent,
       p.court_station, p.closed_on, p.survivor_awards)
      IS DISTINCT FROM
      (a.survivor_id, a.respondent, a.judgment_on, a.served_on, a.rate_percent,
       c.court_station, CASE WHEN a.stage IN ('set_aside', 'written_off') THEN a.stage_since END,
       (SELECT count(*) FROM awards o WHERE o.survivor_id = a.survivor_id))
"""
FACTS = """
SELECT DISTINCT served_on, closed_on, court_station, survivor_awards,
       count(*) OVER () AS positions
FROM award_positions WHERE award_id = :award
"""


async def facts(engine: AsyncEngine, award: dict[str, Any]) -> tuple[Any, ...]:
    """The award's positions' (served_on, closed_on, court_station, survivor_awards, how many),
    after checking
    that no position anywhere differs from its award and case."""
    async with engine.connect() as db:
        assert (await db.execute(text(DRIFT))).scalar_one() == 0
        rows = (await db.execute(text(FACTS), {"award": award["id"]})).all()
    assert len(rows) == 1, rows  # every position of the award carries the same facts
    return tuple(rows[0])


async def move_case(engine: AsyncEngine, case_id: str, station: str) -> None:
    """A case edit as any writer would make it, through the ORM, with no word of positions."""
    async with make_sessionmaker(engine)() as session, session.begin():
        case = (await session.exec(select(Case).where(col(Case.id) == case_id))).one()
        case.court_station = station


async def second_award(client: Client, award: dict[str, Any], **overrides: Any) -> None:
    """Another award to `award`'s survivor, in another case judged on 2022-06-01."""
    claimants = (await client.get(f"/cases/{award['case_id']}")).json()["claimants"]
    again = await judged(
        client,
        on="2022-06-01",
        claimants=claimants,
        reference="HAKI/LIT/2022/009",
        court_number="Petition E99 of 2021",
    )
    await award_on(client, again, **overrides)


async def test_every_writer_keeps_the_facts_on_the_positions(
    client: Client, engine: AsyncEngine
) -> None:
    a, b = await two_awards(client)  # A: served, paid once; B: never served
    milimani = "Nairobi (Milimani)"
    assert await facts(engine, a) == (date(2021, 4, 1), None, milimani, 1, 2)
    assert await facts(engine, b) == (None, None, "Mombasa", 1, 1)
    await chase(client, b, ("extract_decree", "2022-01-20"), ("issue_certificate", "2022-02-01"))
    await chase(client, b, ("serve_on_ag", "2022-02-10"))
    assert await facts(engine, b) == (date(2022, 2, 10), None, "Mombasa", 1, 1)
    paid = await pay(client, b, "2022-06-01", "1000.00")
    assert await facts(engine, b) == (date(2022, 2, 10), None, "Mombasa", 1, 2)
    reversal = await client.post(
        f"/awards/{b['id']}/payments/{paid.json()['id']}/reversal",
        json={"reversed_on": "2022-06-20", "reason": "cheque returned unpaid"},
    )
    assert reversal.status_code == 201, reversal.text
    assert await facts(engine, b) == (date(2022, 2, 10), None, "Mombasa", 1, 1)
    costs = await client.post(
        f"/awards/{a['id']}/costs",
        json={"amount": "45678.91", "taxed_on": "2022-05-05", "certificate_ref": "CoC 1/2022"},
    )
    assert costs.status_code == 201, costs.text
    assert await facts(engine, a) == (date(2021, 4, 1), None, milimani, 1, 2)
    b["version"] = (await client.get(f"/awards/{b['id']}")).json()["version"]
    await chase(client, b, ("set_aside", "2022-09-09"))
    assert await facts(engine, b) == (date(2022, 2, 10), date(2022, 9, 9), "Mombasa", 1, 1)
    case_id = (await client.get(f"/awards/{a['id']}")).json()["case_id"]
    await move_case(engine, case_id, "Kisumu")
    assert await facts(engine, a) == (date(2021, 4, 1), None, "Kisumu", 1, 2)
    await second_award(client, a)
    assert await facts(engine, a) == (date(2021, 4, 1), None, "Kisumu", 2, 2)


async def change_while_positions_written(
    engine: AsyncEngine, award: dict[str, Any], change: Coroutine[Any, Any, None]
) -> None:
    """`change` made, in a transaction of its own, while the award's positions are being
    rewritten (as by any ledger write, the award locked) and not yet committed; they are
    committed a second later, long enough for a change that did not wait for them. Run here,
    in this event loop: the test client would block it."""
    async with make_sessionmaker(engine)() as writing, writing.begin():
        locked = await locked_award(writing, uuid.UUID(award["id"]))
        await refresh_positions(writing, locked, RULES.allocation)
        await writing.flush()
        changing = asyncio.create_task(change)
        await asyncio.wait({changing}, timeout=1.0)
    await changing


async def add_award(engine: AsyncEngine, like: dict[str, Any]) -> None:
    """Another award to the same survivor, locked first as record_award locks it."""
    async with make_sessionmaker(engine)() as session, session.begin():
        award = await session.get(Award, uuid.UUID(like["id"]))
        assert award is not None
        await session.exec(
            select(Survivor).where(col(Survivor.id) == award.survivor_id).with_for_update()
        )
        session.add(
            Award(
                case_id=award.case_id,
                survivor_id=award.survivor_id,
                respondent="Inspector General",
                judgment_on=award.judgment_on,
                rate_percent=award.rate_percent,
                rate_as_ordered=award.rate_as_ordered,
                stage_since=award.judgment_on,
            )
        )


async def test_a_case_edit_while_positions_are_written_reaches_them(
    client: Client, engine: AsyncEngine
) -> None:
    a, _ = await two_awards(client)
    case_id = (await client.get(f"/awards/{a['id']}")).json()["case_id"]
    await change_while_positions_written(engine, a, move_case(engine, case_id, "Kisumu"))
    assert await facts(engine, a) == (date(2021, 4, 1), None, "Kisumu", 1, 2)


async def test_an_award_added_while_positions_are_written_is_counted(
    client: Client, engine: AsyncEngine
) -> None:
    a, _ = await two_awards(client)
    await change_while_positions_written(engine, a, add_award(engine, a))
    assert await facts(engine, a) == (date(2021, 4, 1), None, "Nairobi (Milimani)", 2, 2)
