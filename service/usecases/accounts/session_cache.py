"""Who a token belongs to, remembered for a few seconds so a request skips the look-up.

Lock-out stays immediate: every change that ends a session or changes an account (sign-out,
disable, a new role or password, an edit in SQL) fires a trigger that NOTIFYs `haki_sessions`
(migration 0031), and each process LISTENs on its own connection and forgets everything it
remembered as soon as one arrives. A change made in this process also forgets at once, before
its answer is sent, without waiting for the notification; another process hears of it when
PostgreSQL delivers the notification, milliseconds after the commit. Whenever the listening
connection is down, nothing is remembered and every request asks PostgreSQL, as without a cache.
"""

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import AsyncIterator
from datetime import datetime

import asyncpg

from domain.base import utcnow
from domain.users import Principal

CHANNEL = "haki_sessions"
RETRY_SECONDS = 1.0
"""how soon a lost listening connection is tried again (the cache is off meanwhile)"""

_log = logging.getLogger(__name__)
_caches: "weakref.WeakSet[SessionCache]" = weakref.WeakSet()


class SessionCache:
    """One per app: token hash → principal, each entry kept at most `seconds`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.listening = False
        self.forgotten = 0
        """how many times it was emptied: a test waits on it for another process's change"""
        self._known: dict[str, tuple[Principal, float]] = {}
        _caches.add(self)

    def get(self, token_hash: str) -> Principal | None:
        found = self._known.get(token_hash)
        if found is None or not self.listening:
            return None
        principal, until = found
        if time.monotonic() >= until:
            del self._known[token_hash]
            return None
        return principal

    def keep(self, token_hash: str, principal: Principal, expires_at: datetime, read: int) -> None:
        """Remembers a session read from PostgreSQL, never past the session's own expiry, and
        not at all if the cache was emptied while it was read (`read` is `forgotten` before)."""
        if not self.listening or self.seconds <= 0 or read != self.forgotten:
            return
        left = min(self.seconds, (expires_at - utcnow()).total_seconds())
        if left > 0:
            self._known[token_hash] = (principal, time.monotonic() + left)

    def forget(self) -> None:
        self._known.clear()
        self.forgotten += 1

    def _heard(self, *_: object) -> None:
        self.forget()

    def _lost(self) -> None:
        self.listening = False
        self.forget()

    async def listen(self, dsn: str) -> None:
        """Runs until cancelled: keeps a LISTEN connection, and the cache on only while it is up."""
        while True:
            try:
                connection = await asyncpg.connect(dsn)
            except (OSError, asyncpg.PostgresError):
                _log.warning("session cache off: cannot listen for sign-outs; retrying")
                await asyncio.sleep(RETRY_SECONDS)
                continue
            try:
                await self._listen_on(connection)
            finally:
                self._lost()
                await connection.close()

    async def _listen_on(self, connection: asyncpg.Connection) -> None:
        closed = asyncio.Event()
        connection.add_termination_listener(lambda _: closed.set())
        await connection.add_listener(CHANNEL, self._heard)
        self.forget()
        self.listening = True
        await closed.wait()


def forget_sessions() -> None:
    """Called by a change to sessions or accounts in this process once it has committed."""
    for cache in list(_caches):
        cache.forget()


@contextlib.asynccontextmanager
async def listening(cache: SessionCache, dsn: str) -> AsyncIterator[None]:
    if cache.seconds <= 0:
        yield
        return
    task = asyncio.create_task(cache.listen(dsn))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
