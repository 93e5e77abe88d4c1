"""The SMS channel against a small HTTP server on loopback playing Africa's Talking: what it is
sent, and how each answer (accepted, refused for good or for now, silence) becomes an outcome."""

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from aiohttp import web

from notifications.channels.base import Outcome, Outgoing
from notifications.channels.sms import CONNECTIONS, SmsGateway

API_KEY = "test-api-key-never-logged"
NUMBER = "+254712345678"
MESSAGE = Outgoing(delivery_id=7, address=NUMBER, body="Kesi yako: tarehe mpya 3 Machi.")
Answer = Callable[[web.Request], Awaitable[web.StreamResponse]]


def recipient(code: int, status: str, message_id: str = "None") -> web.Response:
    entry = {"statusCode": code, "number": NUMBER, "status": status, "cost": "KES 0.8000"}
    entry["messageId"] = message_id
    return web.json_response(
        {"SMSMessageData": {"Message": "Sent to 1/1 Total Cost: KES 0.8000", "Recipients": [entry]}}
    )


class Gateway:
    """Records each request's headers and form; answers with whatever the test sets."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], dict[str, str]]] = []
        self.answer: Answer = self.accepted

    async def accepted(self, request: web.Request) -> web.StreamResponse:
        return recipient(101, "Success", "ATXid_0a1b2c")

    async def handle(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        self.requests.append((dict(request.headers), {k: str(v) for k, v in form.items()}))
        return await self.answer(request)


def held_until(released: asyncio.Event) -> Answer:
    """An answer that waits for the test to release it."""

    async def answer(request: web.Request) -> web.StreamResponse:
        await released.wait()
        return recipient(101, "Success", "ATXid_late")

    return answer


@asynccontextmanager
async def serving(fake: Gateway, **runner: Any) -> AsyncIterator[str]:
    """The fake gateway on loopback; yields its base URL."""
    app = web.Application()
    app.router.add_post("/version1/messaging", fake.handle)
    served = web.AppRunner(app, shutdown_timeout=0.1, **runner)
    await served.setup()
    site = web.TCPSite(served, "127.0.0.1", 0)
    await site.start()
    host, port = served.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        await served.cleanup()


@pytest.fixture
async def gateway() -> AsyncIterator[tuple[Gateway, str]]:
    fake = Gateway()
    async with serving(fake) as url:
        yield fake, url


async def send_through(url: str, **options: Any) -> Any:
    channel = SmsGateway(url, "haki", API_KEY, **options)
    try:
        return await channel.send(MESSAGE)
    finally:
        await channel.close()


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


class Counting(Gateway):
    """Also keeps the client's port of each request: one port, one connection."""

    def __init__(self) -> None:
        super().__init__()
        self.ports: list[int] = []

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.ports.append(request.transport.get_extra_info("peername")[1])  # type: ignore[union-attr]
        return await super().handle(request)


@pytest.fixture
async def closing_gateway() -> AsyncIterator[tuple[Counting, str]]:
    """Closes a connection left idle for 0.1 s, as a gateway's proxy does after its own time."""
    fake = Counting()
    async with serving(fake, keepalive_timeout=0.1) as url:
        yield fake, url


def texts(count: int) -> list[Outgoing]:
    return [Outgoing(n, NUMBER, f"Kesi yako: ujumbe {n}.") for n in range(count)]


async def test_texts_in_a_row_share_one_kept_alive_connection(
    closing_gateway: tuple[Counting, str],
) -> None:
    fake, url = closing_gateway
    channel = SmsGateway(url, "haki", API_KEY)
    try:
        results = [await channel.send(text) for text in texts(5)]
    finally:
        await channel.close()
    assert {r.outcome for r in results} == {Outcome.SENT}
    assert len(fake.requests) == 5 and len(set(fake.ports)) == 1


async def test_a_connection_the_gateway_closed_while_idle_is_not_used_and_nothing_goes_twice(
    closing_gateway: tuple[Counting, str],
) -> None:
    fake, url = closing_gateway
    first, second = texts(2)
    channel = SmsGateway(url, "haki", API_KEY)
    try:
        assert (await channel.send(first)).outcome is Outcome.SENT
        await asyncio.sleep(0.5)  # the gateway closes the idle connection
        after = await channel.send(second)
    finally:
        await channel.close()
    assert (after.outcome, after.error) == (Outcome.SENT, None), "a closed one is not a send"
    assert [form["message"] for _, form in fake.requests] == [first.body, second.body]
    assert len(set(fake.ports)) == 2, "the second text went on a new connection"


async def test_a_connection_cut_after_the_text_reached_the_gateway_is_in_doubt(
    gateway: tuple[Gateway, str],
) -> None:
    """The gateway reads the text, then the connection drops before any answer: it may have
    sent it, so the text is UNKNOWN; the next text goes out once, on a new connection."""
    fake, url = gateway

    async def cut(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return recipient(101, "Success", "ATXid_never_read")

    channel = SmsGateway(url, "haki", API_KEY)
    first, second = texts(2)
    try:
        assert (await channel.send(first)).outcome is Outcome.SENT
        fake.answer = cut
        doubt = await channel.send(second)
        fake.answer = fake.accepted
        again = await channel.send(first)
    finally:
        await channel.close()
    assert doubt.outcome is Outcome.UNKNOWN, doubt.error
    assert "after sending" in (doubt.error or "")
    assert again.outcome is Outcome.SENT
    assert [form["message"] for _, form in fake.requests] == [first.body, second.body, first.body]


async def test_a_text_that_waited_for_a_connection_and_got_none_is_retried_not_sent(
    gateway: tuple[Gateway, str],
) -> None:
    """Every connection busy past the pool's time: nothing of that text was written."""
    fake, url = gateway
    released = asyncio.Event()
    fake.answer = held_until(released)
    timeout = httpx.Timeout(connect=2.0, read=10.0, write=2.0, pool=0.3)
    channel = SmsGateway(url, "haki", API_KEY, timeout=timeout)
    waiting = texts(CONNECTIONS + 1)
    try:
        sends = [asyncio.create_task(channel.send(text)) for text in waiting]
        await asyncio.wait(sends, return_when=asyncio.FIRST_COMPLETED)
        released.set()
        results = [await send for send in sends]
    finally:
        await channel.close()
    retried = [r for r in results if r.outcome is Outcome.RETRY]
    assert [r.error for r in retried] == ["gateway not reached: no connection free"]
    assert len(fake.requests) == CONNECTIONS, "the one that waited was never written"
