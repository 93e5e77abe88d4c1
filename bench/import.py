"""Bringing in a big register: 100,000 cases with their hearings, awards, payments and the
survivors' violation records, rows a second.

Not a test: run `make bench-import` (or `.venv/bin/python bench/import.py --cases N`). It makes
a scratch database on the local PostgreSQL (or an embedded one), generates the five files an
office would send (tests/spreadsheets.py: two date forms, stray spaces,
court numbers spelt several ways), then for each file times a dry run and the real import
through the same code as `haki import`, and prints rows per second for each, and the
importing process's CPU time a row (user + system) and its PostgreSQL backends' (read from
/proc, when the server runs on this machine), which move far less than a rate when other
programs share the cores.
"""

import argparse
import asyncio
import math
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# in place of bench/ itself, whose transitions.py would shadow the `transitions` package
sys.path[0] = str(ROOT)

from sqlalchemy import event  # noqa: E402

from domain.audit import Actor  # noqa: E402
from service.database import make_engine, make_sessionmaker, scratch_database, scratch_server  # noqa: E402
from service.imports.layouts import ImportKind  # noqa: E402
from service.migrate import upgrade  # noqa: E402
from service.usecases.importing.request import ImportRequest  # noqa: E402
from service.usecases.importing.running import ImportRules, run_import  # noqa: E402
from tests.spreadsheets import (  # noqa: E402
    award_row,
    awarded,
    case_row,
    hearing_row,
    matters,
    payment_row,
    sheet,
    violation_row,
)

ACTOR = Actor("bench", "local")


def files(count: int) -> dict[ImportKind, tuple[bytes, int]]:
    rng = random.Random(1)
    register = matters(count)
    made = {
        ImportKind.CASES: [case_row(m, rng) for m in register],
        ImportKind.HEARINGS: [hearing_row(m, rng) for m in register if m.number],
        ImportKind.AWARDS: [award_row(m, rng) for m in awarded(register)],
        ImportKind.PAYMENTS: [payment_row(m, rng) for m in awarded(register)],
        ImportKind.VIOLATIONS: [violation_row(m, rng) for m in register],
    }
    return {kind: (sheet(rows, blank_every=500)[0], len(rows)) for kind, rows in made.items()}


def server_cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) of these PostgreSQL backends, read from /proc: a server on
    this machine (NaN otherwise)."""
    try:
        fields = [Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split() for pid in pids]
    except OSError:
        return math.nan
    return sum(int(f[11]) + int(f[12]) for f in fields) / os.sysconf("SC_CLK_TCK")


async def timed(
    url: str, kind: ImportKind, data: bytes, dry_run: bool
) -> tuple[float, float, float, int]:
    """Seconds, CPU seconds of this process and of its PostgreSQL backends, rows reported."""
    engine = make_engine(url, pool_size=2)
    pids: list[int] = []
    event.listen(
        engine.sync_engine,
        "connect",
        lambda connection, _: pids.append(connection.driver_connection.get_server_pid()),
    )
    try:
        started, cpu = time.perf_counter(), time.process_time()
        report = await run_import(
            make_sessionmaker(engine), ACTOR, ImportRequest(kind, data, f"{kind}.csv", dry_run),
            rules=ImportRules(max_bytes=len(data)),
        )  # fmt: skip
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        server = server_cpu(pids)
    finally:
        await engine.dispose()
    if report.errors:
        raise SystemExit(f"{kind}: {len(report.errors)} errors, first {report.errors[0]}")
    return seconds, cpu, server, len(report.rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    with scratch_server() as admin:
        url = scratch_database(admin, "haki_bench_import")
        upgrade(url)
        generated = files(args.cases)
        sizes = [f"{k} {n:,} rows ({len(d) / 1e6:.1f} MB)" for k, (d, n) in generated.items()]
        print(f"{args.cases:,} cases; files: {', '.join(sizes)}")
        print(
            f"{'file':<10} {'rows':>9} {'dry run':>10} {'import':>10}   (rows per second)"
            f" {'dry run':>9} {'import':>9}   (CPU ms a row: importer)"
            f" {'dry run':>9} {'import':>9}   (PostgreSQL)"
        )
        for kind, (data, rows) in generated.items():
            dry_seconds, dry_cpu, dry_server, _ = asyncio.run(timed(url, kind, data, True))
            seconds, cpu, server, done = asyncio.run(timed(url, kind, data, dry_run=False))
            assert done == rows
            print(
                f"{kind:<10} {rows:>9,} {rows / dry_seconds:>10,.0f} {rows / seconds:>10,.0f}"
                f"{'':>22}{dry_cpu * 1e3 / rows:>9.2f} {cpu * 1e3 / rows:>9.2f}"
                f"{'':>29}{dry_server * 1e3 / rows:>9.2f} {server * 1e3 / rows:>9.2f}"
            )
        cases, count = generated[ImportKind.CASES]
        again, cpu, server, _ = asyncio.run(timed(url, ImportKind.CASES, cases, False))
        print(
            f"cases again (nothing changes): {count / again:,.0f} rows/s,"
            f" {cpu * 1e3 / count:.2f} CPU ms a row, {server * 1e3 / count:.2f} in PostgreSQL"
        )


if __name__ == "__main__":
    main()
