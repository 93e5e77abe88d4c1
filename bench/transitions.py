"""Transitions per second through the HTTP API, against the same writes in raw asyncpg (the floor).

Not a test: run `make bench` (or `.venv/bin/python bench/transitions.py --seconds 20`). It makes
a scratch database on the local PostgreSQL (or an embedded one), serves the API from a separate
uvicorn process on loopback, and drives it with 8 concurrent clients, each on its own cases so
that every request is a successful transition. The floor does, per transition, what the API
must do at least: in one transaction, read the case's stage and version, update them with a
version check, and insert the event.
"""

import argparse
import asyncio
import os
import secrets
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import aiohttp
import asyncpg
import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from haki_server import free_port, sign_in_administrator  # noqa: E402

from domain.calendar import nairobi_today  # noqa: E402
from service.database import (  # noqa: E402
    asyncpg_dsn,
    scratch_database,
    scratch_server,
)
from service.migrate import upgrade  # noqa: E402
from service.usecases.records.sealing import new_key  # noqa: E402

TODAY = nairobi_today(datetime.now(UTC))  # steps without a date are dated this day
# a petition heard and dismissed: every step a plain court-track transition (an award would
# add its own writes, which bench/statements.py is to measure)
CYCLE = [
    ("file", {}),
    ("exchange_pleadings", {}),
    ("set_down_for_hearing", {}),
    ("reserve_judgment", {}),
    ("deliver_judgment", {"occurred_on": TODAY.isoformat(), "outcome": "dismissed"}),
    ("dismiss", {}),
    ("close", {}),
]
STAGES = [
    "intake",
    "filed",
    "pleadings",
    "hearing",
    "judgment_reserved",
    "judgment",
    "dismissed",
    "closed",
]


async def make_cases(dsn: str, count: int, pool: str) -> list[uuid.UUID]:
    """Inserts cases at intake directly: setting up the pool is not what is measured."""
    ids = [uuid.uuid4() for _ in range(count)]
    connection = await asyncpg.connect(dsn)
    try:
        await connection.executemany(
            "INSERT INTO cases (id, reference, title, kind, court_level, court_station,"
            " court_number, respondents, lead_counsel, stage, stage_since, version, opened_at)"
            " VALUES ($1, $2, 'Bench v AG', 'civil_claim', 'high_court', $4,"
            " $3, ARRAY['Attorney General'], 'Bench Counsel', 'intake', '2024-01-01', 1, now())",
            [
                (case_id, f"BENCH/{pool}/{n}", f"HCCC {n + 1} of 2024", f"Bench {pool}")
                for n, case_id in enumerate(ids)
            ],
        )
    finally:
        await connection.close()
    return ids


async def drive(n_clients: int, seconds: float, work: "asyncio.Queue[uuid.UUID]", fire) -> int:  # type: ignore[no-untyped-def]
    """Runs `n_clients` loops that walk cases through the cycle until time is up."""
    deadline = time.perf_counter() + seconds
    done = 0

    async def client() -> None:
        nonlocal done
        while time.perf_counter() < deadline and not work.empty():
            case_id = work.get_nowait()
            for version, (trigger, facts) in enumerate(CYCLE, start=1):
                if time.perf_counter() >= deadline:
                    return
                await fire(case_id, version, trigger, facts)
                done += 1

    await asyncio.gather(*(client() for _ in range(n_clients)))
    return done


