"""Putting messages in the outbox, inside the transaction of whatever caused them.

Each cause is written here once; a dispatcher (service/dispatch.py) takes it from the table,
woken at commit by PostgreSQL NOTIFY rather than waiting for its next look.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from domain.outbox import Notification

log = logging.getLogger("haki.outbox")

CHANNEL = "haki_outbox"
WAKE = text(f"SELECT pg_notify('{CHANNEL}', '')")
"""Delivered to listening dispatchers when the transaction commits, and not before."""

QUEUE = (
    insert(Notification)
    .on_conflict_do_nothing(index_elements=["dedup_key"])
    .returning(col(Notification.dedup_key), func.pg_notify(CHANNEL, ""))
)
"""One statement for every batch, rows passed apart: compiled once and cached, where a
`.values([...])` of 500 rows was rebuilt each time and took most of a worker's time. Each row
queued wakes the dispatchers in the same round trip (PostgreSQL delivers a transaction's
identical notifications once, at commit); a row queued before wakes no one."""


@dataclass(frozen=True)
class Message:
    dedup_key: str
    """the same cause always gives the same key, so a message is queued at most once"""
    kind: str
    audience: str
    case_id: uuid.UUID | None
    payload: dict[str, Any] = field(default_factory=dict)


async def enqueue(connection: AsyncConnection, messages: list[Message], now: datetime) -> int:
    """Queues the messages not queued before; returns how many were new."""
    if not messages:
        return 0
    rows = [
        {
            "dedup_key": m.dedup_key,
            "kind": m.kind,
            "audience": m.audience,
            "case_id": m.case_id,
            "payload": m.payload,
            "status": "queued",
            "created_at": now,
        }
        for m in messages
    ]
    queued = (await connection.execute(QUEUE, rows)).scalars().all()
    for key in queued:
        log.info("queued %s", key)
    return len(queued)
