"""A stand-in for Africa's Talking on loopback: it counts each text Haki sends it, and plays a
family's phone on the inbound side, posting to Haki's callbacks as the gateway would."""

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web
from httpx import Response


class Gateway:
    """Answers each text after `pause` seconds; `reached` is set once more than `after` came."""

    def __init__(self, pause: float, after: int) -> None:
        self.pause = pause
        self.after = after
        self.received: Counter[str] = Counter()
        self.sent_to: list[tuple[str, str]] = []
        """(number, text) of every text, in the order they came"""
        self.reached = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.received[str(form["message"])] += 1
        self.sent_to.append((str(form["to"]), str(form["message"])))
        if sum(self.received.values()) > self.after:
            self.reached.set()
        await asyncio.sleep(self.pause)
        recipient = {"statusCode": 101, "number": str(form["to"]), "status": "Success",
                     "cost": "KES 0.8000", "messageId": f"ATXid_{len(self.received)}"}  # fmt: skip
        return web.json_response({"SMSMessageData": {"Message": "Sent", "Recipients": [recipient]}})


@asynccontextmanager
async def serving(gateway: Gateway) -> AsyncIterator[str]:
    """Yields the gateway's base URL."""
    app = web.Application()
    app.router.add_post("/version1/messaging", gateway.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


SESSIONS = itertools.count(1)


class Phone:
    """A family's phone as the gateway relays it to Haki: a USSD session (the answers so far
    joined by `*`, as the gateway sends them) and texts to the short code, each with the
    gateway's id, so a test can send the same one twice."""

    def __init__(self, client: Any, secret: str, number: str) -> None:
        self.client = client
        self.secret = secret
        self.number = number
        self.session_id = ""
        self.answers: list[str] = []

    async def dial(self, service_code: str = "*384*4242#") -> Response:
        self.session_id, self.answers = f"ATUid_{next(SESSIONS)}", []
        self.service_code = service_code
        return await self._ussd()

    async def answer(self, typed: str) -> Response:
        self.answers.append(typed)
        return await self._ussd()

    async def _ussd(self) -> Response:
        form = {
            "sessionId": self.session_id,
            "serviceCode": self.service_code,
            "phoneNumber": self.number,
            "networkCode": "63902",
            "text": "*".join(self.answers),
        }
        return await self._post(f"/phones/ussd/{self.secret}", form)

    async def text(self, words: str, message_id: str | None = None) -> Response:
        form = {
            "from": self.number,
            "to": "40404",
            "text": words,
            "id": message_id or f"ATXid_in_{next(SESSIONS)}",
            "date": "2026-12-07 09:30:00",
            "linkId": "SampleLinkId123",
            "networkCode": "63902",
        }
        return await self._post(f"/phones/sms/{self.secret}", form)

    async def opt_out_at_the_gateway(self) -> Response:
        form = {"senderId": "HAKI", "phoneNumber": self.number}
        return await self._post(f"/phones/opt-outs/{self.secret}", form)

    async def _post(self, path: str, form: dict[str, str]) -> Response:
        """As the gateway posts: no Authorization header (the test's own is put back)."""
        signed_in = self.client.headers.pop("Authorization", None)
        try:
            response: Response = await self.client.post(path, data=form)
        finally:
            if signed_in:
                self.client.headers["Authorization"] = signed_in
        return response
