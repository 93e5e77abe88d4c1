"""`haki serve` on its embedded PostgreSQL, stopped with SIGTERM as systemd or a Procfile
runner stops it: the database server stops with it instead of running on unowned."""

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from tests.integration.test_graceful_stop import free_port, ready, stopped_in_time


async def test_sigterm_stops_the_embedded_server_too() -> None:
    with tempfile.TemporaryDirectory(prefix="haki-embedded-") as folder:
        os.chmod(folder, 0o755)  # the embedded server runs as its own system user under root
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env |= {"HAKI_DATA_DIR": folder, "HAKI_CLOCK": "off"}
        haki = [sys.executable, "-m", "service.cli"]
        migrate = await asyncio.create_subprocess_exec(*haki, "migrate", env=env)
        assert await migrate.wait() == 0
        port = free_port()
        server = await asyncio.create_subprocess_exec(*haki, "serve", "--port", str(port), env=env)
        try:
            answer = await ready(port)
        finally:
            await stopped_in_time(server)
        assert answer.status_code == 200
        assert server.returncode == 0
        assert not (Path(folder) / "pgdata" / "postmaster.pid").exists(), "PostgreSQL still runs"
