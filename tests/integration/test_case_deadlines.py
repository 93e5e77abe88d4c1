"""Reminders of a case's own dates, for lead counsel: a notice of intention to sue whose 30
days have passed (GPA s.13A), and the time to appeal a judgment. They never block a step."""

from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.outbox import Notification
from domain.reminders import Reminder
from domain.stages import JudgmentOutcome
from service.clock import ClockRules, tick
from service.usecases.cases.court_track import Step, record_step
from service.usecases.cases.notices_to_sue import NoticeGiven, record_notice
from tests.factories import TEST_ACTOR, registered_case


def utc(day: str, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


async def case_reminders(engine: AsyncEngine) -> list[tuple[str, datetime]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.select(Reminder.kind, Reminder.due_at)
            .where(Reminder.case_id.is_not(None))  # type: ignore[union-attr]
            .order_by(Reminder.due_at)
        )
        return [(kind, due) for kind, due in rows.all()]


async def sent(engine: AsyncEngine) -> list[tuple[str, str, dict[str, object]]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.select(Notification.kind, Notification.audience, Notification.payload).order_by(
                Notification.id
            )
        )
        return [(k, a, p) for k, a, p in rows.all()]


async def test_lead_counsel_are_reminded_when_30_days_have_passed_and_filing_is_not_blocked(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """Served 1 March 2024: day 30 is 31 March, so the reminder is due on 1 April 2024 at
    08:00 in Nairobi (05:00 UTC)."""
    case, _ = await registered_case(sessions, now=utc("2024-02-20"))
    async with sessions() as session:
        notice = NoticeGiven(date(2024, 3, 1), "the Attorney General and the Inspector General")
        await record_notice(session, TEST_ACTOR, case.id, notice, now=utc("2024-03-02"))
    assert await case_reminders(engine) == [
        ("notice_to_sue_due", datetime(2024, 4, 1, 5, 0, tzinfo=UTC))
    ]
    async with sessions() as session:
        filed = Step("file", 1, date(2024, 3, 5), court_number="Petition E9 of 2024")
        case, _ = await record_step(session, TEST_ACTOR, case.id, filed, now=utc("2024-03-05"))
    assert case.stage == "filed", "a notice to sue never blocks filing a petition"
    assert (await tick(engine, ClockRules(), utc("2024-04-01", 4, 59))).handed_over == 0
    assert (await tick(engine, ClockRules(), utc("2024-04-01", 5, 0))).handed_over == 1
    [(kind, audience, payload)] = await sent(engine)
    assert (kind, audience) == ("notice_to_sue_due", "lead")
    assert (payload["served_on"], payload["suit_from"]) == ("2024-03-01", "2024-04-01")


async def test_a_judgment_of_the_high_court_reminds_of_the_14_days_to_give_notice_of_appeal(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """Judgment 10 January 2024: the last day is 24 January (day 14); lead counsel are reminded
    7 days and 1 day before it, on 17 and 23 January at 08:00 in Nairobi."""
    case, _ = await registered_case(sessions, now=utc("2023-01-02"))
    steps = [
        ("file", "2023-01-09", {"court_number": "Petition E9 of 2023"}),
        ("exchange_pleadings", "2023-02-01", {}),
        ("set_down_for_hearing", "2023-06-01", {}),
        ("reserve_judgment", "2023-10-02", {}),
        ("deliver_judgment", "2024-01-10", {"outcome": JudgmentOutcome.ALLOWED}),
    ]
    for version, (trigger, on, facts) in enumerate(steps, start=1):
        async with sessions() as session:
            step = Step(trigger, version, date.fromisoformat(on), **facts)  # type: ignore[arg-type]
            await record_step(session, TEST_ACTOR, case.id, step, now=utc(on))
    assert await case_reminders(engine) == [
        ("appeal_deadline", datetime(2024, 1, 17, 5, 0, tzinfo=UTC)),
        ("appeal_deadline", datetime(2024, 1, 23, 5, 0, tzinfo=UTC)),
    ]
    await tick(engine, ClockRules(), utc("2024-01-17", 5, 1))
    [(_, audience, payload)] = [m for m in await sent(engine) if m[0] == "appeal_deadline"]
    assert audience == "lead" and payload["last_day"] == "2024-01-24"
