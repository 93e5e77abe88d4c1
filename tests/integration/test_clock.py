"""The reminder clock against a real PostgreSQL: each reminder handed over exactly once, by
however many workers, and none lost when a worker dies holding a batch."""

import asyncio
import os
import signal
import sys
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.hearings import Hearing, HearingPurpose
from domain.outbox import Notification
from domain.reminders import Audience, Reminder, ReminderStatus
from notifications.outbox import Message, enqueue
from service.clock import ClockRules, Pass, hand_over_batch, tick
from service.database import make_engine
from service.usecases.hearings.court_dates import schedule
from service.usecases.hearings.dates_in import HearingIn
from tests.factories import TEST_ACTOR, registered_case

NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


async def due_reminders(
    sessions: async_sessionmaker[AsyncSession], count: int, hearings: int = 100
) -> None:
    """`count` reminders due a minute ago, spread over hearings a week ahead."""
    case, _ = await registered_case(sessions, now=NOW - timedelta(days=30))
    async with sessions() as session, session.begin():
        hearing_rows = [
            {
                "id": uuid.uuid4(),
                "case_id": case.id,
                "starts_at": NOW + timedelta(days=7, minutes=i),
                "station": "Nyeri",
                "purpose": HearingPurpose.MENTION,
                "status": "scheduled",
                "recorded_after_the_fact": False,
                "sequence": 0,
                "version": 1,
                "created_at": NOW,
            }
            for i in range(hearings)
        ]
        await session.exec(sa.insert(Hearing).values(hearing_rows))  # type: ignore[call-overload]
        await session.exec(
            sa.insert(Reminder).values(  # type: ignore[call-overload]
                [
                    {
                        "hearing_id": hearing_rows[i % hearings]["id"],
                        "audience": Audience.TEAM,
                        "rule": f"test {i}",
                        "due_at": NOW - timedelta(minutes=1),
                        "status": ReminderStatus.PENDING,
                        "late": False,
                        "created_at": NOW - timedelta(days=1),
                    }
                    for i in range(count)
                ]
            )
        )


async def handed_over_keys(engine: AsyncEngine) -> Counter[str]:
    async with engine.connect() as connection:
        keys = (await connection.execute(sa.select(Notification.dedup_key))).scalars().all()
    return Counter(keys)


async def statuses(engine: AsyncEngine) -> Counter[str]:
    async with engine.connect() as connection:
        rows = (await connection.execute(sa.select(Reminder.status))).scalars().all()
    return Counter(rows)


async def test_three_workers_hand_each_of_2000_reminders_over_exactly_once(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    await due_reminders(sessions, 2000)
    workers = [make_engine(database_url, pool_size=1) for _ in range(3)]
    rules = ClockRules(batch=50)

    async def work(engine: AsyncEngine) -> Pass:
        done = Pass()
        while (batch := await hand_over_batch(engine, rules, NOW)).claimed:
            done += batch
            await asyncio.sleep(0)
        return done

    try:
        passes = await asyncio.gather(*(work(engine) for engine in workers))
        keys = await handed_over_keys(workers[0])
        counts = await statuses(workers[0])
    finally:
        for engine in workers:
            await engine.dispose()
    assert sum(p.handed_over for p in passes) == 2000
    assert all(p.handed_over > 0 for p in passes), "the workers did not run side by side"
    assert len(keys) == 2000 and set(keys.values()) == {1}
    assert counts == {ReminderStatus.HANDED_OVER: 2000}


CLAIM_AND_HANG = """
import asyncio, sys
import service.clock as clock
from service.database import make_engine

async def hang(connection, messages, now):
    print("claimed", len(messages), flush=True)
    await asyncio.sleep(3600)

clock.enqueue = hang
asyncio.run(clock.hand_over_batch(make_engine(sys.argv[1]), clock.ClockRules(batch=300),
            clock.datetime.fromisoformat(sys.argv[2])))
"""


async def test_a_worker_killed_mid_batch_loses_nothing(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine, database_url: str
) -> None:
    await due_reminders(sessions, 1000)
    victim = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CLAIM_AND_HANG,
        database_url,
        NOW.isoformat(),
        stdout=asyncio.subprocess.PIPE,
        cwd=os.getcwd(),
    )
    try:
        assert victim.stdout is not None
        line = await asyncio.wait_for(victim.stdout.readline(), timeout=60)
        assert line.split() == [b"claimed", b"300"]
        meanwhile = await tick(engine, ClockRules(batch=100), NOW)
    finally:
        victim.send_signal(signal.SIGKILL)
        await victim.wait()
    assert meanwhile.handed_over == 700, "the batch the victim holds is skipped, not waited for"
    after = await tick(engine, ClockRules(batch=100), NOW)
    assert after.handed_over == 300, "its batch is claimed again once it is dead"
    keys = await handed_over_keys(engine)
    assert len(keys) == 1000 and set(keys.values()) == {1}


async def test_late_reminders_are_sent_marked_late_and_past_hearings_get_none(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """The clock was down for two days: the 7-day reminder goes out late; the hearing that
    began while it was down gets no reminder at all."""
    case, _ = await registered_case(sessions, now=NOW - timedelta(days=30))
    async with sessions() as session:
        soon = await schedule(
            session,
            TEST_ACTOR,
            case.id,
            HearingIn(starts_at=NOW + timedelta(days=6), purpose=HearingPurpose.HEARING),
            now=NOW - timedelta(days=10),
        )
    async with sessions() as session:
        missed = await schedule(
            session,
            TEST_ACTOR,
            case.id,
            HearingIn(starts_at=NOW - timedelta(hours=1), purpose=HearingPurpose.MENTION),
            now=NOW - timedelta(days=10),
        )
    done = await tick(engine, ClockRules(), NOW)
    assert done == Pass(handed_over=1, late=1, expired=3)
    async with sessions() as session:
        rows = (await session.exec(sa.select(Reminder))).scalars().all()  # type: ignore[call-overload]
    by_hearing = {(r.hearing_id, r.rule): (r.status, r.late) for r in rows}
    assert by_hearing[(soon.id, "7 days before")] == (ReminderStatus.HANDED_OVER, True)
    assert by_hearing[(soon.id, "1 day before")] == (ReminderStatus.PENDING, False)
    assert {status for (h, _), (status, _) in by_hearing.items() if h == missed.id} == {
        ReminderStatus.EXPIRED
    }
    assert list((await handed_over_keys(engine)).values()) == [1]
    assert (await tick(engine, ClockRules(), NOW)) == Pass(), "nothing is handed over twice"


async def test_the_outbox_queues_a_cause_once_however_often_it_is_handed_over(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    message = Message("reminder:42", "hearing_reminder", "team", None, {"late": False})
    async with engine.begin() as connection:
        assert await enqueue(connection, [message, message], NOW) == 1
    async with engine.begin() as connection:
        assert await enqueue(connection, [message], NOW) == 0
    assert await handed_over_keys(engine) == {"reminder:42": 1}
