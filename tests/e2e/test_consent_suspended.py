"""A new phone or e-mail after consent suspends the consent until it is recorded again: the
family agreed to hear from Haki at the old one, and whoever typed the new one may be wrong, or
may be someone the family is hiding from."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.outbox import DeliveryStatus
from service.database import make_sessionmaker
from service.dispatch.rules import DispatchRules
from service.dispatch.sending import claim
from service.usecases.families.recipients import family
from tests.conftest import Account
from tests.e2e.helpers import Client, open_case
from tests.e2e.test_contacts import add_contact, consent, queued_for, statuses
from tests.e2e.test_status_codes import ask, issue


async def patch(client: Client, contact: dict[str, Any], **changes: Any) -> dict[str, Any]:
    response = await client.patch(
        f"/contacts/{contact['id']}", json={"version": contact["version"]} | changes
    )
    assert response.status_code == 200, response.text
    changed: dict[str, Any] = response.json()
    return changed


async def written_to(engine: AsyncEngine, case: dict[str, Any]) -> list[str]:
    async with make_sessionmaker(engine)() as session:
        return [str(person.contact_id) for person in await family(session, case["id"])]


async def test_a_new_phone_suspends_consent_and_stops_every_message_until_it_is_recorded(
    client: Client, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    case = await open_case(client)
    contact = await consent(client, await add_contact(client, case["claimants"][0]))
    code = (await issue(client, case, contact)).json()["code"]
    queued = await queued_for(engine, (contact["id"], DeliveryStatus.QUEUED))

    same = await patch(client, contact, phone="+254 712 345678", language="en")
    assert same["consents"] is True, "the same number written differently is no new number"
    assert same["consent_suspended_at"] is None

    moved = await patch(client, same, phone="0733 000 111")
    assert moved["consents"] is False and moved["consent_suspended_at"] is not None
    assert moved["consent_given_at"] == contact["consent_given_at"], "the history is kept"
    assert await statuses(engine, queued) == [("cancelled", True)]
    assert await written_to(engine, case) == [], "no new message is addressed to them"
    late = await queued_for(engine, (contact["id"], DeliveryStatus.QUEUED))
    assert await claim(engine, DispatchRules(), datetime.now(UTC)) == []
    assert await statuses(engine, late) == [("cancelled", True)], "nor sent if already queued"
    assert (await ask(client, code)).status_code == 404, "the status code rests"
    refused = await issue(client, case, moved)
    assert refused.status_code == 422 and "new phone or e-mail" in refused.json()["detail"]

    admin = accounts["admin"].headers
    trail = await client.get("/audit", params={"action": "contact.consent_suspend"}, headers=admin)
    assert [(r["record_id"], r["detail"]) for r in trail.json()["items"]] == [
        (contact["id"], {"fields": ["phone"], "cancelled_deliveries": 1})
    ]
    assert "733000111" not in trail.text

    again = await consent(client, moved)
    assert again["consents"] is True and again["consent_suspended_at"] is None
    assert await written_to(engine, case) == [contact["id"]]
    assert (await ask(client, code)).status_code == 200


async def test_a_new_e_mail_suspends_consent_and_a_contact_not_consenting_has_none_to_suspend(
    client: Client, engine: AsyncEngine
) -> None:
    case = await open_case(client)
    code = case["claimants"][0]
    by_mail = await consent(
        client, await add_contact(client, code, channel="email", email="mama@example.org")
    )
    moved = await patch(client, by_mail, email="someone@example.org")
    assert moved["consents"] is False and moved["consent_suspended_at"] is not None

    never = await add_contact(client, code, name="Kamau", relationship="brother")
    changed = await patch(client, never, phone="0733 000 222")
    assert changed["consent_suspended_at"] is None and changed["consents"] is False

    withdrawn = await client.delete(f"/contacts/{moved['id']}/consent")
    assert withdrawn.json()["contact"]["consent_withdrawn_at"] is not None, (
        "a suspended consent may still be withdrawn"
    )
