"""`haki worker` processes for the benchmarks: started on a scratch database, always stopped."""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Processes = list[subprocess.Popen[bytes]]


@contextmanager
def haki_workers(count: int, settings: dict[str, str]) -> Iterator[Processes]:
    """`count` workers with these HAKI_* settings (and DATABASE_URL), stopped with SIGTERM,
    then killed, however the benchmark leaves."""
    env = os.environ | settings
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
