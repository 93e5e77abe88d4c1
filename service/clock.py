"""The clock: hands due reminders to the outbox, from any number of processes at once.

Each pass claims a batch with `FOR UPDATE SKIP LOCKED`, queues one message per reminder and
marks the batch handed over in the same transaction. A second worker skips rows the first has
locked; a worker that dies mid-batch releases its locks with its transaction, so the rows are
claimed again and nothing is lost or sent twice. APScheduler only decides when to look.
"""

import asyncio
import logging
import uuid
from dataclasses import astuple, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel import col

from domain.base import utcnow
from domain.cases import Case
from domain.chase import ChaseRules
from domain.hearings import Hearing
from domain.reminders import Reminder, ReminderStatus
from notifications.outbox import Message, enqueue
from service.idempotency_store import forget_old
from service.log_context import kind_of
from service.settings import Settings
from service.usecases.awards.chase_reminders import follow_up_messages, plan_follow_ups
from service.usecases.importing.drafts import purge_expired
from service.web import once

log = logging.getLogger("haki.clock")
# APScheduler logs every run of every job at INFO: a line every few seconds, saying nothing
logging.getLogger("apscheduler").setLevel(logging.WARNING)


@dataclass(frozen=True)
class ClockRules:
    batch: int = 500
    grace: timedelta = timedelta(minutes=15)
    """handed over later than this after it fell due, a reminder is marked late"""
    chase: ChaseRules = field(default_factory=ChaseRules)


