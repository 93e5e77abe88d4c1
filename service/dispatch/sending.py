"""Claiming due deliveries, sending them, and settling each answer."""

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from domain.contacts import Channel as Via
from domain.contacts import Contact, quiet_until
from domain.outbox import Delivery, DeliveryStatus
from notifications.channels.base import Channel, Outcome, Outgoing, Result
from service.dispatch.rules import DispatchRules, retry_at

SETTLED_BY = {
    Outcome.DELIVERED: DeliveryStatus.DELIVERED,
    Outcome.SENT: DeliveryStatus.SENT,
    Outcome.DEAD: DeliveryStatus.DEAD,
    Outcome.UNKNOWN: DeliveryStatus.UNKNOWN,
}


@dataclass(frozen=True)
class Claimed:
    channel: str
    message: Outgoing
    attempts: int
    """counting this one"""


async def claim(engine: AsyncEngine, rules: DispatchRules, now: datetime) -> list[Claimed]:
    """Marks due deliveries `sending` and commits; an SMS to a family in its quiet hours is
    put off to the morning instead, and one to a contact who has since withdrawn consent, or
    whose consent a new phone or e-mail suspended (in a race with the expansion that wrote
    it), is cancelled."""
    async with engine.begin() as connection:
        rows = (
            await connection.execute(
                select(
                    col(Delivery.id),
                    col(Delivery.channel),
                    col(Delivery.address),
                    col(Delivery.subject),
                    col(Delivery.body),
                    col(Delivery.attempts),
                    col(Delivery.contact_id),
                    col(Contact.consent_given_at),
                    col(Contact.consent_withdrawn_at),
                    col(Contact.consent_suspended_at),
                    col(Contact.quiet_from),
                    col(Contact.quiet_until),
                )
                .outerjoin(Contact, col(Contact.id) == Delivery.contact_id)
                .where(
                    col(Delivery.status) == DeliveryStatus.QUEUED,
                    col(Delivery.next_attempt_at) <= now,
                )
                .order_by(col(Delivery.next_attempt_at))
                .limit(rules.batch)
                .with_for_update(of=Delivery, skip_locked=True)
            )
        ).all()
        going, withdrawn = [], []
        for row in rows:
            stopped = row.consent_withdrawn_at or row.consent_suspended_at
            if row.contact_id and (stopped or not row.consent_given_at):
                withdrawn.append(row.id)
                continue
            wait = row.quiet_from is not None and row.channel == Via.SMS
            morning = quiet_until(now, row.quiet_from, row.quiet_until) if wait else None
            if morning is not None:
                await connection.execute(
                    update(Delivery)
                    .where(col(Delivery.id) == row.id)
                    .values(next_attempt_at=morning)
                )
            else:
                message = Outgoing(row.id, row.address, row.body, row.subject)
                going.append(Claimed(row.channel, message, row.attempts + 1))
        if withdrawn:
            await connection.execute(
                update(Delivery)
                .where(col(Delivery.id).in_(withdrawn))
                .values(status=DeliveryStatus.CANCELLED, settled_at=now)
            )
        if going:
            await connection.execute(
                update(Delivery)
                .where(col(Delivery.id).in_([out.message.delivery_id for out in going]))
                .values(
                    status=DeliveryStatus.SENDING,
                    attempts=col(Delivery.attempts) + 1,
                    next_attempt_at=now,
                )
            )
    return going


SETTLE = (
    update(Delivery)
    .where(col(Delivery.id) == bindparam("delivery"))
    .where(col(Delivery.status) == DeliveryStatus.SENDING)
    .values(
        status=bindparam("to"),
        provider_id=bindparam("provider"),
        last_error=bindparam("error"),
        next_attempt_at=func.coalesce(bindparam("retry_at"), Delivery.next_attempt_at),
        settled_at=bindparam("settled"),
    )
)
"""Every answer of a round in one statement, executed for each; guarded by `sending`, so a
delivery report that settled a row first is never overwritten."""


def _settled(
    out: Claimed, result: Result, rules: DispatchRules, now: datetime, rng: random.Random
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "delivery": out.message.delivery_id,
        "provider": result.provider_id,
        "error": result.error,
        "retry_at": None,
        "settled": None,
    }
    if result.outcome is Outcome.RETRY and out.attempts < rules.attempts:
        return row | {
            "to": DeliveryStatus.QUEUED,
            "retry_at": retry_at(now, out.attempts, rules, rng),
        }
    if result.outcome is Outcome.RETRY:
        error = f"gave up after {out.attempts} attempts: {result.error}"
        return row | {"to": DeliveryStatus.DEAD, "settled": now, "error": error}
    settled = now if result.outcome in (Outcome.DELIVERED, Outcome.DEAD) else None
    return row | {"to": SETTLED_BY[result.outcome], "settled": settled}


async def settle(
    engine: AsyncEngine,
    results: list[tuple[Claimed, Result]],
    rules: DispatchRules,
    now: datetime,
    rng: random.Random,
) -> None:
    if results:
        async with engine.begin() as connection:
            await connection.execute(
                SETTLE, [_settled(out, result, rules, now, rng) for out, result in results]
            )


async def send(channel: Channel, out: Outgoing) -> Result:
    """A channel that raises is a bug of ours, but the message may have left: in doubt."""
    try:
        return await channel.send(out)
    except Exception as error:  # recorded on the row, never re-sent blindly
        return Result(Outcome.UNKNOWN, error=f"{type(error).__name__}: {error}"[:500])


async def abandoned(engine: AsyncEngine, rules: DispatchRules, now: datetime) -> int:
    """Deliveries left `sending` past their lease by a dispatcher that died: in doubt."""
    async with engine.begin() as connection:
        found = await connection.execute(
            update(Delivery)
            .where(
                col(Delivery.status) == DeliveryStatus.SENDING,
                col(Delivery.next_attempt_at) < now - rules.lease,
            )
            .values(
                status=DeliveryStatus.UNKNOWN,
                last_error="the dispatcher stopped while sending; settled by a report or by hand",
            )
            .returning(col(Delivery.id))
        )
        return len(found.all())
