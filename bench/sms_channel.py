"""The SMS channel alone: texts per second and CPU per text through `SmsGateway` as it is (one
httpcore connection kept alive per slot) and, in the same run, with each slot an httpx client
instead (as it was before), against the benchmark's loopback gateway in a process of its own.

Rounds of `--batch` texts are sent at once, as the dispatcher sends a claimed batch; the two
ways alternate, so a busy machine weighs on both alike.
"""

import argparse
import asyncio
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outbox_gateway import gateway  # noqa: E402

from notifications.channels.base import Outcome, Outgoing  # noqa: E402
from notifications.channels.sms import CONNECTIONS, KEEP_ALIVE, TIMEOUT, SmsGateway  # noqa: E402


class ThroughHttpx:
    """A slot of the channel as it was: an httpx client of one kept-alive connection, each
    request through httpx's layers above httpcore."""

    def __init__(self) -> None:
        self.client = httpx.AsyncClient(
            timeout=TIMEOUT,
            limits=httpx.Limits(
                max_connections=1, max_keepalive_connections=1, keepalive_expiry=KEEP_ALIVE
            ),
        )

    def is_closed(self) -> bool:
        return False  # httpx's pool drops a closed connection itself

    def has_expired(self) -> bool:
        return False

    async def request(self, method: bytes, url: bytes, **request: Any) -> SimpleNamespace:
        headers = {name.decode(): value.decode() for name, value in request["headers"]}
        response = await self.client.request(
            method.decode(), url.decode(), headers=headers, content=request["content"]
        )
        return SimpleNamespace(status=response.status_code, content=response.content)

    async def aclose(self) -> None:
        await self.client.aclose()


def through_httpx(channel: SmsGateway) -> None:
    channel._clients = asyncio.LifoQueue()
    for _ in range(CONNECTIONS):
        channel._clients.put_nowait(ThroughHttpx())


async def run(url: str, texts: int, batch: int, now: bool, first: int) -> tuple[float, float]:
    """Seconds and CPU-seconds of this process for `texts` texts."""
    channel = SmsGateway(url, "bench", "bench-key")
    if not now:
        await channel.close()
        through_httpx(channel)
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(first, first + texts, batch):
            going = [
                Outgoing(n, "+254712345678", f"Kikao cha kesi {n}: kesho saa tatu asubuhi.")
                for n in range(start, min(start + batch, first + texts))
            ]
            results = await asyncio.gather(*(channel.send(text) for text in going))
            assert all(r.outcome is Outcome.SENT for r in results), results[0]
        return time.perf_counter() - wall, time.process_time() - cpu
    finally:
        await channel.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=4_000, help="texts per run")
    parser.add_argument("--batch", type=int, default=200, help="texts sent at once")
    parser.add_argument("--runs", type=int, default=3, help="runs of each way, alternating")
    args = parser.parse_args()
    figures: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    with gateway() as url:
        first = 0
        for _ in range(args.runs):
            for now in (False, True):
                figures[now].append(asyncio.run(run(url, args.texts, args.batch, now, first)))
                first += args.texts
    print(f"{args.texts:,} texts a run, {args.batch} at once; one process sending, the gateway")
    print(f"in another, on loopback\n{'':<36}{'texts/s':>10}{'CPU ms/text':>14}")
    for now, label in ((False, "httpx's client per slot (before)"), (True, "httpcore (now)")):
        for seconds, cpu in figures[now]:
            print(f"{label:<36}{args.texts / seconds:10,.0f}{cpu / args.texts * 1000:14.3f}")
    best = {k: min(cpu for _, cpu in v) for k, v in figures.items()}
    print(f"CPU per text, now / before (best runs): {best[True] / best[False]:.2f}")


if __name__ == "__main__":
    main()
