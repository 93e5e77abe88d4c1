"""One `haki serve` process for the benchmarks: started on a scratch database, always stopped,
with its CPU time at hand (what a request costs the server, steady on a loaded machine)."""

import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.audit import Actor  # noqa: E402
from domain.users import Role  # noqa: E402
from service.database import make_engine, make_sessionmaker  # noqa: E402
from service.usecases.accounts.users import add_user, open_session  # noqa: E402
from service.usecases.records.sealing import new_key  # noqa: E402

READY_WITHIN = 180
"""seconds a server may take to start: importing the app alone takes ~30 s on a busy machine"""


@dataclass(frozen=True)
class Server:
    base: str
    """its URL on loopback"""
    process: psutil.Process

    def cpu(self) -> float:
        """Seconds of CPU the server has used so far, all its threads (Argon2's pool too)."""
        times = self.process.cpu_times()
        return float(times.user + times.system)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ready(base: str) -> bool:
    try:
        return httpx.get(f"{base}/health/ready").status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def running(url: str) -> Iterator[Server]:
    """One `haki serve` process on loopback, without the reminder clock; stopped however we
    leave."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": url,
        "HAKI_SECRET_KEY": secrets.token_urlsafe(32),  # a scratch database: any will do
        "HAKI_DOCUMENT_KEYS": f"bench:{new_key()}",
        "HAKI_HOST": "127.0.0.1",
        "HAKI_PORT": str(port),
        "HAKI_CLOCK": "off",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.perf_counter() + READY_WITHIN
        while not ready(base):
            if time.perf_counter() > deadline or server.poll() is not None:
                raise SystemExit("the API did not become ready")
            time.sleep(0.2)
        yield Server(base, psutil.Process(server.pid))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def serving(url: str) -> Iterator[str]:
    """As `running`, yielding only the server's base URL."""
    with running(url) as server:
        yield server.base


async def sign_in_administrator(url: str) -> str:
    """A session token of a new administrator, opened directly in the database."""
    engine = make_engine(url, pool_size=1)
    sessions = make_sessionmaker(engine)
    try:
        async with sessions() as session:
            user = await add_user(
                session,
                Actor("bench", "local"),
                username=f"bench-{uuid.uuid4().hex[:6]}",
                full_name="Benchmark",
                role=Role.ADMIN,
                password="benchmark-password",
            )
        async with sessions() as session, session.begin():
            return (await open_session(session, user, timedelta(hours=2))).token
    finally:
        await engine.dispose()


def quantiles(took: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds (of one run: that run's, twice)."""
    if len(took) < 2:
        return took[0] * 1000, took[0] * 1000
    cuts = statistics.quantiles(took, n=20, method="inclusive")
    return statistics.median(took) * 1000, cuts[18] * 1000
