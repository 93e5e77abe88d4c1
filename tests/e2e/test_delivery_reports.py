"""Delivery reports through HTTP, posted as the SMS gateway posts them: reports that settle a
message, and forged or mistaken ones that change nothing."""

from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select

from domain.outbox import Delivery, DeliveryStatus
from service.app import create_app
from service.database import make_sessionmaker
from service.settings import Settings
from tests.conftest import REPORT_SECRET
from tests.deliveries import PHONE, sms_delivery
from tests.e2e.helpers import Client

ADDRESS = f"/notifications/sms-reports/{REPORT_SECRET}"


def report(status: str, message_id: str = "ATXid_test", **more: str) -> dict[str, str]:
    """The form Africa's Talking posts, with the fields Haki does not use."""
    fields = {"id": message_id, "status": status, "phoneNumber": PHONE, "networkCode": "63902"}
    return fields | {"retryCount": "0"} | more


async def post(client: Client, form: dict[str, str], address: str = ADDRESS) -> Any:
    client.headers.pop("Authorization", None)
    return await client.post(address, data=form)


async def reread(engine: AsyncEngine, delivery: Delivery) -> Delivery:
    async with make_sessionmaker(engine)() as session:
        return (await session.exec(select(Delivery).where(Delivery.id == delivery.id))).one()


def as_stored(delivery: Delivery) -> tuple[Any, ...]:
    return (delivery.status, delivery.provider_id, delivery.last_error, delivery.settled_at)


async def test_success_means_delivered(client: Client, engine: AsyncEngine) -> None:
    sent = await sms_delivery(engine)
    response = await post(client, report("Success"))
    assert (response.status_code, response.json()) == (200, {"status": "delivered"})
    row = await reread(engine, sent)
    assert row.status is DeliveryStatus.DELIVERED and row.settled_at is not None


@pytest.mark.parametrize("status", ["Failed", "Rejected", "Expired", "AbsentSubscriber"])
async def test_a_final_failure_is_dead_and_says_why(
    client: Client, engine: AsyncEngine, status: str
) -> None:
    sent = await sms_delivery(engine)
    response = await post(client, report(status, failureReason="UserDoesNotExist"))
    assert (response.status_code, response.json()) == (200, {"status": "dead"})
    row = await reread(engine, sent)
    assert row.status is DeliveryStatus.DEAD and row.settled_at is not None
    assert row.last_error == f"delivery report {status}: UserDoesNotExist"


@pytest.mark.parametrize("status", ["Sent", "Submitted", "Buffered"])
async def test_on_its_way_stays_sent(client: Client, engine: AsyncEngine, status: str) -> None:
    sent = await sms_delivery(engine)
    response = await post(client, report(status))
    assert (response.status_code, response.json()) == (200, {"status": "sent"})
    assert as_stored(await reread(engine, sent)) == as_stored(sent)


async def test_a_message_in_doubt_is_settled_by_its_report(
    client: Client, engine: AsyncEngine
) -> None:
    """The send timed out, so Haki never learnt the gateway's id: the report of an id it has
    never seen, for the one message in doubt to that number, settles it and keeps the id."""
    in_doubt = await sms_delivery(engine, DeliveryStatus.UNKNOWN, provider_id=None)
    response = await post(client, report("Success", "ATXid_learnt_late"))
    assert (response.status_code, response.json()) == (200, {"status": "delivered"})
    row = await reread(engine, in_doubt)
    assert (row.status, row.provider_id) == (DeliveryStatus.DELIVERED, "ATXid_learnt_late")


async def test_an_unknown_row_with_its_id_is_settled_too(
    client: Client, engine: AsyncEngine
) -> None:
    in_doubt = await sms_delivery(engine, DeliveryStatus.UNKNOWN)
    assert (await post(client, report("Buffered"))).json() == {"status": "sent"}
    assert (await reread(engine, in_doubt)).status is DeliveryStatus.SENT


