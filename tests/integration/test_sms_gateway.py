"""The SMS channel against a small HTTP server on loopback playing Africa's Talking: what it is
sent, and how each answer (accepted, refused for good or for now, silence) becomes an outcome."""

import asyncio
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web

from notifications.channels.base import Outcome
from notifications.channels.sms import SmsGateway
from tests.scripted_gateway import (
    API_KEY,
    MESSAGE,
    NUMBER,
    Gateway,
    held_until,
    recipient,
    send_through,
    serving,
)


@pytest.fixture
async def gateway() -> AsyncIterator[tuple[Gateway, str]]:
    fake = Gateway()
    async with serving(fake) as url:
        yield fake, url


async def test_a_message_goes_out_as_the_gateway_expects_it(gateway: tuple[Gateway, str]) -> None:
    fake, url = gateway
    result = await send_through(url, sender_id="HAKI")
    assert (result.outcome, result.provider_id, result.error) == (
        Outcome.SENT,
        "ATXid_0a1b2c",
        None,
    )
    headers, form = fake.requests[0]
    assert headers["apiKey"] == API_KEY
    assert headers["Accept"] == "application/json"
    assert form == {"username": "haki", "to": NUMBER, "message": MESSAGE.body, "from": "HAKI"}


async def test_without_a_sender_id_the_gateway_chooses(gateway: tuple[Gateway, str]) -> None:
    fake, url = gateway
    await send_through(url)
    assert "from" not in fake.requests[0][1]


@pytest.mark.parametrize(
    ("code", "status", "outcome"),
    [
        (100, "Processed", Outcome.SENT),
        (102, "Queued", Outcome.SENT),
        (403, "InvalidPhoneNumber", Outcome.DEAD),
        (406, "UserInBlacklist", Outcome.DEAD),
        (409, "DoNotDisturbRejection", Outcome.DEAD),
        (405, "InsufficientBalance", Outcome.RETRY),
        (500, "InternalServerError", Outcome.RETRY),
        (502, "RejectedByGateway", Outcome.RETRY),
    ],
)
async def test_each_recipient_status_has_its_outcome(
    gateway: tuple[Gateway, str], code: int, status: str, outcome: Outcome
) -> None:
    fake, url = gateway

    async def answer(request: web.Request) -> web.StreamResponse:
        return recipient(code, status, "ATXid_1" if code < 400 else "None")

    fake.answer = answer
    result = await send_through(url)
    assert result.outcome is outcome
    if outcome is Outcome.SENT:
        assert result.provider_id == "ATXid_1"
    else:
        assert result.provider_id is None
        assert f"{code} {status}" in (result.error or "")


@pytest.mark.parametrize(
    ("http_status", "outcome", "says"),
    [
        (401, Outcome.DEAD, "gateway credentials refused (HTTP 401)"),
        (403, Outcome.DEAD, "gateway credentials refused (HTTP 403)"),
        (400, Outcome.DEAD, "gateway refused the request (HTTP 400)"),
        (502, Outcome.RETRY, "gateway busy or failing (HTTP 502)"),
        (503, Outcome.RETRY, "gateway busy or failing (HTTP 503)"),
        (504, Outcome.UNKNOWN, "gateway timed out behind its proxy (HTTP 504)"),
    ],
)
async def test_the_gateway_refusing_the_request_itself(
    gateway: tuple[Gateway, str], http_status: int, outcome: Outcome, says: str
) -> None:
    fake, url = gateway

    async def answer(request: web.Request) -> web.StreamResponse:
        return web.Response(status=http_status, text=f"refused; your key was {API_KEY}")

    fake.answer = answer
    result = await send_through(url)
    assert (result.outcome, result.error) == (outcome, says)


async def test_an_answer_that_is_not_understood_leaves_the_message_in_doubt(
    gateway: tuple[Gateway, str],
) -> None:
    fake, url = gateway

    async def answer(request: web.Request) -> web.StreamResponse:
        return web.Response(status=201, text="<html>maintenance</html>")

    fake.answer = answer
    assert (await send_through(url)).outcome is Outcome.UNKNOWN


async def test_sent_to_no_one_is_dead_with_the_gateways_word(
    gateway: tuple[Gateway, str],
) -> None:
    fake, url = gateway

    async def answer(request: web.Request) -> web.StreamResponse:
        return web.json_response(
            {"SMSMessageData": {"Message": "InvalidSenderId", "Recipients": []}}
        )

    fake.answer = answer
    result = await send_through(url)
    assert (result.outcome, result.error) == (
        Outcome.DEAD,
        "gateway sent to no one: InvalidSenderId",
    )


async def test_silence_after_sending_is_unknown_never_retry(gateway: tuple[Gateway, str]) -> None:
    fake, url = gateway
    released = asyncio.Event()
    fake.answer = held_until(released)
    timeout = httpx.Timeout(connect=2.0, read=0.2, write=2.0, pool=2.0)
    result = await send_through(url, timeout=timeout)
    released.set()
    assert result.outcome is Outcome.UNKNOWN
    assert result.error == "no answer from the gateway after sending: ReadTimeout"
    assert len(fake.requests) == 1, "the gateway did get it: that is why it is in doubt"


async def test_a_gateway_that_is_not_there_is_retried() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # nothing listens on the port any more: the connection is refused before anything is sent
    result = await send_through(f"http://127.0.0.1:{port}")
    assert (result.outcome, result.error) == (Outcome.RETRY, "gateway not reached: ConnectError")


async def test_the_api_key_is_never_logged(
    gateway: tuple[Gateway, str], caplog: pytest.LogCaptureFixture
) -> None:
    fake, url = gateway

    async def answer(request: web.Request) -> web.StreamResponse:
        return web.Response(status=401, text=f"bad key {API_KEY}")

    fake.answer = answer
    with caplog.at_level("DEBUG"):
        await send_through(url)
        fake.answer = fake.accepted
        await send_through(url)
    assert caplog.records, "each send is logged"
    assert API_KEY not in caplog.text
    assert MESSAGE.body not in caplog.text
    assert NUMBER not in caplog.text


def test_a_url_without_a_scheme_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="https://"):
        SmsGateway("api.sandbox.africastalking.com", "sandbox", API_KEY)
