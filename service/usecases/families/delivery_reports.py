"""Delivery reports from the SMS gateway: what became of a message after the gateway took it."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import utcnow
from domain.contacts import Channel
from domain.errors import N_, NotFound
from domain.outbox import Delivery, DeliveryStatus

# report statuses as Africa's Talking documents them (developers.africastalking.com/docs/sms/
# notifications); any other is final and a failure (Rejected, Failed, Expired, AbsentSubscriber…)
ON_THE_WAY = {"Sent", "Submitted", "Buffered"}
ARRIVED = {"Success"}
OPEN = {DeliveryStatus.SENT, DeliveryStatus.UNKNOWN}
"""what a report may still change: anything settled stays as it is, whatever arrives after"""
UNKNOWN_MESSAGE = N_("No message with this id was sent to this number.")


@dataclass(frozen=True)
class Report:
    provider_id: str
    status: str
    phone_number: str
    failure_reason: str | None = None


async def record_report(
    session: AsyncSession, report: Report, now: datetime | None = None
) -> DeliveryStatus:
    """Settles the delivery the report is about and says where it stands now. A report is
    never a reason to move a delivery backwards: a late "Buffered" leaves it delivered."""
    async with session.begin():
        delivery = await _by_provider_id(session, report) or await _in_doubt(session, report)
        if delivery is None:
            raise NotFound(UNKNOWN_MESSAGE)
        if delivery.status in OPEN:
            _settle(delivery, report, now or utcnow())
        return delivery.status


def _settle(delivery: Delivery, report: Report, now: datetime) -> None:
    if report.status in ON_THE_WAY:
        delivery.status = DeliveryStatus.SENT
    elif report.status in ARRIVED:
        delivery.status, delivery.settled_at = DeliveryStatus.DELIVERED, now
    else:
        delivery.status, delivery.settled_at = DeliveryStatus.DEAD, now
        reason = f": {report.failure_reason}" if report.failure_reason else ""
        delivery.last_error = f"delivery report {report.status}{reason}"


async def _by_provider_id(session: AsyncSession, report: Report) -> Delivery | None:
    found = await session.exec(
        select(Delivery)
        .where(
            col(Delivery.channel) == Channel.SMS,
            col(Delivery.provider_id) == report.provider_id,
            col(Delivery.address) == report.phone_number,
        )
        .with_for_update()
    )
    return found.first()


async def _in_doubt(session: AsyncSession, report: Report) -> Delivery | None:
    """A send that timed out never learnt the gateway's id: the report of an id we have never
    seen, to a number with exactly one such delivery and none being sent, is about that one,
    and the id is kept for any later report."""
    found = await session.exec(
        select(Delivery)
        .where(
            col(Delivery.channel) == Channel.SMS,
            col(Delivery.address) == report.phone_number,
            col(Delivery.provider_id).is_(None),
            col(Delivery.status).in_([DeliveryStatus.UNKNOWN, DeliveryStatus.SENDING]),
        )
        .limit(2)
        .with_for_update()
    )
    candidates = found.all()
    if len(candidates) != 1 or candidates[0].status != DeliveryStatus.UNKNOWN:
        return None
    candidates[0].provider_id = report.provider_id
    return candidates[0]
