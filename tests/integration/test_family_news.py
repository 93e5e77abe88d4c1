"""Family news on real PostgreSQL: it commits or rolls back with its cause, and is queued once."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import PaymentReceived
from domain.cases import CaseEvent
from domain.outbox import Notification
from domain.stages import JudgmentOutcome, Stage
from service.usecases.cases.court_track import Step, record_step, take_step
from service.usecases.cases.register import get_case
from service.usecases.families import family_news
from tests.factories import TEST_ACTOR, awarded_and_part_paid, registered_case

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


async def notifications(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return (await connection.execute(select(func.count()).select_from(Notification))).one()[0]


async def test_the_message_is_rolled_back_with_the_judgment(
    sessions: Sessions, engine: AsyncEngine
) -> None:
    case, _ = await registered_case(sessions, opened_on=date(2023, 1, 2), now=NOW)
    steps = ("file", "exchange_pleadings", "set_down_for_hearing", "reserve_judgment")
    for version, trigger in enumerate(steps, start=1):
        number = "Petition E9 of 2023" if trigger == "file" else None
        async with sessions() as session:
            await record_step(
                session,
                TEST_ACTOR,
                case.id,
                Step(trigger, version, date(2023, 1, 9), court_number=number),
                NOW,
            )
    judgment = Step("deliver_judgment", 5, date(2024, 1, 10), outcome=JudgmentOutcome.ALLOWED)
    with pytest.raises(RuntimeError):
        async with sessions() as session, session.begin():
            await take_step(session, TEST_ACTOR, await get_case(session, case.id), judgment, NOW)
            assert await session.scalar(select(func.count()).select_from(Notification)) == 1
            raise RuntimeError("something later in the same transaction failed")
    assert await notifications(engine) == 0
    async with sessions() as session:
        assert (await get_case(session, case.id)).stage == Stage.JUDGMENT_RESERVED


async def test_a_cause_handed_over_twice_is_queued_once(
    sessions: Sessions, engine: AsyncEngine
) -> None:
    award = await awarded_and_part_paid(sessions)
    assert await notifications(engine) == 2  # the judgment and the part payment
    async with sessions() as session, session.begin():
        case = await get_case(session, award.case_id)
        event = await session.scalar(
            select(CaseEvent).where(CaseEvent.trigger == "deliver_judgment")
        )
        payment = await session.scalar(select(PaymentReceived))
        assert event is not None and payment is not None
        await family_news.judgment_delivered(session, TEST_ACTOR, case, event, NOW)
        await family_news.payment_received(session, award, payment, NOW)
    assert await notifications(engine) == 2
