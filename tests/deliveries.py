"""Outbox rows written directly, as the dispatcher leaves them, for tests of what follows."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import utcnow
from domain.contacts import Channel
from domain.outbox import Delivery, DeliveryStatus, Notification
from service.database import make_sessionmaker

PHONE = "+254712345678"


async def sms_delivery(
    engine: AsyncEngine,
    status: DeliveryStatus = DeliveryStatus.SENT,
    provider_id: str | None = "ATXid_test",
    address: str = PHONE,
    **facts: Any,
) -> Delivery:
    """A text to `address` in `status`; by default accepted by the gateway under `provider_id`."""
    async with make_sessionmaker(engine)() as session, session.begin():
        cause = Notification(dedup_key=f"test:{uuid.uuid4()}", kind="test", audience="family")
        session.add(cause)
        await session.flush()
        assert cause.id is not None
        row = Delivery(
            notification_id=cause.id,
            channel=Channel.SMS,
            address=address,
            language="sw",
            body="Kesi yako: tarehe mpya.",
            status=status,
            attempts=1,
            next_attempt_at=utcnow(),
            provider_id=provider_id,
            **facts,
        )
        session.add(row)
    return row


async def queued_texts(sessions: async_sessionmaker[AsyncSession], count: int) -> None:
    """`count` texts of one notification, due since 2026, none yet claimed."""
    async with sessions() as session, session.begin():
        cause = Notification(dedup_key=f"test:{uuid.uuid4()}", kind="test", audience="family")
        session.add(cause)
        await session.flush()
        assert cause.id is not None
        session.add_all(
            Delivery(
                notification_id=cause.id,
                channel="sms",
                address=f"+2547{i:08d}",
                language="sw",
                body=f"Ujumbe {i}",
                next_attempt_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
            for i in range(count)
        )