async def through_api(
    base: str, token: str, ids: list[uuid.UUID], n_clients: int, seconds: float
) -> tuple[float, int]:
    """aiohttp, not httpx, drives the API: on two shared cores httpx spent 0.7 ms of CPU per
    request, time the API under test then did not get."""
    work: asyncio.Queue[uuid.UUID] = asyncio.Queue()
    for case_id in ids:
        work.put_nowait(case_id)
    connector = aiohttp.TCPConnector(limit=n_clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(base, connector=connector, headers=headers) as http:

        async def fire(case_id, version, trigger, facts):  # type: ignore[no-untyped-def]
            body = {"trigger": trigger, "version": version, **facts}
            async with http.post(f"/cases/{case_id}/transitions", json=body) as response:
                if response.status != 201:
                    raise RuntimeError(f"{trigger}: {response.status} {await response.text()}")
                await response.read()

        started = time.perf_counter()
        done = await drive(n_clients, seconds, work, fire)
        return done / (time.perf_counter() - started), done


async def through_asyncpg(dsn: str, ids: list[uuid.UUID], n_clients: int, seconds: float) -> float:
    work: asyncio.Queue[uuid.UUID] = asyncio.Queue()
    for case_id in ids:
        work.put_nowait(case_id)
    pool = await asyncpg.create_pool(dsn, min_size=n_clients, max_size=n_clients)
    assert pool is not None

    async def fire(case_id, version, trigger, facts):  # type: ignore[no-untyped-def]
        async with pool.acquire() as connection, connection.transaction():
            row = await connection.fetchrow(
                "SELECT stage, version FROM cases WHERE id = $1", case_id
            )
            new_stage = STAGES[STAGES.index(row["stage"]) + 1]
            status = await connection.execute(
                "UPDATE cases SET stage = $1, stage_since = $2, version = $3"
                " WHERE id = $4 AND version = $5",
                new_stage,
                date(2024, 6, 1),
                version + 1,
                case_id,
                version,
            )
            assert status == "UPDATE 1"
            await connection.execute(
                "INSERT INTO case_events (case_id, trigger, from_stage, to_stage, occurred_on,"
                " recorded_at, details) VALUES ($1, $2, $3, $4, $5, now(), '{}')",
                case_id,
                trigger,
                row["stage"],
                new_stage,
                date(2024, 6, 1),
            )

    try:
        started = time.perf_counter()
        done = await drive(n_clients, seconds, work, fire)
        return done / (time.perf_counter() - started)
    finally:
        await pool.close()


def serve(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "DATABASE_URL": url,
        "HAKI_SECRET_KEY": secrets.token_urlsafe(32),  # a scratch database: any will do
        "HAKI_DOCUMENT_KEYS": f"bench:{new_key()}",  # the app refuses to start without one
        "HAKI_PORT": str(port),
        "HAKI_DB_POOL": "10",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):  # a minute: under a profiler on shared cores it starts slowly
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health/ready").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the API did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15, help="length of each run")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--cases", type=int, default=3000, help="cases in each pool")
    parser.add_argument(
        "--workers",
        type=int,
        action="append",
        help="API processes (repeatable; default 1 and cores)",
    )
    args = parser.parse_args()

    layouts = sorted(set(args.workers or {1, os.cpu_count() or 1}))
    with scratch_server() as admin:
        url = scratch_database(admin, "haki_bench")
        upgrade(url)
        dsn = asyncpg_dsn(url)
        api = {workers: measure_api(url, dsn, workers, args) for workers in layouts}
        raw_ids = asyncio.run(make_cases(dsn, args.cases, "raw"))
        raw = asyncio.run(through_asyncpg(dsn, raw_ids, args.clients, args.seconds))

    print(f"clients: {args.clients}, {args.seconds:.0f} s per run, on {os.cpu_count()} cores")
    print(f"raw asyncpg, same three writes:   {raw:8.0f} transitions/s  (the floor)")
    for workers, (rate, cpu_ms) in api.items():
        label = f"HTTP API, {workers} process{'es' if workers > 1 else ''}:"
        print(
            f"{label:<34}{rate:8.0f} transitions/s  ratio {rate / raw:.2f}  (target >= 0.35)"
            f"  server CPU {cpu_ms:.2f} ms a step"
        )


def server_cpu_seconds(server: subprocess.Popen[bytes]) -> float:
    """User and system time of the server and its worker processes so far: unlike a rate, it
    hardly moves when other programs share the cores."""
    root = psutil.Process(server.pid)
    total = 0.0
    for process in (root, *root.children(recursive=True)):
        times = process.cpu_times()
        total += times.user + times.system
    return total


def measure_api(url: str, dsn: str, workers: int, args: argparse.Namespace) -> tuple[float, float]:
    """Serves the API with `workers` processes on a fresh pool of cases and drives it; gives
    the transitions a second and the server's CPU milliseconds per transition."""
    ids = asyncio.run(make_cases(dsn, args.cases, f"api{workers}"))
    port = free_port()
    server = serve(url, port, workers)
    try:
        base = f"http://127.0.0.1:{port}"
        token = asyncio.run(sign_in_administrator(url))
        asyncio.run(through_api(base, token, ids[:50], args.clients, 2))  # warm up
        before = server_cpu_seconds(server)
        rate, done = asyncio.run(through_api(base, token, ids[50:], args.clients, args.seconds))
        return rate, 1000 * (server_cpu_seconds(server) - before) / max(done, 1)
    finally:
        server.terminate()
        server.wait(timeout=60)  # on loaded shared cores it can take more than 10 s to stop


if __name__ == "__main__":
    main()
