"""The idempotency keys kept in PostgreSQL: claimed before a request runs, its answer kept after
it (or the key freed when nothing was written), and forgotten after KEEP.

Apart from the middleware (service/idempotency.py) because this is the one place that knows
the table and the rules of a claim: a replica that takes a retry reads the same row, and a claim
a dead process left is taken over after LEASE.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from domain.idempotency import IdempotentRequest

KEEP = timedelta(hours=24)
"""a key older than this is forgotten: reusing it runs the request afresh"""
LEASE = timedelta(seconds=60)
"""a claim with no answer after this was left by a process that died"""


@dataclass(frozen=True)
class Found:
    """What a key already holds: an answer to replay, or None while the first still runs."""

    fingerprint: str
    status: int | None
    content_type: str | None
    body: bytes | None


def fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    """The query is part of the request (`?dry_run=true` and without are two requests); JSON
    bodies and queries compare by meaning: the same fields in another order or spacing match."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    asked = urlencode(sorted(parse_qsl(query.decode("latin-1"), keep_blank_values=True)))
    target = f"{path}?{asked}" if asked else path
    return hashlib.sha256(b"%s %s\n%s" % (method.encode(), target.encode(), canonical)).hexdigest()


async def claim(
    engine: AsyncEngine, user: uuid.UUID, key: str, print_: str, now: datetime
) -> Found | None:
    """None if this request now holds the key; else what the key holds."""
    table = IdempotentRequest.__table__  # type: ignore[attr-defined]
    fresh = {"fingerprint": print_, "status": None, "content_type": None, "body": None}
    statement = (
        insert(table)
        .values(user_id=user, key=key, created_at=now, **fresh)
        .on_conflict_do_update(
            index_elements=["user_id", "key"],
            set_={**fresh, "created_at": now},
            where=(table.c.created_at < now - KEEP)
            | (
                table.c.status.is_(None)
                & (table.c.created_at < now - LEASE)
                & (table.c.fingerprint == print_)
            ),
        )
        .returning(table.c.key)
    )
    async with engine.begin() as connection:
        if (await connection.execute(statement)).first() is not None:
            return None
        row = (
            await connection.execute(
                select(table.c.fingerprint, table.c.status, table.c.content_type, table.c.body)
                .where(table.c.user_id == user, table.c.key == key)
            )
        ).one()  # fmt: skip
    return Found(row.fingerprint, row.status, row.content_type, row.body)


def _this(user: uuid.UUID, key: str) -> Any:
    return (col(IdempotentRequest.user_id) == user) & (col(IdempotentRequest.key) == key)


async def keep(
    engine: AsyncEngine,
    user: uuid.UUID,
    key: str,
    status: int,
    kind: str | None,
    body: bytes | None,
) -> None:
    """The answer, to replay; `body` None for one that held a secret shown only once."""
    async with engine.begin() as connection:
        await connection.execute(
            update(IdempotentRequest)
            .where(_this(user, key))
            .values(status=status, content_type=kind, body=body)
        )


async def release(engine: AsyncEngine, user: uuid.UUID, key: str) -> None:
    async with engine.begin() as connection:
        await connection.execute(delete(IdempotentRequest).where(_this(user, key)))


async def forget_old(engine: AsyncEngine, now: datetime) -> None:
    """Run by the clock: keys past KEEP are of no use to anyone."""
    async with engine.begin() as connection:
        await connection.execute(
            delete(IdempotentRequest).where(col(IdempotentRequest.created_at) < now - KEEP)
        )
