"""Calendar feeds through HTTP: what a subscribed phone sees, and who else sees nothing."""

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from httpx import Response
from icalendar import Calendar, Event
from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from domain.audit import AuditEvent
from domain.base import utcnow
from domain.calendar import NAIROBI
from domain.hearings import CalendarFeed, Hearing, HearingPurpose
from service.database import make_sessionmaker
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case
from tests.factories import registered_case

COURT_NUMBER = "Petition E123 of 2021"


def days_ahead(days: int, hour: int = 9) -> datetime:
    """A Nairobi wall-clock time `days` from today, as a cause list would give it."""
    day = utcnow().astimezone(NAIROBI).date() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=NAIROBI)


async def hearing(engine: AsyncEngine, case_id: Any, starts_at: datetime, **facts: Any) -> Hearing:
    """Written directly: the feed reads rows, whichever use case wrote them."""
    row = Hearing(
        case_id=uuid.UUID(str(case_id)),
        starts_at=starts_at,
        station="Nyeri",
        court_room="Court 4",
        judicial_officer="Hon. Lady Justice A. Mrima",
        purpose=HearingPurpose.MENTION,
        **facts,
    )
    async with make_sessionmaker(engine)() as session, session.begin():
        session.add(row)
    return row


async def subscribe(client: Client, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = await client.post("/calendar/feed", headers=headers)
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


async def fetch(client: Client, url: str) -> Response:
    """As a calendar app asks: no Authorization header."""
    signed_in = client.headers.pop("Authorization", None)
    try:
        return await client.get(url)
    finally:
        if signed_in is not None:
            client.headers["Authorization"] = signed_in


async def events_at(client: Client, url: str) -> dict[str, Event]:
    response = await fetch(client, url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


async def count(engine: AsyncEngine, table: type[AuditEvent] | type[CalendarFeed]) -> int:
    async with make_sessionmaker(engine)() as session:
        return (await session.exec(select(func.count()).select_from(table))).one()


async def test_a_subscribed_calendar_shows_the_hearing_with_alarms_and_no_names(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client, "Wanjiku Demo", court_number=COURT_NUMBER)
    starts_at = days_ahead(14)
    row = await hearing(engine, case["id"], starts_at)
    feed = await subscribe(client)
    assert feed["url"] == f"http://testserver.local/calendar/{feed['token']}.ics"

    response = await fetch(client, feed["url"])
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["PRODID"]) == "-//Haki//Court calendar//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Haki — Lawyer"
    assert str(calendar["X-WR-TIMEZONE"]) == "Africa/Nairobi"
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(minutes=15)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"hearing-{row.id}@haki"
    assert event.decoded("DTSTART") == starts_at
    assert event.decoded("DTEND") == starts_at + timedelta(hours=1)
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == f"Mention — {COURT_NUMBER}"
    assert str(event["LOCATION"]) == "Nyeri, Court 4"
    assert "Hon. Lady Justice A. Mrima" in str(event["DESCRIPTION"])
    alarms = event.walk("VALARM")
    assert sorted(alarm.decoded("TRIGGER") for alarm in alarms) == [
        -timedelta(days=1),
        -timedelta(hours=1),
    ]
    assert {str(alarm["ACTION"]) for alarm in alarms} == {"DISPLAY"}
    text = response.content.decode()
    assert "Wanjiku" not in text and "W.D." not in text, "a survivor's name or initials leaked"


async def test_a_rescheduled_then_vacated_hearing_replaces_its_event(client: Client) -> None:
    """Through the hearing API, as a lawyer would: the phone keeps one event, replaced."""
    case = await open_case(client, court_number=COURT_NUMBER)
    set_for = await client.post(
        f"/cases/{case['id']}/hearings",
        json={"starts_at": days_ahead(14).isoformat(), "purpose": "mention", "station": "Nyeri"},
    )
    assert set_for.status_code == 201, set_for.text
    listed = set_for.json()
    feed = await subscribe(client)
    before = (await events_at(client, feed["url"]))[f"hearing-{listed['id']}@haki"]

    moved_to = days_ahead(21, hour=14)
    moved = await client.post(
        f"/hearings/{listed['id']}/reschedule",
        json={
            "version": listed["version"],
            "starts_at": moved_to.isoformat(),
            "reason": "the registry moved the cause list",
        },
    )
    assert moved.status_code in (200, 201), moved.text
    after = await events_at(client, feed["url"])
    assert list(after) == [str(before["UID"])], "the same event, not a second one"
    event = after[str(before["UID"])]
    assert event["SEQUENCE"] == before["SEQUENCE"] + 1 == moved.json()["sequence"]
    assert event.decoded("DTSTART") == moved_to
    assert f"DTSTART:{moved_to.astimezone(UTC):%Y%m%dT%H%M%SZ}" in event.to_ical().decode()
    assert len(event.walk("VALARM")) == 2

    vacated = await client.post(
        f"/hearings/{listed['id']}/vacate",
        json={"version": moved.json()["version"], "reason": "the judge is on leave"},
    )
    assert vacated.status_code in (200, 201), vacated.text
    [cancelled] = (await events_at(client, feed["url"])).values()
    assert str(cancelled["UID"]) == str(before["UID"])
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == f"Vacated: Mention — {COURT_NUMBER}"
    assert "Status: vacated" in str(cancelled["DESCRIPTION"])
    assert "on leave" not in str(cancelled["DESCRIPTION"]), "free text stays out of the feed"
    assert cancelled["SEQUENCE"] == event["SEQUENCE"] + 1
    assert cancelled.walk("VALARM") == []


async def test_an_adjournment_shows_both_dates_linked(client: Client) -> None:
    case = await open_case(client, court_number=COURT_NUMBER)
    sat = await client.post(
        f"/cases/{case['id']}/hearings",
        json={
            "starts_at": days_ahead(-3).isoformat(),
            "purpose": "hearing",
            "recorded_after_the_fact": True,
        },
    )
    assert sat.status_code == 201, sat.text
    adjourned = await client.post(
        f"/hearings/{sat.json()['id']}/adjourn",
        json={
            "version": sat.json()["version"],
            "reason": "the State asked for time to file a replying affidavit",
            "next_starts_at": days_ahead(30).isoformat(),
        },
    )
    assert adjourned.status_code in (200, 201), adjourned.text
    events = await events_at(client, (await subscribe(client))["url"])

    old = events[f"hearing-{sat.json()['id']}@haki"]
    assert str(old["STATUS"]) == "CONFIRMED"
    assert str(old["SUMMARY"]).startswith("Adjourned: Hearing")
    assert old["SEQUENCE"] == 1
    assert old.walk("VALARM") == []
    assert "Adjourned to " in str(old["DESCRIPTION"])
    assert "Status: adjourned" in str(old["DESCRIPTION"])
    new = events[f"hearing-{adjourned.json()['next']['id']}@haki"]
    assert "Adjourned from " in str(new["DESCRIPTION"])
    assert len(new.walk("VALARM")) == 2


async def test_only_the_users_cases_from_ninety_days_back(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    mine = await open_case(client, court_number=COURT_NUMBER)
    theirs, _ = await registered_case(
        make_sessionmaker(engine), lead=accounts["other_lawyer"].user.id, reference="HAKI/T/9"
    )
    kept = await hearing(engine, mine["id"], days_ahead(-80))
    too_old = await hearing(engine, mine["id"], days_ahead(-100))
    not_mine = await hearing(engine, theirs.id, days_ahead(5))

    events = await events_at(client, (await subscribe(client))["url"])
    assert set(events) == {f"hearing-{kept.id}@haki"}
    other_feed = await subscribe(client, accounts["other_lawyer"].headers)
    assert set(await events_at(client, other_feed["url"])) == {f"hearing-{not_mine.id}@haki"}
    assert f"hearing-{too_old.id}@haki" not in events


def problem(response: Response) -> dict[str, Any]:
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    "address",
    [
        "/calendar/{guess}.ics",
        "/calendar/{token}",
        "/calendar/{token}.ical",
        "/calendar/short.ics",
        "/calendar/" + "A" * 5000 + ".ics",
        "/calendar/%00%27%20OR%201=1.ics",
    ],
    ids=["guessed", "no-suffix", "wrong-suffix", "short", "very-long", "junk"],
)
async def test_a_guessed_or_malformed_address_is_not_found(
    client: Client, engine: AsyncEngine, address: str
) -> None:
    feed = await subscribe(client)
    audit_rows = await count(engine, AuditEvent)
    guess = feed["token"][:-4] + ("AAAA" if not feed["token"].endswith("AAAA") else "BBBB")
    response = await fetch(client, address.format(guess=guess, token=feed["token"]))
    assert problem(response)["detail"].startswith("No calendar feed is at this address")
    assert await count(engine, AuditEvent) == audit_rows


async def test_a_revoked_feed_is_not_found_and_says_no_more(client: Client) -> None:
    feed = await subscribe(client)
    assert (await client.delete("/calendar/feed")).status_code == 204
    revoked = problem(await fetch(client, feed["url"]))
    guessed = problem(await fetch(client, f"/calendar/{uuid.uuid4().hex}.ics"))
    assert revoked == guessed, "a revoked address answers exactly as one never issued"


async def test_a_new_address_closes_the_old_one(client: Client, engine: AsyncEngine) -> None:
    old = await subscribe(client)
    new = await subscribe(client)
    assert new["token"] != old["token"]
    problem(await fetch(client, old["url"]))
    assert (await fetch(client, new["url"])).status_code == 200
    async with make_sessionmaker(engine)() as session:
        feeds = (await session.exec(select(CalendarFeed))).all()
    assert [feed.revoked_at is None for feed in feeds].count(True) == 1
    assert all(len(feed.token_hash) == 64 and old["token"] not in feed.token_hash for feed in feeds)


@pytest.mark.parametrize("path", ["/auth/me", "/cases", "/calendar/feed"])
async def test_the_feed_token_opens_nothing_else(client: Client, path: str) -> None:
    feed = await subscribe(client)
    as_bearer = {"Authorization": f"Bearer {feed['token']}"}
    method = "DELETE" if path == "/calendar/feed" else "GET"
    response = await client.request(method, path, headers=as_bearer)
    assert response.status_code == 401, response.text
    assert (await fetch(client, feed["url"])).status_code == 200


async def test_reading_the_feed_writes_nothing(client: Client, engine: AsyncEngine) -> None:
    case = await open_case(client, court_number=COURT_NUMBER)
    await hearing(engine, case["id"], days_ahead(7))
    feed = await subscribe(client)
    audit_rows, feeds = await count(engine, AuditEvent), await count(engine, CalendarFeed)
    for _ in range(3):
        assert (await fetch(client, feed["url"])).status_code == 200
    assert (await count(engine, AuditEvent), await count(engine, CalendarFeed)) == (
        audit_rows,
        feeds,
    )


async def test_issuing_and_revoking_are_in_the_audit_trail(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    feed = await subscribe(client)
    await subscribe(client)
    assert (await client.delete("/calendar/feed")).status_code == 204
    async with make_sessionmaker(engine)() as session:
        rows = (
            await session.exec(
                select(AuditEvent)
                .where(AuditEvent.record_id == str(accounts["lawyer"].user.id))
                .order_by(col(AuditEvent.id))
            )
        ).all()
    assert [(row.action, row.detail) for row in rows] == [
        ("calendar_feed.issue", {"replaced": 0}),
        ("calendar_feed.issue", {"replaced": 1}),
        ("calendar_feed.revoke", {"revoked": 1}),
    ]
    assert all(feed["token"] not in str(row.detail) for row in rows)
