"""The SMS channel's kept-alive connections against a gateway on loopback: texts in a row share
one; one the gateway closed while idle is not used; one cut after the text left puts that text
in doubt; and a text that found every connection busy was never written."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web

from notifications.channels.base import Outcome
from notifications.channels.sms import CONNECTIONS, SmsGateway
from tests.scripted_gateway import (
    API_KEY,
    Counting,
    Gateway,
    held_until,
    recipient,
    serving,
    texts,
)


@pytest.fixture
async def gateway() -> AsyncIterator[tuple[Gateway, str]]:
    fake = Gateway()
    async with serving(fake) as url:
        yield fake, url


@pytest.fixture
async def closing_gateway() -> AsyncIterator[tuple[Counting, str]]:
    """Closes a connection left idle for 0.1 s, as a gateway's proxy does after its own time."""
    fake = Counting()
    async with serving(fake, keepalive_timeout=0.1) as url:
        yield fake, url


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


async def test_through_the_proxy_the_environment_names_as_httpx_did(
    gateway: tuple[Gateway, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fake gateway plays the office's proxy too: a gateway named by a host that does not
    resolve is reached only through it."""
    fake, url = gateway
    monkeypatch.setenv("HTTP_PROXY", url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    channel = SmsGateway("http://gateway.invalid", "haki", API_KEY)
    try:
        result = await channel.send(texts(1)[0])
    finally:
        await channel.close()
    assert result.outcome is Outcome.SENT, result.error
    assert len(fake.requests) == 1


async def test_a_gateway_in_no_proxy_is_reached_directly(
    gateway: tuple[Gateway, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, url = gateway
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.invalid:3128")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.delenv("no_proxy", raising=False)
    channel = SmsGateway(url, "haki", API_KEY)
    try:
        result = await channel.send(texts(1)[0])
    finally:
        await channel.close()
    assert result.outcome is Outcome.SENT, result.error
    assert len(fake.requests) == 1
