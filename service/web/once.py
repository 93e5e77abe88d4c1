"""A page's form is written once, however often it is sent: the browser's `Idempotency-Key`.

Each form a page renders carries its own random token (`_once`, beside the CSRF `_form_token`,
which says only that the form came from Haki and is the same on every form of a session). The
first submit claims the token in PostgreSQL, so a double click reaching another replica is
caught too. When the first is done, the token keeps where it sent the person (its redirect);
every later submit of the same form writes nothing and is sent there, with a plain message and
the record as it now stands. A submit arriving while the first still runs waits for it, since a
browser shows the answer to the last click, not the first.

A refusal (the form comes back with what was wrong) or a failure wrote nothing, so the token is
freed: the person corrects the form and sends it again. As with API keys, a process that dies
between writing and noting its answer leaves the claim; it is taken over after LEASE.
"""

import asyncio
import re
import secrets
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from domain.base import utcnow
from domain.idempotency import FormSubmission
from service.request_body import read_body, too_large

FIELD = "_once"
AGAIN = "again"
"""the query word that tells a page it is shown for a form sent again"""
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
KEEP = timedelta(days=7)
"""a form is sent within a session (hours); a week covers any session Haki gives"""
LEASE = timedelta(seconds=60)
WAIT = 15.0
"""seconds a second submit waits for the first before it is sent back to the page anyway"""
_POLL = 0.05
_table = FormSubmission.__table__  # type: ignore[attr-defined]


def new_token() -> str:
    """One per rendered form: the pages call it for each form they draw."""
    return secrets.token_urlsafe(24)


async def claim(engine: AsyncEngine, token: str, now: datetime) -> bool:
    """True if this submit is the first (or takes over one left by a process that died)."""
    statement = (
        insert(_table)
        .values(token=token, location=None, created_at=now)
        .on_conflict_do_update(
            index_elements=["token"],
            set_={"location": None, "created_at": now},
            where=_table.c.location.is_(None) & (_table.c.created_at < now - LEASE),
        )
        .returning(_table.c.token)
    )
    async with engine.begin() as connection:
        return (await connection.execute(statement)).first() is not None


async def settle(engine: AsyncEngine, token: str, location: str) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            _table.update().where(_table.c.token == token).values(location=location)
        )


async def release(engine: AsyncEngine, token: str) -> None:
    async with engine.begin() as connection:
        await connection.execute(delete(FormSubmission).where(col(FormSubmission.token) == token))


async def _where_it_went(engine: AsyncEngine, token: str) -> tuple[bool, str | None]:
    """Whether the token is held, and where its first submit sent the person once done."""
    async with engine.connect() as connection:
        row = (
            await connection.execute(select(_table.c.location).where(_table.c.token == token))
        ).first()
    return row is not None, row.location if row else None


async def forget_old(engine: AsyncEngine, now: datetime) -> None:
    """Run by the clock: a form older than any session cannot be sent again."""
    async with engine.begin() as connection:
        await connection.execute(
            delete(FormSubmission).where(col(FormSubmission.created_at) < now - KEEP)
        )


def shown_again(location: str) -> str:
    """The first submit's address, saying the page is shown for a form sent again (and no
    longer that something was just recorded)."""
    parts = urlsplit(location)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "done"]
    return urlunsplit(parts._replace(query=urlencode([*query, (AGAIN, "1")])))


def _token(scope: Scope, body: bytes) -> str | None:
    headers = dict(scope["headers"])
    if not headers.get(b"content-type", b"").startswith(b"application/x-www-form-urlencoded"):
        return None
    sent = dict(parse_qsl(body.decode("latin-1"))).get(FIELD, "")
    return sent if TOKEN.fullmatch(sent) else None


def _back(scope: Scope) -> str:
    """Where a form whose answer was a page (not a redirect) was sent from, on this site."""
    referer = dict(scope["headers"]).get(b"referer", b"").decode("latin-1")
    parts = urlsplit(referer)
    host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
    if parts.netloc == host and parts.path.startswith("/web/"):
        return urlunsplit(("", "", parts.path, parts.query, ""))
    return "/web/"


async def _redirect(send: Send, location: str) -> None:
    headers = [(b"location", location.encode()), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


class OnceOnly(ASGIMiddleware):
    """On the pages' router: every POST of a form that carries `_once`."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        app = Litestar.from_scope(scope)
        if scope.get("method") != "POST" or too_large(scope, app.state.settings.max_body_bytes):
            await next_app(scope, receive, send)
            return
        body, again = await read_body(receive)
        token = _token(scope, body)
        engine: AsyncEngine = app.state.engine
        if token is None:
            await next_app(scope, again, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT
        while loop.time() < deadline:
            if await claim(engine, token, utcnow()):
                await _first(engine, token, scope, again, send, next_app)
                return
            held, went = await _where_it_went(engine, token)
            if went is not None:
                await _redirect(send, shown_again(went))
                return
            if held:  # the first still runs; if it is refused, its token is freed for this one
                await asyncio.sleep(_POLL)
        await _redirect(send, shown_again(_back(scope)))


async def _first(
    engine: AsyncEngine, token: str, scope: Scope, receive: Receive, send: Send, app: ASGIApp
) -> None:
    started: dict[str, Any] = {}

    async def noting(message: Message) -> None:
        if message["type"] == "http.response.start":
            started.update(message)
        await send(message)

    try:
        await app(scope, receive, noting)
    except BaseException:
        await release(engine, token)
        raise
    status = int(started.get("status", 500))
    location = dict(started.get("headers", [])).get(b"location", b"").decode("latin-1")
    if status in (302, 303) and not location.startswith("/web/login"):
        await settle(engine, token, location)
    elif 200 <= status < 300:
        await settle(engine, token, _back(scope))
    else:
        # refused (4xx: the form comes back to be put right), failed, or signed out: nothing
        # was written
        await release(engine, token)
