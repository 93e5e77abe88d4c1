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
import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from domain.base import utcnow
from domain.contacts import Channel as Via
from domain.contacts import Contact, quiet_until
from domain.outbox import Delivery, DeliveryStatus, Notification
from notifications.channels.base import Channel, Outcome, Outgoing, Result
from notifications.messages import Recipient, render
from service.usecases.recipients import Person, audience

log = logging.getLogger("haki.dispatch")

SETTLED_BY = {
    Outcome.DELIVERED: DeliveryStatus.DELIVERED,
    Outcome.SENT: DeliveryStatus.SENT,
    Outcome.DEAD: DeliveryStatus.DEAD,
    Outcome.UNKNOWN: DeliveryStatus.UNKNOWN,
}


@dataclass(frozen=True)
class DispatchRules:
    batch: int = 100
    attempts: int = 6
    """after this many refusals-for-now a delivery is dead"""
    first_retry: timedelta = timedelta(seconds=30)
    longest_wait: timedelta = timedelta(hours=1)
    lease: timedelta = timedelta(minutes=5)
    """a delivery `sending` for longer than this was abandoned by a dispatcher that died"""
    toll_free: str = "0800 720 720"


def retry_at(now: datetime, attempts: int, rules: DispatchRules, rng: random.Random) -> datetime:
    """Exponential back-off with jitter: 30 s, 1 min, 2 min … up to an hour, each drawn from
    its upper half, so dispatchers retrying together do not hit a gateway in step."""
    ceiling = min(rules.first_retry * (1 << (attempts - 1)), rules.longest_wait)
    return now + ceiling * rng.uniform(0.5, 1.0)


ADD_DELIVERIES = insert(Delivery).on_conflict_do_nothing().returning(col(Delivery.id))
"""One statement for every batch, the rows passed apart, so it is compiled once."""


async def expand(
    sessions: Any, rules: DispatchRules, now: datetime | None = None
) -> tuple[int, int]:
    """Expands a batch of queued notifications; returns how many, and the deliveries written.

    People are looked up once per audience and case in the batch, not once per notification.
    A notification its template cannot render (a parameter missing) is set aside as
    `unrenderable` and logged, so one bad row never blocks the queue behind it.
    """
    now = now or utcnow()
    async with sessions() as session, session.begin():
        claimed = (
            await session.exec(
                select(Notification)
                .where(col(Notification.status) == "queued")
                .order_by(col(Notification.id))
                .limit(rules.batch)
                .with_for_update(skip_locked=True)
            )
        ).all()
        people: dict[tuple[str, Any], list[Person]] = {}
        rows: list[dict[str, Any]] = []
        unrenderable = []
        for (notification,) in claimed:
            key = (notification.audience, notification.case_id)
            if key not in people:
                people[key] = await audience(session, *key)
            try:
                rows += _deliveries(notification, people[key], rules, now)
            except (KeyError, ValueError, TypeError) as error:
                log.error("notification %s cannot be rendered: %r", notification.id, error)
                unrenderable.append(notification.id)
        connection = await session.connection()
        written = len((await connection.execute(ADD_DELIVERIES, rows)).all()) if rows else 0
        ids = [notification.id for (notification,) in claimed]
        for status, which in (
            ("expanded", set(ids) - set(unrenderable)),
            ("unrenderable", unrenderable),
        ):
            if which:
                await session.exec(
                    update(Notification)
                    .where(col(Notification.id).in_(which))
                    .values(status=status)
                    .execution_options(synchronize_session=False)
                )
    return len(claimed), written


def _deliveries(
    notification: Notification, people: list[Person], rules: DispatchRules, now: datetime
) -> list[dict[str, Any]]:
    rows = []
    for person in people:
        message = render(
            notification.kind, notification.payload, _recipient(person, notification, rules)
        )
        if message is None:
            continue
        rows.append(
            {
                "notification_id": notification.id,
                "channel": person.channel.value,
                "user_id": person.user_id,
                "contact_id": person.contact_id,
                "address": person.address,
                "language": person.language.value,
                "subject": message.subject,
                "body": message.body,
                "status": DeliveryStatus.QUEUED,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
        )
    return rows


def _recipient(person: Person, notification: Notification, rules: DispatchRules) -> Recipient:
    return Recipient(
        audience=notification.audience,
        language=person.language,
        channel=person.channel.value,
        survivor_code=person.survivor_code,
        amounts=person.amounts,
        toll_free=rules.toll_free,
    )


@dataclass(frozen=True)
class Claimed:
    channel: str
    message: Outgoing
    attempts: int
    """counting this one"""


async def claim(engine: AsyncEngine, rules: DispatchRules, now: datetime) -> list[Claimed]:
    """Marks due deliveries `sending` and commits; an SMS to a family in its quiet hours is
    put off to the morning instead, and one to a contact who has since withdrawn consent (in a
    race with the expansion that wrote it) is cancelled."""
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
            if row.contact_id and (row.consent_withdrawn_at or not row.consent_given_at):
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


async def _send(channel: Channel, out: Outgoing) -> Result:
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


@dataclass(frozen=True)
class Round:
    expanded: int = 0
    sent: int = 0


async def dispatch_once(
    engine: AsyncEngine,
    sessions: Any,
    channels: Mapping[str, Channel],
    rules: DispatchRules = DispatchRules(),
    rng: random.Random | None = None,
) -> Round:
    """Rounds of expand-a-batch, send-what-is-due until both are done: the first messages of
    a long queue leave at once instead of after the whole queue is expanded."""
    rng = rng or random.Random()
    expanded = sent = 0
    await abandoned(engine, rules, utcnow())
    while True:
        notifications, written = await expand(sessions, rules)
        expanded += written
        going = await claim(engine, rules, utcnow())
        results = await asyncio.gather(
            *(_send(channels[out.channel], out.message) for out in going)
        )
        await settle(engine, list(zip(going, results, strict=True)), rules, utcnow(), rng)
        sent += len(going)
        if notifications < rules.batch and len(going) < rules.batch:
            return Round(expanded, sent)
