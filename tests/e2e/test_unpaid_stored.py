"""The award's facts on its positions, kept in step by every writer in its own transaction, and
the stored unpaid-awards report: used while no position has changed, never once one has."""

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
from service.usecases.compensation import locked_award
from service.usecases.positions import refresh_positions
from service.usecases.unpaid import Breakdown, unpaid_awards
from tests.e2e.helpers import Client, award_on, chase, judged, pay
from tests.e2e.test_unpaid_report import MONEY, statements_total, two_awards
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
    claimants = (await client.get(f"/cases/{case_id}")).json()["claimants"]
    again = await judged(
        client,
        on="2022-06-01",
        claimants=claimants,
        reference="HAKI/LIT/2022/009",
        court_number="Petition E99 of 2021",
    )
    await award_on(client, again)  # a second award to A's survivor, in another case
    assert await facts(engine, a) == (date(2021, 4, 1), None, "Kisumu", 2, 2)


async def totals_twice(client: Client, as_of: str) -> dict[str, Any]:
    """The report's totals, computed and then as stored: the same, or the test fails."""
    first, second = [
        (await client.get("/reports/unpaid", params={"as_of": as_of})).json() for _ in range(2)
    ]
    assert first == second
    totals: dict[str, Any] = first["totals"]
    return totals


async def agrees_with_statements(client: Client, awards: list[dict[str, Any]], as_of: str) -> None:
    got = await totals_twice(client, as_of)
    expected = await statements_total(client, awards, as_of)
    assert {k: got[k] for k in ("awards", *MONEY)} == {
        k: v if k == "awards" else f"{v:.2f}" for k, v in expected.items()
    }, as_of


async def test_a_stored_report_is_used_until_a_position_changes(
    client: Client, engine: AsyncEngine
) -> None:
    a, b = await two_awards(client)
    await agrees_with_statements(client, [a, b], "2022-03-01")
    async with engine.begin() as db:  # what only the stored copy says
        await db.execute(
            text(
                "UPDATE unpaid_reports_stored SET figures = jsonb_set(figures, '{0,awards}', '99')"
            )
        )
    assert (await totals_twice(client, "2022-03-01"))["awards"] == 99
    assert (await pay(client, b, "2022-02-01", "1000.00")).status_code == 201
    await agrees_with_statements(client, [a, b], "2022-03-01")


async def test_stored_reports_follow_every_change(client: Client, engine: AsyncEngine) -> None:
    """A payment, a reversal, an award's transitions and a case edit, each after the report
    on the same day was stored."""
    a, b = await two_awards(client)
    day = "2023-06-30"

    async def station_rows() -> list[tuple[str, int]]:
        body = (await client.get("/reports/unpaid", params={"as_of": day})).json()
        return [(r["court_station"], r["awards"]) for r in body["breakdowns"]["court_station"]]

    await agrees_with_statements(client, [a, b], day)
    paid = await pay(client, a, "2022-01-05", "200000.00")
    await agrees_with_statements(client, [a, b], day)
    reversal = await client.post(
        f"/awards/{a['id']}/payments/{paid.json()['id']}/reversal",
        json={"reversed_on": "2022-02-01", "reason": "paid to the wrong award"},
    )
    assert reversal.status_code == 201, reversal.text
    await agrees_with_statements(client, [a, b], day)
    assert await station_rows() == [("Mombasa", 1), ("Nairobi (Milimani)", 1)]
    case_id = (await client.get(f"/awards/{a['id']}")).json()["case_id"]
    await move_case(engine, case_id, "Kisumu")
    assert await station_rows() == [("Kisumu", 1), ("Mombasa", 1)]
    await chase(client, b, ("write_off", "2023-01-10"))
    await agrees_with_statements(client, [a], day)
    assert (await totals_twice(client, day))["awards"] == 1


async def test_a_transaction_that_changed_positions_never_reads_a_stored_report(
    client: Client, engine: AsyncEngine
) -> None:
    a, _ = await two_awards(client)
    await totals_twice(client, "2022-03-01")
    async with make_sessionmaker(engine)() as session, session.begin():
        case_id = (await client.get(f"/awards/{a['id']}")).json()["case_id"]
        case = (await session.exec(select(Case).where(col(Case.id) == case_id))).one()
        case.court_station = "Nyeri"
        await session.flush()
        report = await unpaid_awards(session, date(2022, 3, 1))  # as stored just above
        stations = [row["court_station"] for row in report.breakdowns[Breakdown.COURT_STATION]]
        assert stations == ["Mombasa", "Nyeri"]
        await session.rollback()
    body = (await client.get("/reports/unpaid", params={"as_of": "2022-03-01"})).json()
    assert [r["court_station"] for r in body["breakdowns"]["court_station"]] == [
        "Mombasa",
        "Nairobi (Milimani)",
    ]


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
