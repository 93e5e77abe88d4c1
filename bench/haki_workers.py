"""`haki worker` processes for the benchmarks: started on a scratch database, always stopped."""

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Processes = list[subprocess.Popen[bytes]]
BYTECODE = Path(tempfile.gettempdir()) / "haki-bench-bytecode"
"""compiled modules, kept outside the source tree (PYTHONPYCACHEPREFIX) and across runs"""
WORKER_IMPORTS = "import service.cli, service.clock, service.logs, service.worker"


def with_bytecode(env: dict[str, str]) -> dict[str, str]:
    """`env` with Python's bytecode written and read again.

    An installed Haki runs from bytecode compiled at install; a checkout run with
    PYTHONDONTWRITEBYTECODE (or a venv installed without compiling) compiles every module at
    each start: seconds of CPU per worker, counted in a backlog's time, with nothing sent."""
    env = env | {"PYTHONPYCACHEPREFIX": str(BYTECODE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_workers() -> None:
    """Compiles what a worker imports, before a benchmark starts its clock."""
    subprocess.run(
        [sys.executable, "-c", WORKER_IMPORTS],
        cwd=ROOT,
        env=with_bytecode(dict(os.environ)),
        check=True,
    )


@contextmanager
def haki_workers(count: int, settings: dict[str, str]) -> Iterator[Processes]:
    """`count` workers with these HAKI_* settings (and DATABASE_URL), stopped with SIGTERM,
    then killed, however the benchmark leaves."""
    env = with_bytecode(os.environ | settings)
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]
    try:
        yield started
    finally:
        for worker in started:
            worker.terminate()
        for worker in started:
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


def still_running(processes: Processes) -> None:
    if any(worker.poll() is not None for worker in processes):
        raise SystemExit("a worker exited early: run `haki worker` by hand to see why")
