"""Background work in one place: the reminder clock, the notifications dispatcher, today's report.

`haki worker` runs it alone; `haki serve` runs it inside each API process unless HAKI_CLOCK is
off. Instances coordinate only through row locks in PostgreSQL.
"""

import asyncio
import logging
import signal
from asyncio import FIRST_COMPLETED
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from notifications.outbox import CHANNEL
from service.channels import channels_from, close_channels
from service.clock import start_clock
from service.database import asyncpg_dsn, make_sessionmaker
from service.dispatch import DispatchRules, Round, dispatch_once
from service.log_context import kind_of
from service.settings import Settings
from service.usecases.reports.unpaid_refresh import refresh_forever

log = logging.getLogger("haki.worker")

BESIDE_REQUESTS = 0.2
"""Seconds from the start of one round of a dispatcher that shares its process with the API
(`haki serve`) to the start of the next that NOTIFY wakes. A lone cause still goes at once; a
burst (judgments recorded one after another) is expanded in one round a fifth of a second,
not in a round of its own each: a profile of bench/transitions.py found those rounds an eighth
of the API process's CPU. `haki worker` does nothing else and takes every wake at once:
spaced, its rounds found the backlog in smaller batches (a fifth more CPU a text in
bench/outbox.py)."""


def dispatch_rules(settings: Settings) -> DispatchRules:
    return DispatchRules(
        batch=settings.dispatch_batch,
        attempts=settings.delivery_attempts,
        toll_free=settings.toll_free,
    )


async def dispatch_now(engine: AsyncEngine, settings: Settings) -> Round:
    channels = channels_from(settings)
    try:
        return await dispatch_once(
            engine, make_sessionmaker(engine), channels, dispatch_rules(settings)
        )
    finally:
        await close_channels(channels)


async def _listening(engine: AsyncEngine, wake: asyncio.Event) -> asyncpg.Connection | None:
    """A connection that sets `wake` on each NOTIFY, or None while the database is away: the
    dispatcher then polls, and listens again once it can."""
    try:
        listener = await asyncpg.connect(
            asyncpg_dsn(engine.url.render_as_string(hide_password=False)), timeout=5
        )
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        log.warning("dispatcher: cannot listen for the outbox, polling instead: %s", kind_of(error))
        return None
    await listener.add_listener(CHANNEL, lambda *_: wake.set())
    return listener


async def dispatch_forever(
    engine: AsyncEngine,
    settings: Settings,
    stopping: asyncio.Event | None = None,
    spacing: float = 0.0,
) -> None:
    """Sends whenever the outbox is woken by NOTIFY, a round at most every `spacing` seconds
    (BESIDE_REQUESTS), and at least every HAKI_CLOCK_SECONDS (retries fall due with no one to
    wake us), until `stopping` is set: then the round in hand is sent and settled and it
    returns."""
    stopping = stopping or asyncio.Event()
    wake = asyncio.Event()
    channels = channels_from(settings)
    sessions = make_sessionmaker(engine)
    rules = dispatch_rules(settings)
    listener = None
    loop = asyncio.get_running_loop()
    try:
        while not stopping.is_set():
            if listener is None or listener.is_closed():
                listener = await _listening(engine, wake)
            wake.clear()
            began = loop.time()
            try:
                await dispatch_once(engine, sessions, channels, rules, stopping=stopping)
            except (OSError, DBAPIError) as error:
                log.warning("dispatcher: database unreachable, will try again: %s", kind_of(error))
            woken = asyncio.ensure_future(wake.wait())
            stopped = asyncio.ensure_future(stopping.wait())
            await asyncio.wait(
                (woken, stopped), timeout=settings.clock_seconds, return_when=FIRST_COMPLETED
            )
            woken.cancel()
            rest = began + spacing - loop.time()
            if rest > 0:
                await asyncio.wait((stopped,), timeout=rest)
            stopped.cancel()
    finally:
        if listener is not None:
            await listener.close()
        await close_channels(channels)


@asynccontextmanager
async def background(
    engine: AsyncEngine, settings: Settings, spacing: float = 0.0
) -> AsyncIterator[None]:
    """On leaving, stops gracefully: the clock commits the batch it holds, the dispatcher sends
    and settles the round it claimed, and neither takes more. Past HAKI_STOP_SECONDS both are
    cancelled: the clock's transaction rolls back (its rows wait for another worker) and a
    delivery caught mid-send is left `sending`, in doubt after its lease, never re-sent. Today's
    report is only ever recomputed, so it is cancelled at once."""
    clock = start_clock(engine, settings)
    stopping = asyncio.Event()
    dispatcher = asyncio.create_task(dispatch_forever(engine, settings, stopping, spacing))
    reports = asyncio.create_task(refresh_forever(engine, settings.clock_seconds))
    try:
        yield
    finally:
        stopping.set()
        reports.cancel()
        clock_stopped = asyncio.create_task(clock.stop())
        done, late = await asyncio.wait((dispatcher, clock_stopped), timeout=settings.stop_seconds)
        for task in late:
            task.cancel()
        if late:
            log.warning("stopped before the work in hand was done: %d task(s) cancelled", len(late))
            clock.scheduler.shutdown(wait=False)
        await asyncio.gather(*done, *late, reports, return_exceptions=True)
        log.info("background work stopped")


async def run_worker(engine: AsyncEngine, settings: Settings) -> None:
    """Until SIGTERM or Ctrl-C."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with background(engine, settings):
        await stop.wait()
