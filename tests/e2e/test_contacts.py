"""A survivor's contacts through HTTP: kept, changed, consenting, withdrawing, and private."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select

from domain.base import utcnow
from domain.outbox import Delivery, DeliveryStatus, Notification
from service.database import make_sessionmaker
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case

PROBLEM = "application/problem+json"
MOTHER = {
    "name": "Mama Wanjiku",
    "relationship": "mother",
    "phone": "0712 345 678",
    "language": "sw",
    "channel": "sms",
}


async def add_contact(client: Client, code: str, **overrides: Any) -> dict[str, Any]:
    response = await client.post(f"/survivors/{code}/contacts", json=MOTHER | overrides)
    assert response.status_code == 201, response.text
    contact: dict[str, Any] = response.json()
    return contact


async def consent(client: Client, contact: dict[str, Any], **body: Any) -> dict[str, Any]:
    response = await client.post(f"/contacts/{contact['id']}/consent", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def test_a_contact_is_added_listed_read_and_changed(client: Client) -> None:
    code = (await open_case(client))["claimants"][0]
    made = await add_contact(client, code)
    assert made["phone"] == "+254712345678", "normalised to E.164"
    assert made["survivor"] == code and made["language"] == "sw" and made["channel"] == "sms"
    assert (made["quiet_from"], made["quiet_until"]) == ("21:00", "07:00")
    assert made["consents"] is False and made["consent_given_at"] is None
    assert made["version"] == 1 and made["amounts_opt_in"] is False

    listed = await client.get(f"/survivors/{code}/contacts")
    assert listed.json() == [made]
    assert (await client.get(f"/contacts/{made['id']}")).json() == made

    changed = await client.patch(
        f"/contacts/{made['id']}",
        json={
            "version": 1,
            "channel": "email",
            "email": "Mama.Wanjiku@Example.ORG",
            "language": "en",
            "quiet_from": "20:30",
        },
    )
    assert changed.status_code == 200, changed.text
    after = changed.json()
    assert (after["channel"], after["email"], after["language"]) == (
        "email",
        "Mama.Wanjiku@example.org",
        "en",
    )
    assert after["quiet_from"] == "20:30" and after["quiet_until"] == "07:00"
    assert after["phone"] == "+254712345678" and after["version"] == 2

    stale = await client.patch(f"/contacts/{made['id']}", json={"version": 1, "language": "sw"})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2

    landline = await client.patch(
        f"/contacts/{made['id']}", json={"version": 2, "phone": "020 2345678"}
    )
    assert landline.status_code == 200, "a landline is kept for calls when SMS is not used"
    back_to_sms = await client.patch(
        f"/contacts/{made['id']}", json={"version": 3, "channel": "sms"}
    )
    assert back_to_sms.status_code == 422
    assert back_to_sms.json()["errors"][0]["field"] == "phone"
    assert "landline" in back_to_sms.json()["detail"]


async def test_consent_records_when_and_who(client: Client) -> None:
    code = (await open_case(client))["claimants"][0]
    contact = await add_contact(client, code)
    before = datetime.now(UTC)
    given = await consent(client, contact)
    assert given["consents"] is True and given["consent_recorded_by"] == "test.lawyer"
    assert datetime.fromisoformat(given["consent_given_at"]) >= before - timedelta(seconds=1)
    assert given["consent_given_at"].endswith("+03:00"), "shown in Nairobi time"

    assert given["consent_way"] is None, "not said"

    on_paper = await consent(client, contact, given_at="2026-01-05T10:00:00", way="signed_form")
    assert on_paper["consent_given_at"] == "2026-01-05T10:00:00+03:00"
    assert on_paper["consent_way"] == "signed_form"
    unknown_way = await client.post(f"/contacts/{contact['id']}/consent", json={"way": "sms"})
    assert unknown_way.status_code == 400
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    refused = await client.post(f"/contacts/{contact['id']}/consent", json={"given_at": future})
    assert refused.status_code == 422 and "future" in refused.json()["detail"]


async def queued_for(engine: AsyncEngine, *rows: tuple[str, DeliveryStatus]) -> list[int]:
    """One notification and a delivery per (contact id, status), as the dispatcher writes them."""
    async with make_sessionmaker(engine)() as session, session.begin():
        cause = Notification(dedup_key=f"test:{uuid.uuid4()}", kind="test", audience="family")
        session.add(cause)
        await session.flush()
        assert cause.id is not None
        made = [
            Delivery(
                notification_id=cause.id,
                channel="sms",
                contact_id=uuid.UUID(contact_id),
                address=f"+2547123456{n:02d}",
                language="sw",
                body="Kesi yako: tarehe mpya.",
                status=status,
                next_attempt_at=utcnow(),
            )
            for n, (contact_id, status) in enumerate(rows)
        ]
        session.add_all(made)
        await session.flush()
        return [d.id for d in made if d.id is not None]


async def statuses(engine: AsyncEngine, ids: list[int]) -> list[tuple[str, bool]]:
    async with make_sessionmaker(engine)() as session:
        found = {
            d.id: (d.status.value, d.settled_at is not None)
            for d in (await session.exec(select(Delivery))).all()
        }
    return [found[i] for i in ids]


async def test_withdrawing_consent_cancels_only_that_contacts_queued_messages(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    code = case["claimants"][0]
    mother = await add_contact(client, code)
    brother = await add_contact(client, code, name="Kamau", relationship="brother")
    for contact in (mother, brother):
        await consent(client, contact)
    issued = await client.post(
        f"/cases/{case['id']}/status-codes", json={"contact_id": mother["id"]}
    )
    assert issued.status_code == 201, issued.text
    ids = await queued_for(
        engine,
        (mother["id"], DeliveryStatus.QUEUED),
        (brother["id"], DeliveryStatus.QUEUED),
        (mother["id"], DeliveryStatus.SENT),
    )

    withdrawn = await client.delete(f"/contacts/{mother['id']}/consent")
    assert withdrawn.status_code == 200, withdrawn.text
    answer = withdrawn.json()
    assert answer["cancelled_deliveries"] == 1 and answer["revoked_status_codes"] == 1
    assert answer["contact"]["consents"] is False
    assert answer["contact"]["consent_withdrawn_at"] is not None
    assert await statuses(engine, ids) == [
        ("cancelled", True),
        ("queued", False),
        ("sent", False),
    ]
    client.headers.pop("Authorization")
    assert (await client.get(f"/status/{issued.json()['code']}")).status_code == 404


async def test_withdrawing_twice_is_harmless(client: Client) -> None:
    code = (await open_case(client))["claimants"][0]
    contact = await add_contact(client, code)
    await consent(client, contact)
    first = await client.delete(f"/contacts/{contact['id']}/consent")
    second = await client.delete(f"/contacts/{contact['id']}/consent")
    assert first.status_code == second.status_code == 200
    assert (
        second.json()["contact"]["consent_withdrawn_at"]
        == (first.json()["contact"]["consent_withdrawn_at"])
    )
    again = await consent(client, contact)
    assert again["consents"] is True and again["consent_withdrawn_at"] is None


async def counts(engine: AsyncEngine) -> tuple[int, int]:
    async with engine.connect() as connection:
        found = await connection.execute(
            text("SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM audit_events)")
        )
        row = found.one()
        return row[0], row[1]


@pytest.mark.parametrize(
    ("changes", "status", "field", "phrase"),
    [
        ({"phone": "020 2345678"}, 422, "phone", "landline cannot receive SMS"),
        ({"phone": "0712 345"}, 422, "phone", "write it as 0712 345 678"),
        ({"phone": "+44 7911 123456"}, 422, "phone", "not a Kenyan number"),
        ({"phone": None}, 422, "phone", "needs a mobile phone number"),
        ({"channel": "email"}, 422, "email", "needs an e-mail address"),
        ({"channel": "email", "email": "mama@"}, 422, "email", "not a valid e-mail address"),
        ({"language": "fr"}, 400, "language", ""),
        ({"channel": "pigeon"}, 400, "channel", ""),
        ({"quiet_from": "07:00"}, 422, "quiet_until", "different times"),
        ({"quiet_until": "25:00"}, 400, "quiet_until", ""),
        ({"consent": True}, 400, "", "consent"),
        ({"name": "   "}, 400, "name", ""),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_written(
    client: Client,
    engine: AsyncEngine,
    changes: dict[str, Any],
    status: int,
    field: str,
    phrase: str,
) -> None:
    code = (await open_case(client))["claimants"][0]
    before = await counts(engine)
    refused = await client.post(f"/survivors/{code}/contacts", json=MOTHER | changes)
    assert refused.status_code == status, refused.text
    assert refused.headers["content-type"].startswith(PROBLEM)
    problem = refused.json()
    assert phrase in problem["detail"]
    assert field in {e["field"] for e in problem.get("errors", [])} | {""}
    assert await counts(engine) == before


async def test_an_unknown_survivor_has_no_contacts(client: Client) -> None:
    assert (await client.get("/survivors/S-2020-9999/contacts")).status_code == 404
    missing = await client.post("/survivors/S-2020-9999/contacts", json=MOTHER)
    assert missing.status_code == 404
    assert (await client.get(f"/contacts/{uuid.uuid4()}")).status_code == 404


async def test_contacts_are_personal_data(client: Client, accounts: dict[str, Account]) -> None:
    code = (await open_case(client))["claimants"][0]
    contact = await add_contact(client, code)
    where = [
        ("GET", f"/survivors/{code}/contacts", None),
        ("POST", f"/survivors/{code}/contacts", MOTHER),
        ("GET", f"/contacts/{contact['id']}", None),
        ("PATCH", f"/contacts/{contact['id']}", {"version": 1, "language": "en"}),
        ("POST", f"/contacts/{contact['id']}/consent", {}),
        ("DELETE", f"/contacts/{contact['id']}/consent", None),
    ]
    for role, status in (("advocacy", 403), ("viewer", 403), ("other_lawyer", 404)):
        for method, path, body in where:
            refused = await client.request(method, path, json=body, headers=accounts[role].headers)
            assert refused.status_code == status, (role, method, path)
            assert "Wanjiku" not in refused.text and "712345678" not in refused.text
    admin = accounts["admin"].headers
    assert (await client.get(f"/contacts/{contact['id']}", headers=admin)).status_code == 200


async def test_every_read_and_write_of_a_contact_is_audited(
    client: Client, accounts: dict[str, Account]
) -> None:
    code = (await open_case(client))["claimants"][0]
    contact = await add_contact(client, code)
    await client.get(f"/survivors/{code}/contacts")
    await client.get(f"/contacts/{contact['id']}")
    await client.patch(f"/contacts/{contact['id']}", json={"version": 1, "language": "en"})
    await consent(client, contact)
    await client.delete(f"/contacts/{contact['id']}/consent")
    admin = accounts["admin"].headers
    trail = await client.get("/audit", params={"record_id": contact["id"]}, headers=admin)
    assert [(r["actor"], r["action"]) for r in reversed(trail.json()["items"])] == [
        ("test.lawyer", "contact.add"),
        ("test.lawyer", "contact.read"),
        ("test.lawyer", "contact.update"),
        ("test.lawyer", "contact.consent"),
        ("test.lawyer", "contact.consent_withdraw"),
    ]
    listing = await client.get(
        "/audit", params={"action": "contact.list", "record_id": code}, headers=admin
    )
    assert listing.json()["total"] == 1
    assert "712345678" not in trail.text, "the audit trail names records, not phone numbers"
