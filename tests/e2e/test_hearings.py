"""The court calendar through the API: dates set, moved, held, adjourned and vacated, with
their reminders following, and the cause list for the team meeting."""

import asyncio
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.calendar import NAIROBI
from domain.hearings import Hearing
from domain.reminders import Reminder
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case, reserved


def nairobi_at(days: int, hour: int = 9, minute: int = 0) -> str:
    """An ISO time `days` from today in Nairobi, at a Nairobi clock time."""
    day = datetime.now(NAIROBI).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=NAIROBI).isoformat()


async def set_hearing(client: Client, case: dict[str, Any], **body: Any) -> dict[str, Any]:
    response = await client.post(
        f"/cases/{case['id']}/hearings", json={"purpose": "mention", **body}
    )
    assert response.status_code == 201, response.text
    hearing: dict[str, Any] = response.json()
    return hearing


async def reminders(client: Client, hearing: dict[str, Any]) -> list[tuple[str, str, str]]:
    detail = (await client.get(f"/hearings/{hearing['id']}")).json()
    return [(r["rule"], r["due_at"], r["status"]) for r in detail["reminders"]]


async def counts(engine: AsyncEngine) -> tuple[int, int]:
    async with engine.connect() as connection:
        hearings = (await connection.execute(select(func.count()).select_from(Hearing))).one()
        due = (await connection.execute(select(func.count()).select_from(Reminder))).one()
    return hearings[0], due[0]


async def test_a_date_set_gets_its_reminders_and_they_move_with_it(client: Client) -> None:
    case = await open_case(client)
    hearing = await set_hearing(
        client, case, starts_at=nairobi_at(20), court_room="Court 4", station="nyeri"
    )
    assert hearing["starts_at"].endswith("+03:00") and hearing["station"] == "Nyeri"
    assert [(rule, status) for rule, _, status in await reminders(client, hearing)] == [
        ("7 days before", "pending"),
        ("1 day before", "pending"),
        ("on the day at 07:00", "pending"),
    ]
    moved = await client.post(
        f"/hearings/{hearing['id']}/reschedule",
        json={"version": 1, "starts_at": nairobi_at(30, 14, 30), "reason": "judge on leave"},
    )
    assert moved.status_code == 201, moved.text
    assert moved.json()["sequence"] == 1 and moved.json()["court_room"] == "Court 4"
    after = await reminders(client, hearing)
    assert [status for *_, status in after].count("cancelled") == 3
    pending = [(rule, due) for rule, due, status in after if status == "pending"]
    assert pending == [
        ("7 days before", nairobi_at(23, 14, 30)),
        ("1 day before", nairobi_at(29, 14, 30)),
        ("on the day at 07:00", nairobi_at(30, 7, 0)),
    ]


async def test_vacating_cancels_reminders_and_a_vacated_date_cannot_be_adjourned(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    hearing = await set_hearing(client, case, starts_at=nairobi_at(10))
    vacated = await client.post(
        f"/hearings/{hearing['id']}/vacate", json={"version": 1, "reason": "parties to settle"}
    )
    assert vacated.json()["status"] == "vacated" and vacated.json()["sequence"] == 1
    assert {status for *_, status in await reminders(client, hearing)} == {"cancelled"}
    before = await counts(engine)
    refused = await client.post(
        f"/hearings/{hearing['id']}/adjourn",
        json={"version": 2, "reason": "x", "next_starts_at": nairobi_at(40)},
    )
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "This court date is already marked Vacated: it can no longer be changed."
    )
    assert await counts(engine) == before


