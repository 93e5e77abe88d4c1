"""Family news queued with the step that causes it: a judgment, an appeal determined, a payment."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from domain.outbox import Notification
from tests.e2e.helpers import (
    SERVED,
    Client,
    award_on,
    chase,
    judged,
    open_case,
    pay,
    reserved,
    step,
    through_court,
)
from tests.e2e.test_hearings import nairobi_at, set_hearing


async def queued(engine: AsyncEngine, kind: str) -> list[Notification]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(Notification).where(col(Notification.kind) == kind).order_by(Notification.id)
        )
        return [Notification.model_validate(row._mapping) for row in rows]


def news(notification: Notification) -> dict[str, Any]:
    return {
        "dedup_key": notification.dedup_key,
        "audience": notification.audience,
        "case_id": str(notification.case_id),
        "payload": notification.payload,
    }


async def test_delivering_judgment_queues_one_message_to_the_family(
    client: Client, engine: AsyncEngine
) -> None:
    case = await judged(client, on="2021-03-01")
    events = (await client.get(f"/cases/{case['id']}/events")).json()["items"]
    judgment = next(e for e in events if e["trigger"] == "deliver_judgment")
    assert [news(n) for n in await queued(engine, "judgment_delivered")] == [
        {
            "dedup_key": f"case-event:{judgment['id']}:judgment_delivered",
            "audience": "family",
            "case_id": case["id"],
            "payload": {"outcome": "allowed", "occurred_on": "2021-03-01"},
        }
    ]


async def test_a_refused_or_replayed_judgment_queues_nothing_more(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client, court_number="Petition E31 of 2020")
    too_early = await step(client, case, "deliver_judgment", occurred_on="2021-03-01")
    assert too_early.status_code == 409, too_early.text
    await through_court(client, case)
    no_outcome = await step(client, case, "deliver_judgment", occurred_on="2021-03-01")
    assert no_outcome.status_code == 422, no_outcome.text
    assert await queued(engine, "judgment_delivered") == []

    body = {
        "trigger": "deliver_judgment",
        "version": case["version"],
        "occurred_on": "2021-03-01",
        "outcome": "allowed",
    }
    first = await client.post(f"/cases/{case['id']}/transitions", json=body)
    replay = await client.post(f"/cases/{case['id']}/transitions", json=body)
    assert (first.status_code, replay.status_code) == (201, 409)
    assert len(await queued(engine, "judgment_delivered")) == 1


async def test_judgment_at_a_hearing_and_an_appeal_determined_each_tell_the_family(
    client: Client, engine: AsyncEngine
) -> None:
    case = await reserved(client)
    hearing = await set_hearing(
        client,
        case,
        starts_at=nairobi_at(-2, 11),
        purpose="judgment_delivery",
        recorded_after_the_fact=True,
    )
    held = await client.post(
        f"/hearings/{hearing['id']}/held",
        json={
            "version": 1,
            "outcome": "judgment delivered",
            "case_step": {
                "trigger": "deliver_judgment",
                "version": case["version"],
                "outcome": "dismissed",
            },
        },
    )
    assert held.status_code == 201, held.text
    case["version"] = (await client.get(f"/cases/{case['id']}")).json()["version"]
    appealed = await step(client, case, "appeal", stay_of_execution=False)
    assert appealed.status_code == 201, appealed.text
    determined = await step(
        client, case, "determine_appeal", occurred_on=nairobi_at(0)[:10], outcome="partly_allowed"
    )
    assert determined.status_code == 201, determined.text

    payloads = [n.payload for n in await queued(engine, "judgment_delivered")]
    assert payloads == [
        {"outcome": "dismissed", "occurred_on": nairobi_at(-2)[:10]},
        {"outcome": "partly_allowed", "occurred_on": nairobi_at(0)[:10]},
    ]


async def test_a_payment_received_queues_one_message_and_a_refused_one_none(
    client: Client, engine: AsyncEngine
) -> None:
    award = await award_on(client, await judged(client))
    await chase(client, award, *SERVED)
    overpaid = await pay(client, award, "2021-12-31", "99000000.00")
    assert overpaid.status_code == 422, overpaid.text
    assert await queued(engine, "payment_received") == []

    paid = await pay(client, award, "2021-12-31", "200000.00")
    assert paid.status_code == 201, paid.text
    again = await pay(client, award, "2022-01-31", "1000")
    assert again.status_code == 201, again.text
    assert [news(n) for n in await queued(engine, "payment_received")] == [
        {
            "dedup_key": f"payment:{entry.json()['id']}",
            "audience": "family",
            "case_id": award["case_id"],
            "payload": {"amount": amount, "received_on": on},
        }
        for entry, amount, on in (
            (paid, "200000.00", "2021-12-31"),
            (again, "1000.00", "2022-01-31"),
        )
    ]
