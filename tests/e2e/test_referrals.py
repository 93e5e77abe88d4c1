"""Referrals through the API: made, accepted, attended, closed with an outcome; each move sets
the next follow-up and replaces the case's reminder on the clock; refusals write nothing."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.outbox import Notification
from domain.reminders import Reminder, ReminderStatus
from service.clock import hand_over_batch
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case


async def _partner(client: Client, admin: Account, kind: str = "psychosocial") -> str:
    body = {"name": f"Nairobi {kind} centre", "kind": kind, "county": "Nairobi City"}
    made = await client.post("/referral-partners", json=body, headers=admin.headers)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def _pending(engine: AsyncEngine) -> list[Any]:
    async with engine.connect() as db:
        rows = await db.execute(
            select(Reminder.kind, Reminder.due_at, Reminder.details).where(
                Reminder.status == ReminderStatus.PENDING, Reminder.kind == "referral_follow_up"
            )
        )
        return list(rows.all())


async def test_a_referral_from_made_to_closed_and_its_reminders(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    partner = await _partner(client, accounts["admin"])
    case = await open_case(client, "Wambui Referred")
    code = case["claimants"][0]
    referred = await client.post(
        f"/survivors/{code}/referrals",
        json={"partner_id": partner, "case_id": case["id"], "reason": "nightmares since May"},
    )
    assert referred.status_code == 201, referred.text
    r = referred.json()
    assert r["status"] == "made" and r["partner"]["kind"] == "psychosocial"
    made_on = date.fromisoformat(r["made_on"])
    assert r["follow_up_on"] == (made_on + timedelta(days=14)).isoformat()
    [(_, _, details)] = await _pending(engine)
    assert details == {"referral_id": r["id"], "kind": "psychosocial", "status": "made"}

    path = f"/referrals/{r['id']}/steps"
    accepted = await client.post(path, json={"step": "accept", "version": r["version"]})
    assert accepted.status_code == 201, accepted.text
    [(_, _, details)] = await _pending(engine)
    assert details["status"] == "accepted", "the reminder is replaced, not added to"
    stale = await client.post(path, json={"step": "attend", "version": r["version"]})
    assert stale.status_code == 409 and "reload" in stale.json()["detail"]
    version = accepted.json()["version"]
    no_outcome = await client.post(path, json={"step": "close", "version": version})
    assert no_outcome.status_code == 422 and "how the referral ended" in no_outcome.text
    future = (made_on + timedelta(days=400)).isoformat()
    later = await client.post(path, json={"step": "attend", "version": version, "on": future})
    assert later.status_code == 422
    closed = await client.post(
        path,
        json={"step": "close", "version": version, "outcome": "completed", "note": "12 sessions"},
    )
    assert closed.status_code == 201, closed.text
    assert closed.json()["follow_up_on"] is None and closed.json()["outcome"] == "completed"
    assert await _pending(engine) == []
    again = await client.post(path, json={"step": "accept", "version": closed.json()["version"]})
    assert again.status_code == 409 and "closed" in again.json()["detail"]
    listed = await client.get(f"/survivors/{code}/referrals")
    assert [x["status"] for x in listed.json()] == ["closed"]


async def test_the_clock_reminds_lead_counsel_and_others_cannot_refer(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    partner = await _partner(client, accounts["admin"], "medical")
    case = await open_case(client, "Kiprop Reminded")
    code = case["claimants"][0]
    other = await open_case(
        client, "Someone Else", reference="HAKI/LIT/2021/077", court_number="Petition E77 of 2021"
    )
    foreign = await client.post(
        f"/survivors/{code}/referrals", json={"partner_id": partner, "case_id": other["id"]}
    )
    assert foreign.status_code == 422 and "claimant" in foreign.json()["detail"]
    for who, status in (("other_lawyer", 404), ("advocacy", 403), ("viewer", 403)):
        answer = await client.post(
            f"/survivors/{code}/referrals",
            json={"partner_id": partner},
            headers=accounts[who].headers,
        )
        assert answer.status_code == status, who
    assert await _pending(engine) == []
    made = await client.post(
        f"/survivors/{code}/referrals", json={"partner_id": partner, "case_id": case["id"]}
    )
    assert made.status_code == 201
    [(_, due_at, _)] = await _pending(engine)
    await hand_over_batch(engine, now=due_at + timedelta(minutes=1))
    async with engine.connect() as db:
        sent = (
            await db.execute(
                select(Notification.kind).where(Notification.kind == "referral_follow_up")
            )
        ).all()
    assert len(sent) == 1
    assert due_at > datetime.now(UTC)