async def test_adjournments_form_a_chain_the_case_page_shows(client: Client) -> None:
    case = await open_case(client)
    first = await set_hearing(
        client, case, starts_at=nairobi_at(-20), purpose="hearing", recorded_after_the_fact=True
    )
    assert await reminders(client, first) == [], "no reminders for a date already past"
    adjourned = await client.post(
        f"/hearings/{first['id']}/adjourn",
        json={
            "version": 1,
            "reason": "the State counsel sought time to file a replying affidavit",
            "next_starts_at": nairobi_at(-6),
            "recorded_after_the_fact": True,
        },
    )
    assert adjourned.status_code == 201, adjourned.text
    second = adjourned.json()["next"]
    again = await client.post(
        f"/hearings/{second['id']}/adjourn",
        json={"version": 1, "reason": "the court did not sit", "next_starts_at": nairobi_at(15)},
    )
    assert again.status_code == 201, again.text
    chain = (await client.get(f"/cases/{case['id']}/hearings")).json()
    assert [(h["status"], h["adjournments_before"]) for h in chain] == [
        ("adjourned", 0),
        ("adjourned", 1),
        ("scheduled", 2),
    ]
    assert chain[0]["adjourned_to"] == chain[1]["id"]
    assert chain[1]["adjourned_from"] == chain[0]["id"]
    assert chain[1]["adjourned_to"] == chain[2]["id"]
    assert chain[2]["purpose"] == "hearing" and chain[0]["outcome"].startswith("the State")


async def test_judgment_delivered_at_a_hearing_moves_the_case_in_the_same_step(
    client: Client,
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
            "outcome": "judgment delivered: petition allowed",
            "case_step": {
                "trigger": "deliver_judgment",
                "version": case["version"],
                "outcome": "allowed",
            },
        },
    )
    assert held.status_code == 201, held.text
    body = held.json()
    assert body["case_stage"] == "judgment" and body["hearing"]["status"] == "held"
    assert body["case_event"]["occurred_on"] == nairobi_at(-2)[:10]
    assert (await client.get(f"/cases/{case['id']}")).json()["judgment_on"] == nairobi_at(-2)[:10]


async def test_a_refused_step_at_a_hearing_leaves_the_hearing_as_it_was(client: Client) -> None:
    case = await open_case(client)
    hearing = await set_hearing(
        client, case, starts_at=nairobi_at(-1), recorded_after_the_fact=True
    )
    refused = await client.post(
        f"/hearings/{hearing['id']}/held",
        json={
            "version": 1,
            "outcome": "judgment delivered",
            "case_step": {"trigger": "deliver_judgment", "version": 1, "outcome": "allowed"},
        },
    )
    assert refused.status_code == 409 and refused.json()["stage"] == "intake"
    again = (await client.get(f"/hearings/{hearing['id']}")).json()["hearing"]
    assert (again["status"], again["version"], again["outcome"]) == ("scheduled", 1, None)


async def test_the_cause_list_is_sorted_filtered_and_only_the_lawyers_own(
    client: Client, accounts: dict[str, Account]
) -> None:
    mine = await open_case(client, lead_counsel="Achieng Odhiambo")
    await set_hearing(client, mine, starts_at=nairobi_at(3, 14), station="Kisumu")
    await set_hearing(client, mine, starts_at=nairobi_at(1, 9))
    await set_hearing(client, mine, starts_at=nairobi_at(12))
    admin = accounts["admin"].headers
    other = await client.post(
        "/cases",
        headers=admin,
        json={
            "reference": "HAKI/LIT/2021/002",
            "title": "J.K. v Attorney General",
            "kind": "civil_claim",
            "court_level": "high_court",
            "court_station": "Mombasa",
            "lead_counsel": "Fatuma Said",
            "claimants": [mine["claimants"][0]],
            "respondents": ["Attorney General"],
        },
    )
    theirs = other.json()
    response = await client.post(
        f"/cases/{theirs['id']}/hearings",
        headers=admin,
        json={"starts_at": nairobi_at(2), "purpose": "mention"},
    )
    assert response.status_code == 201, response.text

    week = (await client.get("/hearings")).json()
    assert [(h["case_reference"], h["starts_at"]) for h in week] == [
        ("HAKI/LIT/2021/001", nairobi_at(1, 9)),
        ("HAKI/LIT/2021/001", nairobi_at(3, 14)),
    ], "the lawyer's week: sorted, her case only, nothing beyond six days"
    everyone = (await client.get("/hearings", headers=admin)).json()
    assert [h["station"] for h in everyone] == ["Nairobi (Milimani)", "Mombasa", "Kisumu"]
    by_counsel = await client.get("/hearings", params={"counsel": "fatuma"}, headers=admin)
    assert [h["case_reference"] for h in by_counsel.json()] == ["HAKI/LIT/2021/002"]
    in_kisumu = await client.get(
        "/hearings",
        params={"station": "kisumu", "from": str(date.today()), "to": nairobi_at(20)[:10]},
        headers=admin,
    )
    assert [h["station"] for h in in_kisumu.json()] == ["Kisumu"]