async def test_two_messages_in_doubt_to_one_number_are_left_for_a_person(
    client: Client, engine: AsyncEngine
) -> None:
    first = await sms_delivery(engine, DeliveryStatus.UNKNOWN, provider_id=None)
    second = await sms_delivery(engine, DeliveryStatus.UNKNOWN, provider_id=None)
    response = await post(client, report("Success", "ATXid_which"))
    assert response.status_code == 404
    for row in (first, second):
        assert as_stored(await reread(engine, row)) == as_stored(row)


async def test_a_message_being_sent_to_the_number_may_be_the_one_reported(
    client: Client, engine: AsyncEngine
) -> None:
    """Its own answer, with this id, may be on its way to the dispatcher: no guessing."""
    in_doubt = await sms_delivery(engine, DeliveryStatus.UNKNOWN, provider_id=None)
    await sms_delivery(engine, DeliveryStatus.SENDING, provider_id=None)
    assert (await post(client, report("Success", "ATXid_which"))).status_code == 404
    assert as_stored(await reread(engine, in_doubt)) == as_stored(in_doubt)


async def test_delivered_never_moves_back(client: Client, engine: AsyncEngine) -> None:
    sent = await sms_delivery(engine)
    assert (await post(client, report("Success"))).status_code == 200
    settled = await reread(engine, sent)
    for late in ("Buffered", "Failed", "Sent"):
        response = await post(client, report(late, failureReason="DeliveryFailure"))
        assert (response.status_code, response.json()) == (200, {"status": "delivered"})
    assert as_stored(await reread(engine, sent)) == as_stored(settled)


async def test_a_dead_message_stays_dead(client: Client, engine: AsyncEngine) -> None:
    sent = await sms_delivery(engine)
    await post(client, report("Failed", failureReason="UserIsInactive"))
    dead = await reread(engine, sent)
    assert (await post(client, report("Success"))).json() == {"status": "dead"}
    assert as_stored(await reread(engine, sent)) == as_stored(dead)


@pytest.mark.parametrize(
    ("address", "form"),
    [
        (f"/notifications/sms-reports/{REPORT_SECRET}x", report("Success")),
        ("/notifications/sms-reports/guess", report("Success")),
        (ADDRESS, report("Success", "ATXid_never_sent")),
        (ADDRESS, report("Success", phoneNumber="+254700000999")),
    ],
    ids=["wrong-secret", "guessed-secret", "unknown-id", "other-number"],
)
async def test_a_forged_or_mistaken_report_changes_nothing(
    client: Client, engine: AsyncEngine, address: str, form: dict[str, str]
) -> None:
    sent = await sms_delivery(engine)
    response = await post(client, form, address)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert as_stored(await reread(engine, sent)) == as_stored(sent)


@pytest.mark.parametrize(
    "form",
    [
        {"status": "Success", "phoneNumber": PHONE},
        {"id": "ATXid_test", "status": "Success"},
        report("Success", "x" * 101),
    ],
    ids=["no-id", "no-number", "id-too-long"],
)
async def test_a_malformed_report_is_refused(
    client: Client, engine: AsyncEngine, form: dict[str, str]
) -> None:
    sent = await sms_delivery(engine)
    response = await post(client, form)
    assert response.status_code == 400, response.text
    assert as_stored(await reread(engine, sent)) == as_stored(sent)


async def test_without_a_report_secret_the_address_does_not_exist(
    database_url: str, engine: AsyncEngine, client: Client
) -> None:
    """`client` only empties the tables; this app is one whose settings name no secret."""
    sent = await sms_delivery(engine)
    no_secret = Settings(sms_report_secret=None)
    async with AsyncTestClient(app=create_app(database_url, no_secret)) as bare:
        for secret in ("None", "null", REPORT_SECRET):
            response = await bare.post(
                f"/notifications/sms-reports/{secret}", data=report("Success")
            )
            assert response.status_code == 404
    assert as_stored(await reread(engine, sent)) == as_stored(sent)
