"""The dispatcher against a real PostgreSQL: retries with back-off, dead letters, doubt that is
never re-sent, quiet hours, and two dispatchers sharing the work without sending twice."""

import asyncio
import random
from collections import Counter
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Survivor
from domain.contacts import Channel as Via
from domain.contacts import Contact
from domain.outbox import Delivery, DeliveryStatus, Notification
from notifications.channels.base import Outcome, Outgoing, Result
from service.database import make_engine
from service.dispatch import DispatchRules, claim, dispatch_once, retry_at, settle
from tests.factories import registered_case


class Scripted:
    """A channel that answers from a script, counting what it was given: the network's stand-in
    for the dispatcher's own rules (the real channels are tested against loopback servers)."""

    name = "sms"

    def __init__(self, *answers: Outcome) -> None:
        self.answers = list(answers)
        self.sent: Counter[int] = Counter()

    async def send(self, message: Outgoing) -> Result:
        self.sent[message.delivery_id] += 1
        await asyncio.sleep(0)
        outcome = self.answers.pop(0) if self.answers else Outcome.DELIVERED
        error = None if outcome in (Outcome.DELIVERED, Outcome.SENT) else f"gateway: {outcome}"
        return Result(outcome, provider_id=f"AT-{message.delivery_id}", error=error)


async def queued(
    sessions: async_sessionmaker[AsyncSession],
    count: int = 1,
    *,
    contact: Contact | None = None,
    channel: str = "sms",
    at: datetime | None = None,
) -> list[int]:
    """Deliveries already expanded, due at `at` (default: long ago)."""
    async with sessions() as session, session.begin():
        notification = Notification(
            dedup_key=f"test:{random.random()}", kind="test", audience="family"
        )
        session.add(notification)
        await session.flush()
        rows = [
            Delivery(
                notification_id=notification.id,
                channel=channel,
                contact_id=contact.id if contact else None,
                address=f"+2547{i:08d}",
                language="sw",
                body="Kesi S-2026-0001: taarifa.",
                next_attempt_at=at or datetime(2026, 1, 1, tzinfo=UTC),
            )
            for i in range(count)
        ]
        session.add_all(rows)
        await session.flush()
        return [row.id for row in rows if row.id is not None]


async def rows(engine: AsyncEngine) -> dict[int, tuple[str, int, str | None]]:
    async with engine.connect() as connection:
        found = await connection.execute(
            sa.select(Delivery.id, Delivery.status, Delivery.attempts, Delivery.last_error)
        )
        return {i: (status, attempts, error) for i, status, attempts, error in found.all()}


def test_back_off_doubles_with_jitter_up_to_an_hour() -> None:
    rules, now, rng = DispatchRules(), datetime(2026, 1, 1, tzinfo=UTC), random.Random(7)
    for attempts, ceiling in ((1, 30), (2, 60), (3, 120), (8, 3600), (20, 3600)):
        wait = (retry_at(now, attempts, rules, rng) - now).total_seconds()
        assert ceiling / 2 <= wait <= ceiling


async def test_a_refusal_for_now_is_retried_later_then_delivered(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    [delivery] = await queued(sessions)
    gateway = Scripted(Outcome.RETRY)
    await dispatch_once(engine, sessions, {"sms": gateway})
    status, attempts, error = (await rows(engine))[delivery]
    assert (status, attempts, error) == ("queued", 1, "gateway: retry")
    await dispatch_once(engine, sessions, {"sms": gateway})
    assert gateway.sent[delivery] == 1, "not before its back-off has passed"
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(Delivery).values(next_attempt_at=datetime(2026, 1, 1, tzinfo=UTC))
        )
    await dispatch_once(engine, sessions, {"sms": gateway})
    assert (await rows(engine))[delivery][:2] == ("delivered", 2)


