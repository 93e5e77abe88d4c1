"""A stand-in for Africa's Talking on loopback, counting each text it receives."""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web


class Gateway:
    """Answers each text after `pause` seconds; `reached` is set once more than `after` came."""

    def __init__(self, pause: float, after: int) -> None:
        self.pause = pause
        self.after = after
        self.received: Counter[str] = Counter()
        self.reached = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.received[str(form["message"])] += 1
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