async def test_bad_dates_and_places_are_refused_and_nothing_is_written(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    url = f"/cases/{case['id']}/hearings"
    before = await counts(engine)
    cases = [
        ({"starts_at": nairobi_at(-3)}, 422, "the date has passed"),
        ({"starts_at": nairobi_at(3), "recorded_after_the_fact": True}, 422, "in the future"),
        ({"starts_at": nairobi_at(3, 10), "ends_at": nairobi_at(3, 9)}, 422, "after its start"),
        ({"starts_at": nairobi_at(3), "station": "Atlantis"}, 422, "not a court station"),
        ({"starts_at": "2091-01-01T09:00:00"}, 422, "five years"),
        ({"starts_at": "tomorrow"}, 400, "starts_at"),
        ({"starts_at": nairobi_at(3), "purpose": "party"}, 400, "purpose"),
    ]
    for body, status, words in cases:
        response = await client.post(url, json={"purpose": "mention", **body})
        assert response.status_code == status, (body, response.text)
        assert words in response.text, (body, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    for params in (
        {"from": "2026-05-01", "to": "2026-04-01"},
        {"from": "0001-01-01"},
        {"from": "9999-12-31"},
        {"from": "2026-01-01", "to": "2027-06-01"},
    ):
        listing = await client.get("/hearings", params=params)
        assert listing.status_code == 422, (params, listing.text)
    odd_name = await client.get("/hearings", params={"counsel": "50% of O\\"})
    assert odd_name.status_code == 200 and odd_name.json() == []
    assert await counts(engine) == before


async def test_a_future_hearing_cannot_be_recorded_as_held_or_adjourned(client: Client) -> None:
    case = await open_case(client)
    hearing = await set_hearing(client, case, starts_at=nairobi_at(4))
    held = await client.post(
        f"/hearings/{hearing['id']}/held", json={"version": 1, "outcome": "directions"}
    )
    assert held.status_code == 409 and "from that day, not before" in held.json()["detail"]


async def test_two_people_moving_one_date_at_once_one_wins_the_other_reloads(
    client: Client,
) -> None:
    case = await open_case(client)
    hearing = await set_hearing(client, case, starts_at=nairobi_at(9))
    answers = await asyncio.gather(
        *(
            client.post(
                f"/hearings/{hearing['id']}/reschedule",
                json={"version": 1, "starts_at": nairobi_at(days), "reason": "moved"},
            )
            for days in (11, 12)
        )
    )
    assert sorted(a.status_code for a in answers) == [201, 409]
    loser = next(a for a in answers if a.status_code == 409).json()
    assert loser["current_version"] == 2
    detail = (await client.get(f"/hearings/{hearing['id']}")).json()
    assert [r["status"] for r in detail["reminders"]].count("pending") == 3


async def test_reminder_rules_are_the_administrators_to_change(
    client: Client, accounts: dict[str, Account]
) -> None:
    admin = accounts["admin"].headers
    rules = [
        {"audience": "team", "days_before": 2, "at": "08:00", "purpose": None},
        {"audience": "family", "days_before": 1, "at": "10:00", "purpose": "ruling_delivery"},
    ]
    assert (await client.put("/reminder-rules", json=rules, headers=admin)).status_code == 200
    assert (await client.get("/reminder-rules")).json() == rules
    assert (await client.put("/reminder-rules", json=rules)).status_code == 403
    case = await open_case(client)
    hearing = await set_hearing(client, case, starts_at=nairobi_at(10), purpose="ruling_delivery")
    assert [rule for rule, *_ in await reminders(client, hearing)] == [
        "2 days before at 08:00",
        "1 day before at 10:00",
    ]
