"""Follow-ups with the Attorney General on the clock: due every 30 days after service or the
last letter, escalated once after 90 days of silence, dropped when the award is settled."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import FollowUpKind
from domain.outbox import Notification
from domain.reminders import Reminder, ReminderStatus
from service.clock import ClockRules, tick
from service.usecases.awards.chase import log_follow_up
from service.usecases.awards.compensation import AwardStep, record_award_step
from service.usecases.awards.entries import FollowUpIn
from tests.factories import RULES, TEST_ACTOR, awarded_and_part_paid


def utc(day: str, hour: int = 12) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC).replace(hour=hour)


async def follow_up_reminders(engine: AsyncEngine) -> list[tuple[str, datetime]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.select(Reminder.status, Reminder.due_at)
            .where(Reminder.award_id.is_not(None))  # type: ignore[union-attr]
            .order_by(Reminder.id)
        )
        return [(status, due) for status, due in rows.all()]


async def messages(engine: AsyncEngine) -> list[tuple[str, str, bool]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.select(Notification.kind, Notification.audience, Notification.payload)
            .where(Notification.kind.in_(["follow_up_due", "escalation"]))  # type: ignore[attr-defined]
            .order_by(Notification.id)
        )
        return [(kind, audience, payload["escalate"]) for kind, audience, payload in rows.all()]


# served on the Attorney General on 5 February 2024 (tests/factories.py)
FIRST_DUE = datetime(2024, 3, 6, 5, 0, tzinfo=UTC)  # 6 March, 08:00 in Nairobi


async def test_the_chase_comes_due_every_30_days_and_escalates_once_after_90_silent(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    award = await awarded_and_part_paid(sessions)
    assert (await tick(engine, ClockRules(), utc("2024-03-01"))).handed_over == 0
    assert await follow_up_reminders(engine) == [("pending", FIRST_DUE)]

    assert (await tick(engine, ClockRules(), utc("2024-03-06", 6))).handed_over == 1
    assert await messages(engine) == [("follow_up_due", "team", False)]
    await tick(engine, ClockRules(), utc("2024-03-06", 7))
    assert await follow_up_reminders(engine) == [
        ("handed_over", FIRST_DUE),
        ("pending", datetime(2024, 4, 5, 5, 0, tzinfo=UTC)),
    ], "no letter went out, so counsel are reminded again a cadence later"

    async with sessions() as session:
        letter = FollowUpIn(date(2024, 3, 10), FollowUpKind.LETTER, "HAKI/AG/2024/3")
        await log_follow_up(session, TEST_ACTOR, award.id, letter, now=utc("2024-03-10"))
    await tick(engine, ClockRules(), utc("2024-03-10"))
    assert [s for s, _ in await follow_up_reminders(engine)] == [
        "handed_over",
        "cancelled",
        "pending",
    ]
    assert (await follow_up_reminders(engine))[-1][1] == datetime(2024, 4, 9, 5, 0, tzinfo=UTC)

    # 5 May: the State has said nothing for 90 days since service
    await tick(engine, ClockRules(), utc("2024-05-05"))
    assert (await messages(engine))[1:] == [
        ("follow_up_due", "team", True),
        ("escalation", "team", True),
        ("escalation", "advocacy", True),
    ]
    await tick(engine, ClockRules(), utc("2024-06-10"))
    kinds = [kind for kind, _, _ in await messages(engine)]
    assert kinds.count("escalation") == 2, "escalated once per silence, not at every reminder"


async def test_a_settled_award_is_not_chased(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    award = await awarded_and_part_paid(sessions)
    await tick(engine, ClockRules(), utc("2024-03-01"))
    async with sessions() as session:
        await record_award_step(
            session, TEST_ACTOR, award.id, AwardStep("write_off", 5, date(2024, 6, 2)), RULES
        )
    done = await tick(engine, ClockRules(), utc("2024-06-03"))
    assert (done.handed_over, done.cancelled) == (0, 1)
    assert await follow_up_reminders(engine) == [(ReminderStatus.CANCELLED, FIRST_DUE)]
    assert await messages(engine) == []


async def test_an_award_overdue_for_years_is_chased_once_a_cadence_not_at_every_tick(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """Served in 2024 and never chased: the first reminder goes out (late) at once, the next
    30 days later, however often the clock ticks in between."""
    await awarded_and_part_paid(sessions)
    start = utc("2026-11-26", 9)
    for minutes in range(0, 24 * 60, 15):
        await tick(engine, ClockRules(), start + timedelta(minutes=minutes))
    assert [kind for kind, _, _ in await messages(engine)].count("follow_up_due") == 1
    [_, (status, due)] = await follow_up_reminders(engine)
    assert (status, due) == ("pending", datetime(2026, 12, 26, 5, 0, tzinfo=UTC))
