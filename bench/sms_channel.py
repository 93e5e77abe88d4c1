"""The SMS channel alone: texts per second and CPU per text through `SmsGateway`, with its
connections kept alive and, in the same run, with a new connection for every text (as before
issue #22), against the benchmark's loopback gateway in a process of its own.

Rounds of `--batch` texts are sent at once, as the dispatcher sends a claimed batch; the two
ways alternate, so a busy machine weighs on both alike.
"""

import argparse
import asyncio
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outbox import gateway  # noqa: E402

from notifications.channels.base import Outcome, Outgoing  # noqa: E402
from notifications.channels.sms import TIMEOUT, SmsGateway  # noqa: E402


def fresh_connections(channel: SmsGateway) -> None:
    """The channel as it was: one client, up to httpx's 100 requests at once, and no
    connection kept once its answer is read."""
    before = httpx.AsyncClient(
        headers={"apiKey": "bench-key", "Accept": "application/json"},
        timeout=TIMEOUT,
        limits=httpx.Limits(max_keepalive_connections=0),
    )
    channel._clients = asyncio.Queue()
    for _ in range(100):
        channel._clients.put_nowait(before)


async def run(url: str, texts: int, batch: int, kept: bool, first: int) -> tuple[float, float]:
    """Seconds and CPU-seconds of this process for `texts` texts."""
    channel = SmsGateway(url, "bench", "bench-key")
    if not kept:
        await channel.close()
        fresh_connections(channel)
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
            for kept in (False, True):
                figures[kept].append(asyncio.run(run(url, args.texts, args.batch, kept, first)))
                first += args.texts
    print(f"{args.texts:,} texts a run, {args.batch} at once; one process sending, the gateway")
    print(f"in another, on loopback\n{'':<36}{'texts/s':>10}{'CPU ms/text':>14}")
    for kept, label in ((False, "a new connection per text (before)"), (True, "kept alive")):
        for seconds, cpu in figures[kept]:
            print(f"{label:<36}{args.texts / seconds:10,.0f}{cpu / args.texts * 1000:14.3f}")
    best = {k: min(cpu for _, cpu in v) for k, v in figures.items()}
    print(f"CPU per text, kept alive / new each time (best runs): {best[True] / best[False]:.2f}")


if __name__ == "__main__":
    main()
