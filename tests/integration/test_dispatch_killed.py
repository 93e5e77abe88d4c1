"""A dispatcher SIGKILLed mid-dispatch, against a real SMS gateway on loopback: no message
reaches the gateway twice, and every one ends delivered, sent, dead or unknown."""

import asyncio
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.outbox import Delivery
from notifications.channels.sms import SmsGateway
from service.dispatch import DispatchRules, dispatch_once
from tests.deliveries import queued_texts
from tests.loopback_gateway import Gateway, serving


@pytest.fixture
async def gateway() -> AsyncIterator[tuple[Gateway, str]]:
    fake = Gateway(pause=0.05, after=39)
    async with serving(fake) as url:
        yield fake, url


DISPATCH = """
import asyncio, sys
from notifications.channels.sms import SmsGateway
from service.database import make_engine, make_sessionmaker
from service.dispatch import DispatchRules, dispatch_once

async def main():
    engine = make_engine(sys.argv[1])
    gateway = SmsGateway(sys.argv[2], "haki", "test-key", None)
    rules = DispatchRules(batch=25)
    await dispatch_once(engine, make_sessionmaker(engine), {"sms": gateway}, rules)

asyncio.run(main())
"""


async def test_a_dispatcher_killed_mid_send_never_sends_twice(
    sessions: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    database_url: str,
    gateway: tuple[Gateway, str],
) -> None:
    fake, url = gateway
    await queued_texts(sessions, 200)
    victim = await asyncio.create_subprocess_exec(
        sys.executable, "-c", DISPATCH, database_url, url, cwd=os.getcwd()
    )
    try:
        await asyncio.wait_for(fake.reached.wait(), timeout=60)
    finally:
        victim.send_signal(signal.SIGKILL)
        await victim.wait()
    sent_before = sum(fake.received.values())
    assert sent_before < 200, "killed in the middle, not after the end"

    restarted = SmsGateway(url, "haki", "test-key", None)
    try:
        await dispatch_once(engine, sessions, {"sms": restarted}, DispatchRules(lease=timedelta(0)))
    finally:
        await restarted.close()
    async with engine.connect() as connection:
        statuses = Counter((await connection.execute(sa.select(Delivery.status))).scalars().all())
    assert set(fake.received.values()) == {1}, "no message reached the gateway twice"
    assert set(statuses) <= {"sent", "unknown"} and sum(statuses.values()) == 200
    assert statuses["unknown"] <= 25, "only the batch in flight is in doubt"
    sent, in_doubt = statuses["sent"], statuses["unknown"]
    assert sent <= len(fake.received) <= sent + in_doubt, "in doubt: maybe received, never twice"
