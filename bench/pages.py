"""The six main pages under 20 signed-in users at once, beside a bare Litestar page.

Not a test: `.venv/bin/python bench/pages.py --seconds 30`. It makes a scratch database with
the demo cases (service/demo.py), serves Haki from one uvicorn process on loopback and a bare
Litestar app (one route answering a short HTML page) from another, and drives each with the
same 20 clients, each with a session of its own carried in the pages' cookie. Each client
asks for the pages in turn; it prints p50/p95 per page and requests a second, and the ratio of
Haki's rate to the bare page's, measured in the same run.
"""

import argparse
import asyncio
import importlib.util
import os
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import httpx
from sqlalchemy import func
from sqlmodel import col, select

ROOT = Path(__file__).resolve().parent.parent
# in place of this folder, whose transitions.py would hide the state machine library
sys.path[0] = str(ROOT)

from domain.awards import Award  # noqa: E402
from domain.calendar import nairobi_today  # noqa: E402
from domain.users import Role, User  # noqa: E402
from service.auth.browser import SESSION_COOKIE  # noqa: E402
from service.database import (  # noqa: E402
    make_engine,
    make_sessionmaker,
    scratch_database,
    scratch_server,
)
from service.demo import load_demo_data  # noqa: E402
from service.migrate import upgrade  # noqa: E402
from service.usecases.accounts.users import open_session  # noqa: E402

# bench/transitions.py serves the API the same way; loaded by path, as its module name is
# the state machine library's
_spec = importlib.util.spec_from_file_location("bench_transitions", ROOT / "bench/transitions.py")
assert _spec is not None and _spec.loader is not None
_transitions_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_transitions_bench)
free_port, serve = _transitions_bench.free_port, _transitions_bench.serve

BARE_APP = """
from litestar import Litestar, MediaType, get

@get("/", media_type=MediaType.HTML)
async def page() -> str:
    return "<!doctype html><title>bare</title><p>a bare Litestar page</p>"

app = Litestar([page])
"""


async def prepare(url: str, users: int) -> tuple[list[str], dict[str, str]]:
    """Demo data, `users` sessions of the demo administrator, and the six pages' addresses."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    try:
        await load_demo_data(sessions, nairobi_today(datetime.now(UTC)))
        async with sessions() as session:
            admin = (await session.exec(select(User).where(User.role == Role.ADMIN))).first()
            assert admin is not None
            most = (
                select(Award.case_id, func.count().label("n"))
                .group_by(col(Award.case_id))
                .order_by(func.count().desc())
                .limit(1)
            )
            case_id, awards = (await session.exec(most)).one()
            award_id = (
                await session.exec(select(Award.id).where(Award.case_id == case_id))
            ).first()
        tokens = []
        for _ in range(users):
            async with sessions() as session, session.begin():
                tokens.append((await open_session(session, admin, timedelta(hours=2))).token)
    finally:
        await engine.dispose()
    print(f"the case page is a demo case with {awards} awards (the issue asks for four)")
    return tokens, {
        "My week": "/web/",
        "Cases filtered": "/web/cases?stage=compensation",
        "A case": f"/web/cases/{case_id}",
        "Ledger": f"/web/awards/{award_id}/ledger",
        "Unpaid awards": "/web/unpaid/awards",
        "Calendar": "/web/calendar",
    }


async def drive(
    base: str, tokens: list[str], pages: dict[str, str], seconds: float
) -> tuple[dict[str, list[float]], float]:
    """Each token one client, asking for the pages in turn until time is up."""
    timings: dict[str, list[float]] = {name: [] for name in pages}
    deadline = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=len(tokens))
    async with aiohttp.ClientSession(base, connector=connector) as http:

        async def client(token: str, offset: int) -> None:
            order = list(pages.items())
            n = offset
            while time.perf_counter() < deadline:
                name, path = order[n % len(order)]
                n += 1
                began = time.perf_counter()
                async with http.get(path, cookies={SESSION_COOKIE: token}) as answer:
                    await answer.read()
                    if answer.status != 200:
                        raise RuntimeError(f"{name}: {answer.status}")
                timings[name].append(time.perf_counter() - began)

        started = time.perf_counter()
        await asyncio.gather(*(client(token, n) for n, token in enumerate(tokens)))
        elapsed = time.perf_counter() - started
    return timings, sum(len(t) for t in timings.values()) / elapsed


def serve_bare(port: int, folder: Path) -> subprocess.Popen[bytes]:
    (folder / "bare_litestar.py").write_text(BARE_APP)
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(folder), "--port", str(port),
         "--log-level", "warning", "bare_litestar:app"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the bare Litestar app did not start")


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(label: str, timings: dict[str, list[float]], rate: float) -> None:
    print(f"{label}: {rate:7.0f} requests/s")
    for name, values in timings.items():
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(f"  {name:<16} {len(values):6d} requests  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="length of each run")
    parser.add_argument("--users", type=int, default=20, help="signed-in users at once")
    args = parser.parse_args()

    scratch = Path(os.environ.get("TMPDIR", "/tmp")) / f"haki-bench-{uuid.uuid4().hex[:8]}"
    scratch.mkdir()
    with scratch_server() as admin:
        url = scratch_database(admin, "haki_bench_pages")
        upgrade(url)
        tokens, pages = asyncio.run(prepare(url, args.users))
        port = free_port()
        server = serve(url, port, 1)
        try:
            base = f"http://127.0.0.1:{port}"
            asyncio.run(drive(base, tokens, pages, 2))  # warm up
            haki, haki_rate = asyncio.run(drive(base, tokens, pages, args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=60)  # on loaded shared cores it can take more than 10 s to stop
    port = free_port()
    bare_server = serve_bare(port, scratch)
    try:
        bare_pages = {"bare page": "/"}
        asyncio.run(drive(f"http://127.0.0.1:{port}", tokens, bare_pages, 2))
        bare, bare_rate = asyncio.run(
            drive(f"http://127.0.0.1:{port}", tokens, bare_pages, args.seconds)
        )
    finally:
        bare_server.terminate()
        bare_server.wait(timeout=10)
    print(f"{args.users} signed-in users, {args.seconds:.0f} s per run, on {os.cpu_count()} cores")
    report("Haki, one process, the six pages in turn", haki, haki_rate)
    report("bare Litestar page, one process", bare, bare_rate)
    print(f"ratio of request rates, Haki / bare page: {haki_rate / bare_rate:.3f}")


if __name__ == "__main__":
    main()