@dataclass(frozen=True)
class Pass:
    handed_over: int = 0
    late: int = 0
    expired: int = 0
    cancelled: int = 0
    """follow-ups of awards no longer chased when they fell due"""

    def __add__(self, other: "Pass") -> "Pass":
        return Pass(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def claimed(self) -> int:
        return self.handed_over + self.expired + self.cancelled


def _due(now: datetime, batch: int) -> Any:
    return (
        select(
            col(Reminder.id),
            col(Reminder.audience),
            col(Reminder.rule),
            col(Reminder.due_at),
            col(Reminder.award_id),
            col(Reminder.kind),
            col(Reminder.details),
            col(Hearing.id).label("hearing_id"),
            func.coalesce(Hearing.case_id, Reminder.case_id).label("case_id"),
            col(Reminder.case_id).label("of_case"),
            col(Hearing.starts_at),
            col(Hearing.purpose),
            col(Hearing.station),
            col(Hearing.court_room),
            col(Case.reference),
            col(Case.court_number),
        )
        .outerjoin(Hearing, col(Hearing.id) == Reminder.hearing_id)
        .outerjoin(Case, col(Case.id) == func.coalesce(Hearing.case_id, Reminder.case_id))
        .where(col(Reminder.status) == ReminderStatus.PENDING, col(Reminder.due_at) <= now)
        .order_by(col(Reminder.due_at))
        .limit(batch)
        .with_for_update(of=Reminder, skip_locked=True)
    )


def _hearing_message(row: Any, late: bool) -> Message:
    payload = {
        "rule": row.rule,
        "due_at": row.due_at.isoformat(),
        "late": late,
        "hearing_id": str(row.hearing_id),
        "starts_at": row.starts_at.isoformat(),
        "purpose": row.purpose,
        "station": row.station,
        "court_room": row.court_room,
        "case_reference": row.reference,
        "court_number": row.court_number,
    }
    return Message(f"reminder:{row.id}", "hearing_reminder", row.audience, row.case_id, payload)


def _case_message(row: Any, late: bool) -> Message:
    """A date of the case itself, for lead counsel alone: the deadline is theirs to keep."""
    payload = row.details | {
        "rule": row.rule,
        "due_at": row.due_at.isoformat(),
        "late": late,
        "case_reference": row.reference,
        "court_number": row.court_number,
    }
    return Message(f"reminder:{row.id}", row.kind, "lead", row.case_id, payload)


async def _mark(
    connection: AsyncConnection, ids: list[int], status: ReminderStatus, **values: Any
) -> None:
    if ids:
        await connection.execute(
            update(Reminder).where(col(Reminder.id).in_(ids)).values(status=status, **values)
        )


async def hand_over_batch(
    engine: AsyncEngine, rules: ClockRules = ClockRules(), now: datetime | None = None
) -> Pass:
    """One transaction: claim up to a batch of due reminders and hand each over, or expire it
    when its hearing has already begun."""
    now = now or utcnow()
    async with engine.begin() as connection:
        rows = (await connection.execute(_due(now, rules.batch))).all()
        late = {r.id for r in rows if now - r.due_at > rules.grace}
        hearings = [r for r in rows if r.hearing_id is not None]
        expired = [r.id for r in hearings if r.starts_at <= now]
        messages = [_hearing_message(r, r.id in late) for r in hearings if r.starts_at > now]
        messages += [_case_message(r, r.id in late) for r in rows if r.of_case is not None]
        chases = [(r.id, r.award_id, r.id in late) for r in rows if r.award_id is not None]
        chase_messages, stale = await follow_up_messages(connection, chases, rules.chase, now)
        await enqueue(connection, messages + chase_messages, now)
        unsent = {*expired, *stale}
        sent = [r.id for r in rows if r.id not in unsent]
        on_time = [i for i in sent if i not in late]
        await _mark(connection, on_time, ReminderStatus.HANDED_OVER, handed_over_at=now)
        await _mark(
            connection, [i for i in sent if i in late], ReminderStatus.HANDED_OVER,
            handed_over_at=now, late=True,
        )  # fmt: skip
        await _mark(connection, expired, ReminderStatus.EXPIRED)
        await _mark(connection, stale, ReminderStatus.CANCELLED)
    return Pass(len(sent), len(late & set(sent)), len(expired), len(stale))


async def tick(
    engine: AsyncEngine,
    rules: ClockRules = ClockRules(),
    now: datetime | None = None,
    stopping: asyncio.Event | None = None,
) -> Pass:
    """Batches until none is full, so a backlog (a worker back after a night down) drains in
    one tick instead of one batch per interval. Follow-ups come due as rows planned first.
    Once `stopping` is set, the batch in hand is committed and no other is claimed."""
    async with engine.begin() as connection:
        await plan_follow_ups(connection, rules.chase, now or utcnow())
    done = Pass()
    while True:
        batch = await hand_over_batch(engine, rules, now)
        done += batch
        if batch.claimed < rules.batch or (stopping is not None and stopping.is_set()):
            break
    if done.claimed:
        log.info(
            "handed over %d reminders (%d late); %d expired and %d cancelled unsent",
            done.handed_over,
            done.late,
            done.expired,
            done.cancelled,
        )
    return done


def clock_rules(settings: Settings) -> ClockRules:
    return ClockRules(
        settings.clock_batch,
        timedelta(minutes=settings.reminder_grace_minutes),
        ChaseRules(settings.follow_up_days, settings.escalate_after_days),
    )


class Clock:
    """APScheduler decides when to look; this remembers whether a look is under way, so that
    stopping waits for its batch instead of cancelling it (APScheduler's shutdown cancels)."""

    def __init__(self, engine: AsyncEngine, settings: Settings) -> None:
        self.engine = engine
        self.rules = clock_rules(settings)
        self.busy = asyncio.Lock()
        self.stopping = asyncio.Event()
        self.scheduler = AsyncIOScheduler(timezone="UTC")

    async def look(self) -> None:
        """A database that cannot be reached is a warning, not a traceback a minute: the rows
        wait, and the next tick finds them (late, and marked so)."""
        if self.stopping.is_set():
            return
        async with self.busy:
            try:
                await tick(self.engine, self.rules, stopping=self.stopping)
                await forget_old(self.engine, utcnow())
                await once.forget_old(self.engine, utcnow())
                await purge_expired(self.engine, utcnow())
            except (OSError, DBAPIError) as error:
                log.warning(
                    "reminder clock: database unreachable, will look again: %s", kind_of(error)
                )

    async def stop(self) -> None:
        """No new look starts; the one under way commits its batch; then the scheduler goes."""
        self.stopping.set()
        self.scheduler.pause()
        async with self.busy:
            self.scheduler.shutdown(wait=False)


def start_clock(engine: AsyncEngine, settings: Settings) -> Clock:
    """Runs `tick` every HAKI_CLOCK_SECONDS from now on, never two at once in this process."""
    clock = Clock(engine, settings)
    clock.scheduler.add_job(
        clock.look,
        "interval",
        seconds=settings.clock_seconds,
        id=f"reminders-{uuid.uuid4().hex[:8]}",
        max_instances=1,
        coalesce=True,
        next_run_time=utcnow(),
    )
    clock.scheduler.start()
    return clock
