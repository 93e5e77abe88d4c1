"""`haki serve` on its embedded PostgreSQL, stopped with SIGTERM as systemd or a Procfile
runner stops it: the database server stops with it instead of running on unowned. Started as
`make run` starts it (`haki serve --migrate --demo-data`), with nothing set: it migrates a new
database, loads the demo accounts, makes the server's secret and keeps it."""

import asyncio
import os
import sys
import tempfile
from pathlib import Path

import httpx

from service.secret_key import FILE
from tests.integration.test_graceful_stop import free_port, ready, stopped_in_time


async def test_sigterm_stops_the_embedded_server_too() -> None:
    with tempfile.TemporaryDirectory(prefix="haki-embedded-") as folder:
        os.chmod(folder, 0o755)  # the embedded server runs as its own system user under root
        unset = {"DATABASE_URL", "HAKI_SECRET_KEY"}
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env |= {"HAKI_DATA_DIR": folder, "HAKI_CLOCK": "off"}
        port = free_port()
        make_run = ["serve", "--migrate", "--demo-data", "--port", str(port)]
        server = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "service.cli", *make_run, env=env
        )
        try:
            answer = await ready(port)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                demo = {"username": "lawyer", "password": "haki-demo-lawyer"}
                signed_in = await client.post("/auth/login", json=demo)
        finally:
            await stopped_in_time(server)
        assert answer.status_code == 200
        assert signed_in.status_code == 200, "the demo accounts were loaded"
        assert server.returncode == 0
        assert not (Path(folder) / "pgdata" / "postmaster.pid").exists(), "PostgreSQL still runs"
        assert (Path(folder) / FILE).exists(), "the secret is kept for the next start"


async def test_serve_refuses_to_start_on_a_given_database_without_the_secret() -> None:
    env = {k: v for k, v in os.environ.items() if k != "HAKI_SECRET_KEY"}
    env |= {"DATABASE_URL": "postgresql://haki@127.0.0.1:9/haki"}
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "service.cli", "serve", env=env, stderr=asyncio.subprocess.PIPE
    )
    _, said = await asyncio.wait_for(server.communicate(), timeout=60)
    assert server.returncode == 1
    assert "HAKI_SECRET_KEY is not set" in said.decode()
