"""The outbox benchmark's SMS gateway: Africa's Talking's answer to every text, on loopback in
a process of its own, keeping each text and the instant it arrived."""

import asyncio
import multiprocessing
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.queues import Queue

from aiohttp import web


class Gateway:
    """Africa's Talking's answer to every text, each with a messageId of its own; keeps each
    text and the wall-clock instant it arrived, comparable with the database's timestamps."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[str, float]] = []

    async def messaging(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.arrivals.append((str(form["message"]), time.time()))
        entry = {
            "statusCode": 101,
            "number": str(form["to"]),
            "status": "Success",
            "cost": "KES 0.8000",
            "messageId": f"ATXid_bench_{len(self.arrivals)}",
        }
        return web.json_response(
            {
                "SMSMessageData": {
                    "Message": "Sent to 1/1 Total Cost: KES 0.8000",
                    "Recipients": [entry],
                }
            }
        )

    async def report(self, request: web.Request) -> web.Response:
        return web.json_response({"arrivals": self.arrivals, "cpu": time.process_time()})


async def serve_gateway(ports: "Queue[int]") -> None:
    gateway = Gateway()
    app = web.Application()
    app.router.add_post("/version1/messaging", gateway.messaging)
    app.router.add_get("/arrivals", gateway.report)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    # above aiohttp's 128: the channel keeps no connection alive, and each worker opens up to
    # a batch of them at once; a full backlog would drop SYNs and time a second's retransmit
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    ports.put(runner.addresses[0][1])
    await asyncio.Event().wait()


def run_gateway(ports: "Queue[int]") -> None:
    asyncio.run(serve_gateway(ports))


@contextmanager
def gateway() -> Iterator[str]:
    """The gateway in a process of its own, so it shares no event loop with what is measured."""
    context = multiprocessing.get_context("spawn")
    ports: Queue[int] = context.Queue()
    process = context.Process(target=run_gateway, args=(ports,), daemon=True)
    process.start()
    try:
        yield f"http://127.0.0.1:{ports.get(timeout=120)}"  # spawn imports Haki: slow when loaded
    finally:
        process.terminate()
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join()
