"""A dispatcher SIGKILLed mid-dispatch, against a real SMS gateway on loopback: no message
reaches the gateway twice, and every one ends delivered, sent, dead or unknown."""

import asyncio
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.outbox import Delivery, Notification
from notifications.channels.sms import SmsGateway
from service.dispatch import DispatchRules, dispatch_once


class Gateway:
    """Plays Africa's Talking: answers each message after a pause, counting what it received."""

    def __init__(self) -> None:
        self.received: Counter[str] = Counter()
        self.forty = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.received[str(form["message"])] += 1
        if sum(self.received.values()) >= 40:
            self.forty.set()
        await asyncio.sleep(0.05)
        number = str(form["to"])
        recipient = {"statusCode": 101, "number": number, "status": "Success",
                     "cost": "KES 0.8000", "messageId": f"ATXid_{len(self.received)}"}  # fmt: skip
        return web.json_response({"SMSMessageData": {"Message": "Sent", "Recipients": [recipient]}})


@pytest.fixture
async def gateway() -> AsyncIterator[tuple[Gateway, str]]:
    fake = Gateway()
    app = web.Application()
    app.router.add_post("/version1/messaging", fake.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield fake, f"http://127.0.0.1:{port}"
    await runner.cleanup()


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
    async with sessions() as session, session.begin():
        notification = Notification(dedup_key="test:killed", kind="test", audience="family")
        session.add(notification)
        await session.flush()
        session.add_all(
            Delivery(
                notification_id=notification.id,
                channel="sms",
                address=f"+2547{i:08d}",
                language="sw",
                body=f"Ujumbe {i}",
                next_attempt_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
            for i in range(200)
        )
    victim = await asyncio.create_subprocess_exec(
        sys.executable, "-c", DISPATCH, database_url, url, cwd=os.getcwd()
    )
    try:
        await asyncio.wait_for(fake.forty.wait(), timeout=60)
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
