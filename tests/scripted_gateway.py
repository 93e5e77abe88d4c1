"""A small HTTP server on loopback playing Africa's Talking for the SMS channel's tests: it
records each request's headers and form, and answers as the test scripts it."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

from notifications.channels.base import Outgoing
from notifications.channels.sms import SmsGateway

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


async def send_through(url: str, **options: Any) -> Any:
    channel = SmsGateway(url, "haki", API_KEY, **options)
    try:
        return await channel.send(MESSAGE)
    finally:
        await channel.close()


class Counting(Gateway):
    """Also keeps the client's port of each request: one port, one connection."""

    def __init__(self) -> None:
        super().__init__()
        self.ports: list[int] = []

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.ports.append(request.transport.get_extra_info("peername")[1])  # type: ignore[union-attr]
        return await super().handle(request)


def texts(count: int) -> list[Outgoing]:
    return [Outgoing(n, NUMBER, f"Kesi yako: ujumbe {n}.") for n in range(count)]
