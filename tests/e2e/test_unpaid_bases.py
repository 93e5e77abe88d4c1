"""The unpaid-awards report read from a day's base and the changes since: every change counted,
whoever makes it and whenever it commits; the base computed again only when needed."""

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from domain.cases import Case
from service.database import make_sessionmaker
from service.usecases.reports import unpaid
from service.usecases.reports.unpaid import Breakdown, unpaid_awards
from service.usecases.reports.unpaid_bases import KEPT, compute_base
from tests.e2e.helpers import Client, chase, pay
from tests.e2e.test_position_facts import move_case, second_award
from tests.e2e.test_unpaid_report import MONEY, statements_total, two_awards

BASES = "SELECT id, day FROM unpaid_bases ORDER BY day"
CHANGES = "SELECT count(*) FROM award_position_changes"
SEEN_BY_ALL = """
SELECT count(*) FROM award_position_changes
WHERE xid < (SELECT min(pg_snapshot_xmin(CAST(snapshot AS pg_snapshot)))::text::bigint
             FROM unpaid_bases)
"""
"""changes older than every transaction any base's snapshot saw running (on a quiet server, all
changes before the bases: other databases' transactions hold the horizon back)"""


async def totals_twice(client: Client, as_of: str) -> dict[str, Any]:
    """The report's totals, with the base computed and then read again: the same, or the test
    fails."""
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


async def rows(engine: AsyncEngine, query: str) -> list[Any]:
    async with engine.connect() as db:
        return list((await db.execute(text(query))).all())


async def test_the_base_is_read_and_changes_added_to_it(
    client: Client, engine: AsyncEngine
) -> None:
    a, b = await two_awards(client)
    await agrees_with_statements(client, [a, b], "2022-03-01")
    async with engine.begin() as db:  # what only the base says
        await db.execute(
            text("UPDATE unpaid_base_cells SET awards = awards + 97 WHERE breakdown = 'totals'")
        )
    assert (await totals_twice(client, "2022-03-01"))["awards"] == 99
    before = await totals_twice(client, "2022-03-01")
    assert (await pay(client, b, "2022-02-01", "1000.00")).status_code == 201
    after = await totals_twice(client, "2022-03-01")
    assert after["awards"] == 99, "a payment is added to the base, not computed afresh"
    assert Decimal(after["paid"]) - Decimal(before["paid"]) == 1000
    async with engine.begin() as db:
        await db.execute(text("DELETE FROM unpaid_bases"))
    await agrees_with_statements(client, [a, b], "2022-03-01")


async def test_reports_follow_every_change(client: Client, engine: AsyncEngine) -> None:
    """A payment, a reversal, an award's transitions and a case edit, each after the base of
    the same day was computed."""
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
    assert [day for _, day in await rows(engine, BASES)] == [date(2023, 6, 30)]


async def test_a_transaction_reads_its_own_changes_on_the_base(
    client: Client, engine: AsyncEngine
) -> None:
    a, _ = await two_awards(client)
    await totals_twice(client, "2022-03-01")
    async with make_sessionmaker(engine)() as session, session.begin():
        case_id = (await client.get(f"/awards/{a['id']}")).json()["case_id"]
        case = (await session.exec(select(Case).where(col(Case.id) == case_id))).one()
        case.court_station = "Nyeri"
        await session.flush()
        report = await unpaid_awards(session, date(2022, 3, 1))
        stations = [row["court_station"] for row in report.breakdowns[Breakdown.COURT_STATION]]
        assert stations == ["Mombasa", "Nyeri"]
        await session.rollback()
    body = (await client.get("/reports/unpaid", params={"as_of": "2022-03-01"})).json()
    assert [r["court_station"] for r in body["breakdowns"]["court_station"]] == [
        "Mombasa",
        "Nairobi (Milimani)",
    ]


async def test_a_change_committed_while_the_base_is_computed_is_counted(
    client: Client, engine: AsyncEngine
) -> None:
    """The base cannot see a change still uncommitted when it reads the positions; the change,
    committed after, is added to it when read."""
    a, _ = await two_awards(client)
    case_id = (await client.get(f"/awards/{a['id']}")).json()["case_id"]
    async with make_sessionmaker(engine)() as session, session.begin():
        case = (await session.exec(select(Case).where(col(Case.id) == case_id))).one()
        case.court_station = "Nyeri"
        await session.flush()
        await compute_base(engine, date(2022, 3, 1))
    body = (await client.get("/reports/unpaid", params={"as_of": "2022-03-01"})).json()
    assert [r["court_station"] for r in body["breakdowns"]["court_station"]] == [
        "Mombasa",
        "Nyeri",
    ]


async def test_a_survivor_with_awards_in_two_cells_is_one_survivor(
    client: Client, engine: AsyncEngine
) -> None:
    """A's survivor, counted alone in the base, wins a second award against another
    respondent after it: one survivor in each respondent's row, still two in all, and two in
    the merged row of small cells."""
    a, _ = await two_awards(client)
    day = "2023-06-30"
    assert (await totals_twice(client, day))["survivors"] == 2
    await second_award(client, a, respondent="Inspector General")
    body = (await client.get("/reports/unpaid", params={"as_of": day})).json()
    assert (body["totals"]["awards"], body["totals"]["survivors"]) == (3, 2)
    assert [(r["respondent"], r["survivors"]) for r in body["breakdowns"]["respondent"]] == [
        ("Attorney General", 1),
        ("Inspector General", 1),
        ("National Police Service", 1),
    ]
    merged = await client.get(
        "/reports/unpaid", params={"as_of": day, "breakdown": "respondent", "format": "csv"}
    )
    table = list(csv.DictReader(io.StringIO(merged.text)))
    assert [(r["respondent"], r["awards"], r["survivors"]) for r in table] == [
        ("other (fewer than 3 survivors)", "3", "2")
    ]
    assert len(await rows(engine, BASES)) == 1, "read from the same base"


async def test_a_base_too_far_behind_is_computed_again(
    client: Client, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = await two_awards(client)
    await agrees_with_statements(client, [a, b], "2022-03-01")
    [(first, _)] = await rows(engine, BASES)
    monkeypatch.setattr(unpaid, "STALE", 0)
    assert (await pay(client, b, "2022-02-01", "1000.00")).status_code == 201
    await agrees_with_statements(client, [a, b], "2022-03-01")
    [(second, _)] = await rows(engine, BASES)
    assert second != first


async def test_changes_every_base_has_seen_are_pruned_and_few_bases_kept(
    client: Client, engine: AsyncEngine
) -> None:
    a, _ = await two_awards(client)
    assert (await rows(engine, CHANGES))[0][0] > 0  # the awards' positions, as written
    days = [date(2022, 1, day) for day in range(1, KEPT + 3)]
    for day in days:
        await compute_base(engine, day)
    assert (await rows(engine, SEEN_BY_ALL))[0][0] == 0
    assert [day for _, day in await rows(engine, BASES)] == days[-KEPT:]
    assert (await pay(client, a, "2022-01-05", "1000.00")).status_code == 201
    assert (await rows(engine, CHANGES))[0][0] > 0
