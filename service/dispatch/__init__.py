"""The dispatcher: turns queued notifications into deliveries and sends them, once.

Three steps, each its own transaction, each claiming rows with `FOR UPDATE SKIP LOCKED` so any
number of dispatchers share the work:
- expand: a notification becomes one delivery per person (consent and teams read now);
- claim: due deliveries are marked `sending` and committed *before* any provider is called;
- settle: each provider's answer is recorded; a refusal for now is retried later with
  exponential back-off and jitter, and after the last attempt the delivery is dead.
A delivery found still `sending` after its lease (the dispatcher died mid-send) becomes
`unknown`: the provider may have it, so it is never re-sent blindly.
"""

import asyncio
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from notifications.channels.base import Channel
from service.dispatch.expansion import expand
from service.dispatch.rules import DispatchRules, retry_at
from service.dispatch.sending import Claimed, abandoned, claim, send, settle

__all__ = [
    "Claimed",
    "DispatchRules",
    "Round",
    "claim",
    "dispatch_once",
    "expand",
    "retry_at",
    "settle",
]


@dataclass(frozen=True)
class Round:
    expanded: int = 0
    sent: int = 0


async def dispatch_once(
    engine: AsyncEngine,
    sessions: Any,
    channels: Mapping[str, Channel],
    rules: DispatchRules | None = None,
    rng: random.Random | None = None,
    stopping: asyncio.Event | None = None,
) -> Round:
    """Rounds of expand-a-batch, send-what-is-due until both are done: the first messages of
    a long queue leave at once instead of after the whole queue is expanded. Once `stopping`
    is set, the round in hand is sent and settled, and no other is claimed."""
    rules = rules or DispatchRules()
    rng = rng or random.Random()
    expanded = sent = 0
    await abandoned(engine, rules, utcnow())
    while True:
        notifications, written = await expand(sessions, rules)
        expanded += written
        going = await claim(engine, rules, utcnow())
        results = await asyncio.gather(*(send(channels[out.channel], out.message) for out in going))
        await settle(engine, list(zip(going, results, strict=True)), rules, utcnow(), rng)
        sent += len(going)
        drained = notifications < rules.batch and len(going) < rules.batch
        if drained or (stopping is not None and stopping.is_set()):
            return Round(expanded, sent)
