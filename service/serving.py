"""`haki serve` and `haki demo-data`: the commands of a first start.

`make run` is `haki serve --migrate --demo-data`: one process and one start of the embedded
PostgreSQL instead of three, which is most of the time a fresh clone waits before serving.
"""

import asyncio
import os
import signal
import sys
import tempfile
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, NoReturn, TypeVar

import click

from service.database import database, make_engine, make_sessionmaker
from service.migrate import DatabaseBehind, check_current, upgrade
from service.secret_key import SecretKeyMissing, with_document_keys, with_secret_key
from service.settings import Settings

T = TypeVar("T")

NOT_HERE = (
    "DATABASE_URL names a database of your own: no demo data loaded. The demo accounts' "
    "passwords are published, so they go only into the embedded development database; "
    "add --i-know-this-is-not-production to load them into this one."
)


def run_checked(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(coroutine)
    except DatabaseBehind as error:
        sys.exit(str(error))


def _load_demo(url: str) -> str:
    from datetime import UTC, datetime

    from domain.calendar import nairobi_today
    from service.demo import load_demo_data

    async def load() -> int:
        await check_current(url)
        engine = make_engine(url)
        try:
            return await load_demo_data(make_sessionmaker(engine), nairobi_today(datetime.now(UTC)))
        finally:
            await engine.dispose()

    loaded = run_checked(load())
    return f"loaded {loaded} demo cases" if loaded else "register not empty: no demo data loaded"


@click.command("demo-data")
@click.option(
    "--i-know-this-is-not-production",
    "not_production",
    is_flag=True,
    help="load into the database DATABASE_URL names, too (the demo passwords are published)",
)
def demo_data(not_production: bool) -> None:
    """Load fictional demo cases and accounts into the embedded development database, only if
    the register is empty. The accounts' passwords are in the README, so a database named by
    DATABASE_URL, which may be a real office's, gets them only when asked in so many words."""
    settings = Settings()
    if settings.database_url and not not_production:
        click.echo(NOT_HERE)
        return
    with database(settings) as url:
        click.echo(_load_demo(url))


@click.command()
@click.option("--host", default=None, help="address to listen on (HAKI_HOST, 127.0.0.1)")
@click.option("--port", type=int, default=None, help="port (HAKI_PORT, 8000)")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="API processes; they share nothing but the database",
)
@click.option("--migrate", "migrate_first", is_flag=True, help="first, as `haki migrate`")
@click.option(
    "--demo-data",
    "with_demo",
    is_flag=True,
    help="then, as `haki demo-data` (the embedded database only)",
)
def serve(
    host: str | None, port: int | None, workers: int, migrate_first: bool, with_demo: bool
) -> None:
    """Serve the API; refuses a database that is behind its migrations."""
    import uvicorn

    from service.http_writes import OneWriteProtocol
    from service.logs import configure_logging

    configure_logging()
    try:
        settings = with_document_keys(with_secret_key(Settings()))
    except SecretKeyMissing as missing:
        sys.exit(str(missing))
    host, port = host or settings.host, port or settings.port
    signal.signal(signal.SIGTERM, _leave_through_python)
    with database(settings) as url, _metrics_shared(workers):
        if migrate_first:
            upgrade(url)
            click.echo("database is up to date")
        if with_demo:
            click.echo(NOT_HERE if settings.database_url else _load_demo(url))
        run_checked(check_current(url))
        # worker processes build their app from the environment: point it at this database, and
        # hand them the secret and the documents' keys, which may have been read from the data
        # folder
        os.environ["DATABASE_URL"] = url
        os.environ["HAKI_SECRET_KEY"] = str(settings.secret_key)
        os.environ["HAKI_DOCUMENT_KEYS"] = str(settings.document_keys)
        click.echo(
            f"Haki is serving on http://{host}:{port}  (API docs: http://{host}:{port}/schema)\n"
            f"Open http://{host}:{port}/ in a browser to sign in"
        )
        uvicorn.run(
            "service.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            http=OneWriteProtocol,
            server_header=False,  # names the server's software to no one, on every answer
            access_log=False,
            log_config=None,
            # on SIGTERM: requests in hand get half the stop time, the in-process clock the rest
            timeout_graceful_shutdown=max(1, int(settings.stop_seconds // 2)),
        )


def _leave_through_python(signum: int, frame: FrameType | None) -> NoReturn:
    """uvicorn stops on SIGTERM and then raises it again, which would end the process before
    the embedded PostgreSQL is stopped: exiting through Python runs the clean-up first."""
    raise SystemExit(0)


@contextmanager
def _metrics_shared(workers: int) -> Iterator[None]:
    """Several API processes count requests in one folder, so a scrape sees them all."""
    if workers == 1 or "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="haki-metrics-") as folder:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        yield
