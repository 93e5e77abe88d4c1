"""The dispatcher wakes on PostgreSQL NOTIFY: a message queued while it sleeps goes out at
once, not at its next look an hour later."""

import asyncio
from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import utcnow
from domain.outbox import Delivery
from notifications.outbox import Message, enqueue
from service.settings import Settings
from service.worker import dispatch_forever
from tests.factories import lawyer_on_team, registered_case


async def test_a_queued_message_wakes_a_sleeping_dispatcher(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    case, _ = await registered_case(sessions)
    await lawyer_on_team(sessions, case.id, "t.wakes")
    an_hour = replace(Settings(), clock_seconds=3600, sms_url=None, smtp_host=None)
    dispatcher = asyncio.create_task(dispatch_forever(engine, an_hour))
    try:
        await asyncio.sleep(1)  # its first look finds nothing; now it sleeps for an hour
        payload = {
            "award_id": "a", "case_reference": case.reference, "respondent": "Attorney General",
            "next_due": "2026-12-01", "silent_days": 40, "escalate": False, "late": False,
        }  # fmt: skip
        async with engine.begin() as connection:
            message = Message("test:wake", "follow_up_due", "team", case.id, payload)
            await enqueue(connection, [message], utcnow())
        async with asyncio.timeout(60):
            while True:
                async with engine.connect() as connection:
                    found = await connection.execute(sa.select(Delivery.status))
                    if found.scalars().all() == ["delivered"]:
                        break
                await asyncio.sleep(0.1)
    finally:
        dispatcher.cancel()
