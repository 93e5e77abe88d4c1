"""`Idempotency-Key` on POST: a retried request gets the first answer, never a second write.

The same key with the same body replays the first answer (with `Idempotent-Replayed: true`);
the same key with another body is 422; the same key while the first request is still running
is 409. Keys are per user and kept in PostgreSQL, so a retry that reaches another replica is
answered the same. A server error (5xx) frees the key: nothing was written, so a retry runs.

The key is claimed in its own transaction before the request runs, and its answer stored after:
a process that dies in between leaves the claim, which another request may take over after
LEASE (the request itself either committed or not; if it did, that retry writes again — the
one window left, as with any idempotency layer that sits outside the handlers' transactions).

The query string is part of the request: `POST /imports/cases?dry_run=true` and the real import
with the same key are two requests (422), never a replay of the dry run's report.

An answer that holds a secret shown only once (a session token, a calendar address, a family's
status code: routes marked `SHOWN_ONCE`) is not kept, only that it was given; a retry with its
key is refused (409) in words, and the client asks again with a new key, which replaces the
first secret. Encrypting the kept answer instead would still keep the secret, readable by
whoever holds a copy of the database and the server's key (often on the same machine, in the
same backups), while Haki keeps those secrets only as hashes precisely so that a copy of the
database opens nothing. Not keeping them leaves nothing to read.

This module is the middleware and its documentation in the OpenAPI schema; the keys' table and
the rules of a claim are in service/idempotency_store.py, and reading the body whole (shared
with the pages' once-only forms) in service/request_body.py.
"""

import json
import re
import uuid
from typing import Any

from litestar import Litestar
from litestar.enums import ParamType, ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.openapi.spec import OpenAPIResponse, OpenAPIType, Parameter, Schema
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from service.errors import PROBLEM_BASE
from service.idempotency_store import claim, fingerprint, keep, release
from service.openapi import PROBLEM, problem_response
from service.request_body import read_body, too_large
from service.usecases.accounts.users import principal_for_token

HEADER = "Idempotency-Key"
SHOWN_ONCE = "shown_once"
"""the `opt` key of a route whose answer holds a secret shown only once: its answer is not kept"""
NOT_KEPT = (
    "this request was done, but its answer held something shown only once (a calendar address, "
    "a status code or a sign-in token), which Haki does not keep; send the request again with a "
    f"new {HEADER} to get a new one, which replaces the first"
)
KEY = re.compile(r"^[!-~]{1,255}$")
"""visible ASCII, no spaces: a UUID, a ULID or any token a client makes"""


def _shown_once(scope: Scope) -> bool:
    handler = scope.get("route_handler")
    return bool(handler is not None and handler.opt.get(SHOWN_ONCE))


async def _answer(send: Send, status: int, kind: str, body: bytes, replayed: bool) -> None:
    headers = [(b"content-type", kind.encode()), (b"content-length", str(len(body)).encode())]
    if replayed:
        headers.append((b"idempotent-replayed", b"true"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _problem(send: Send, status: int, slug: str, title: str, detail: str) -> None:
    problem = {"type": PROBLEM_BASE + slug, "status": status, "title": title, "detail": detail}
    await _answer(send, status, "application/problem+json", json.dumps(problem).encode(), False)


async def _user(engine: AsyncEngine, scope: Scope) -> uuid.UUID | None:
    headers = dict(scope["headers"])
    scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    async with engine.connect() as db:
        principal = await principal_for_token(db, token.strip())
    return principal.id if principal else None


class Idempotency(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        key = dict(scope["headers"]).get(HEADER.lower().encode())
        method = str(scope.get("method"))
        if method != "POST" or key is None:
            await next_app(scope, receive, send)
            return
        text = key.decode("latin-1")
        if not KEY.fullmatch(text):
            detail = f"{HEADER} must be 1 to 255 visible characters without spaces, e.g. a UUID"
            await _problem(send, 400, "bad-idempotency-key", "Bad Request", detail)
            return
        app = Litestar.from_scope(scope)
        engine: AsyncEngine = app.state.engine
        user = await _user(engine, scope)
        if user is None or too_large(scope, app.state.settings.max_body_bytes):
            # the guard answers 401, or Litestar 413: nothing to remember
            await next_app(scope, receive, send)
            return
        body, again = await read_body(receive)
        print_ = fingerprint(method, scope["path"], scope.get("query_string", b""), body)
        found = await claim(engine, user, text, print_, utcnow())
        if found is None:
            await self._first(engine, user, text, scope, again, send, next_app, _shown_once(scope))
        elif found.fingerprint != print_:
            detail = f"this {HEADER} was used for another request; use a new key for a new one"
            await _problem(send, 422, "idempotency-key-reused", "Unprocessable Content", detail)
        elif found.status is None:
            detail = f"a request with this {HEADER} is still being processed; retry shortly"
            await _problem(send, 409, "idempotency-key-in-use", "Conflict", detail)
        elif found.body is None:
            await _problem(send, 409, "answer-not-kept", "Conflict", NOT_KEPT)
        else:
            kind = found.content_type or "application/json"
            await _answer(send, found.status, kind, found.body or b"", replayed=True)

    @staticmethod
    async def _first(
        engine: AsyncEngine,
        user: uuid.UUID,
        key: str,
        scope: Scope,
        receive: Receive,
        send: Send,
        next_app: ASGIApp,
        shown_once: bool,
    ) -> None:
        started: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def recording(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await next_app(scope, receive, recording)
        except BaseException:
            await release(engine, user, key)
            raise
        status = int(started.get("status", 500))
        if status >= 500:
            await release(engine, user, key)
            return
        if shown_once and status < 400:
            await keep(engine, user, key, status, None, None)
            return
        kind = dict(started.get("headers", [])).get(b"content-type", b"").decode() or None
        await keep(engine, user, key, status, kind, b"".join(chunks))


def document_idempotency(app: Litestar) -> None:
    """Every POST in the OpenAPI schema takes the header and may answer 409 and 422 for it."""
    described = (
        "Any unique string (a UUID): a retry with the same key and body gets the first answer "
        "again (`Idempotent-Replayed: true`); the same key with another body is 422; while the "
        "first is still running, 409. Kept per user for 24 hours. An answer holding a secret shown "
        "once (a sign-in token, a calendar address, a status code) is not kept: its retry is a "
        "409, and a new key gets a new secret."
    )
    parameter = Parameter(
        name=HEADER,
        param_in=ParamType.HEADER,
        required=False,
        description=described,
        schema=Schema(type=OpenAPIType.STRING, pattern=KEY.pattern),
    )
    for item in (app.openapi_schema.paths or {}).values():
        operation = item.post
        if operation is None:
            continue
        operation.parameters = [*(operation.parameters or []), parameter]
        operation.responses = operation.responses or {}
        for status in ("400", "409", "422"):
            documented = operation.responses.setdefault(status, problem_response(int(status)))
            if isinstance(documented, OpenAPIResponse):
                documented.content = (documented.content or {}) | {
                    "application/problem+json": PROBLEM
                }
