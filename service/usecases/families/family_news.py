"""News for a survivor's family, queued in the outbox in the transaction of the step behind it.

The message exists exactly when its cause committed; its key names the cause, so a replayed
step or a retried request queues it once. Whom it reaches, and in what words, the dispatcher
decides when it sends (consent, language, amounts): the payload carries only the facts.
"""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, PaymentReceived
from domain.cases import Case, CaseEvent
from domain.reminders import Audience
from notifications.outbox import Message, enqueue


async def judgment_delivered(
    session: AsyncSession, actor: Actor, case: Case, event: CaseEvent, now: datetime
) -> None:
    """A consequence of delivering a judgment or determining an appeal (court_track)."""
    await session.flush()  # the event's id is in the key
    outcome = case.judgment_outcome and case.judgment_outcome.value
    message = Message(
        f"case-event:{event.id}:judgment_delivered",
        "judgment_delivered",
        Audience.FAMILY,
        case.id,
        {"outcome": outcome, "occurred_on": event.occurred_on.isoformat()},
    )
    await enqueue(await session.connection(), [message], now)


async def payment_received(
    session: AsyncSession, award: Award, payment: PaymentReceived, now: datetime
) -> None:
    await session.flush()  # the payment's id is the key
    message = Message(
        f"payment:{payment.id}",
        "payment_received",
        Audience.FAMILY,
        award.case_id,
        {"amount": str(payment.amount), "received_on": payment.received_on.isoformat()},
    )
    await enqueue(await session.connection(), [message], now)