async def test_out_of_attempts_it_is_dead_with_the_last_error_kept(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    [delivery] = await queued(sessions)
    rules = DispatchRules(attempts=3)
    gateway = Scripted(Outcome.RETRY, Outcome.RETRY, Outcome.RETRY, Outcome.DELIVERED)
    for _ in range(3):
        for out in await claim(engine, rules, datetime.now(UTC) + timedelta(days=1)):
            answer = await gateway.send(out.message)
            await settle(engine, [(out, answer)], rules, datetime.now(UTC), random.Random())
    status, attempts, error = (await rows(engine))[delivery]
    assert (status, attempts) == ("dead", 3)
    assert error == "gave up after 3 attempts: gateway: retry"
    assert await claim(engine, rules, datetime.now(UTC) + timedelta(days=30)) == []


async def test_in_doubt_is_never_sent_again(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    [timed_out, abandoned] = await queued(sessions, 2)
    gateway = Scripted(Outcome.UNKNOWN)
    async with engine.begin() as connection:  # a dispatcher died holding this one, long ago
        await connection.execute(
            sa.update(Delivery)
            .where(Delivery.id == abandoned)  # type: ignore[arg-type]
            .values(status=DeliveryStatus.SENDING, attempts=1)
        )
    await dispatch_once(engine, sessions, {"sms": gateway})
    await dispatch_once(engine, sessions, {"sms": gateway})
    found = await rows(engine)
    assert found[timed_out][0] == found[abandoned][0] == "unknown"
    assert "stopped while sending" in (found[abandoned][2] or "")
    assert gateway.sent == {timed_out: 1}


async def test_no_sms_to_a_family_in_their_quiet_hours(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    _, code = await registered_case(sessions)
    async with sessions() as session, session.begin():
        survivor_id = (await session.exec(select(Survivor.id).where(Survivor.code == code))).one()
        contact = Contact(
            survivor_id=survivor_id, name="Mama", relationship="mother", phone="+254712000001",
            language="sw", channel=Via.SMS, quiet_from=time(21), quiet_until=time(7),
            consent_given_at=datetime(2026, 1, 1, tzinfo=UTC),
        )  # fmt: skip
        session.add(contact)
    [sms] = await queued(sessions, contact=contact)
    [email] = await queued(sessions, contact=contact, channel="email")
    ten_at_night = datetime(2026, 12, 3, 19, 0, tzinfo=UTC)  # 22:00 in Nairobi
    going = await claim(engine, DispatchRules(), ten_at_night)
    assert [out.message.delivery_id for out in going] == [email]
    async with engine.connect() as connection:
        morning = (
            await connection.execute(sa.select(Delivery.next_attempt_at).where(Delivery.id == sms))  # type: ignore[arg-type]
        ).scalar_one()
    assert morning == datetime(2026, 12, 4, 4, 0, tzinfo=UTC)  # 07:00 in Nairobi


async def test_two_dispatchers_send_each_of_500_once(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    await queued(sessions, 500)
    gateway = Scripted()
    engines = [make_engine(database_url, pool_size=2) for _ in range(2)]
    rules = DispatchRules(batch=20)
    try:
        rounds = await asyncio.gather(
            *(dispatch_once(e, sessions, {"sms": gateway}, rules) for e in engines)
        )
        found = await rows(engines[0])
    finally:
        for engine in engines:
            await engine.dispose()
    assert sum(r.sent for r in rounds) == 500 and all(r.sent for r in rounds)
    assert set(gateway.sent.values()) == {1} and len(gateway.sent) == 500
    assert Counter(status for status, _, _ in found.values()) == {"delivered": 500}


async def test_a_delivery_written_as_consent_was_withdrawn_is_cancelled_not_sent(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """The expansion read the contact's consent just before it was withdrawn."""
    _, code = await registered_case(sessions)
    async with sessions() as session, session.begin():
        survivor_id = (await session.exec(select(Survivor.id).where(Survivor.code == code))).one()
        contact = Contact(
            survivor_id=survivor_id, name="Baba", relationship="father", phone="+254712000003",
            language="en", channel=Via.SMS, consent_given_at=datetime(2026, 1, 1, tzinfo=UTC),
            consent_withdrawn_at=datetime(2026, 6, 1, tzinfo=UTC),
        )  # fmt: skip
        session.add(contact)
    [late] = await queued(sessions, contact=contact)
    gateway = Scripted()
    await dispatch_once(engine, sessions, {"sms": gateway})
    assert gateway.sent == {} and (await rows(engine))[late][0] == "cancelled"
