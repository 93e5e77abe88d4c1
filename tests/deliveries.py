"""Outbox rows written directly, as the dispatcher leaves them, for tests of what follows."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

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
