"""SIGTERM to real `haki worker` and `haki serve` processes: the work in hand is finished and
settled, nothing is left claimed, and the process is gone within 10 seconds."""

import asyncio
import os
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.outbox import Delivery
from domain.reminders import ReminderStatus
from service.clock import ClockRules, tick
from tests.deliveries import queued_texts
from tests.integration.test_clock import NOW, due_reminders, statuses
from tests.loopback_gateway import Gateway, serving

STOPS_WITHIN = 10.0


@pytest.fixture
async def gateway() -> AsyncIterator[tuple[Gateway, str]]:
    """A second over each text: a round of 25 is in flight for a second; `reached` once the
    second round is being sent."""
    fake = Gateway(pause=1, after=25)
    async with serving(fake) as url:
        yield fake, url


async def stopped_in_time(process: asyncio.subprocess.Process) -> float:
    """Sends SIGTERM and returns how long the process took to exit (killed if over 10 s)."""
    began = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), timeout=STOPS_WITHIN)
    except TimeoutError:
        process.kill()
        await process.wait()
        pytest.fail("still running 10 s after SIGTERM")
    return time.monotonic() - began


async def test_a_worker_stopped_mid_round_settles_what_it_claimed(
    sessions: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    database_url: str,
    gateway: tuple[Gateway, str],
) -> None:
    fake, url = gateway
    await queued_texts(sessions, 200)
    env = os.environ | {
        "DATABASE_URL": database_url,
        "HAKI_SMS_URL": url,
        "HAKI_SMS_USERNAME": "haki",
        "HAKI_SMS_API_KEY": "test-key",
        "HAKI_DISPATCH_BATCH": "25",
        "HAKI_CLOCK_SECONDS": "3600",
    }
    worker = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "service.cli", "worker", cwd=os.getcwd(), env=env
    )
    try:
        await asyncio.wait_for(fake.reached.wait(), timeout=60)
    finally:
        took = await stopped_in_time(worker)
    assert worker.returncode == 0
    async with engine.connect() as connection:
        found = Counter((await connection.execute(sa.select(Delivery.status))).scalars().all())
    assert set(found) == {"sent", "queued"}, "nothing left sending or in doubt"
    assert found["sent"] == sum(fake.received.values()) < 200, "stopped mid-queue"
    assert found["sent"] % 25 == 0, "whole rounds only: the round in hand was finished"
    assert set(fake.received.values()) == {1}
    assert took < STOPS_WITHIN


async def test_the_clock_told_to_stop_commits_its_batch_and_takes_no_other(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    await due_reminders(sessions, 250)
    stopping = asyncio.Event()
    stopping.set()
    done = await tick(engine, ClockRules(batch=100), NOW, stopping=stopping)
    assert done.handed_over == 100
    assert await statuses(engine) == {ReminderStatus.HANDED_OVER: 100, ReminderStatus.PENDING: 150}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def ready(port: int) -> httpx.Response:
    """The first answer of a `haki serve` starting on `port` to GET /health/ready."""
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        for _ in range(300):
            try:
                return await client.get("/health/ready")
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    pytest.fail("haki serve never answered")


async def test_serve_with_two_workers_answers_and_stops_on_sigterm(database_url: str) -> None:
    port = free_port()
    env = os.environ | {"DATABASE_URL": database_url, "HAKI_CLOCK": "on"}
    command = ["-m", "service.cli", "serve", "--workers", "2", "--port", str(port)]
    server = await asyncio.create_subprocess_exec(
        sys.executable, *command, cwd=os.getcwd(), env=env
    )
    try:
        answer = await ready(port)
    finally:
        took = await stopped_in_time(server)
    assert answer.status_code == 200
    assert server.returncode == 0
    assert took < STOPS_WITHIN
