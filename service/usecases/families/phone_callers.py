"""What the USSD menu and incoming texts share: who is calling, each callback once, the limit
on questions per number, and a reply by SMS through the outbox.

The limit is counted in PostgreSQL, under a lock on the caller's hash, so it holds across every
API process. The caller is known by a keyed hash of the number, never the number.
"""

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.contacts import Channel, Contact, consenting
from domain.errors import N_, InvalidInput
from domain.family_phones import PhoneRequest
from domain.outbox import Delivery, DeliveryStatus, Notification
from domain.phones import phone_number
from notifications.outbox import WAKE
from service.settings import Settings

FAMILY_BY_PHONE = Actor("family by phone", "sms gateway")
"""who the audit trail names for what a family did from their phone"""
ASKING = ("status",)
"""the kinds of request the limit counts: a code checked"""
WINDOW = timedelta(hours=1)
LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:caller, 20260))")


@dataclass(frozen=True)
class PhoneRules:
    key: bytes
    """keys the callers' hashes, drawn from the server's secret"""
    questions_per_hour: int
    toll_free: str

    @classmethod
    def of(cls, settings: Settings) -> "PhoneRules":
        if not settings.secret_key:
            raise ValueError("settings without a secret key: pass them through with_secret_key")
        key = hmac.new(settings.secret_key.encode(), b"haki callers", hashlib.sha256).digest()
        return cls(key, settings.phone_questions_per_hour, settings.toll_free)


@dataclass(frozen=True)
class Caller:
    number: str
    """E.164, as contacts' numbers are kept"""
    hash: str


def caller(rules: PhoneRules, typed: str) -> Caller:
    """The gateway's `+2547…` read as contacts are stored; a number that is no number at all is
    refused as bad input (the field named, never the value)."""
    try:
        number = phone_number(typed, "phoneNumber")
    except InvalidInput:
        raise InvalidInput(
            N_("The caller's number is not a phone number."), "phoneNumber"
        ) from None
    return Caller(number, hmac.new(rules.key, number.encode(), hashlib.sha256).hexdigest())


async def take_once(
    session: AsyncSession, gateway_key: str, who: Caller, kind: str, now: datetime
) -> bool:
    """Records the callback; False when it was taken before (the gateway sent it again)."""
    taken = await session.exec(
        insert(PhoneRequest)
        .values(gateway_key=gateway_key, caller_hash=who.hash, kind=kind, received_at=now)
        .on_conflict_do_nothing(index_elements=["gateway_key"])
        .returning(col(PhoneRequest.id))
    )
    return taken.first() is not None


async def over_the_limit(
    session: AsyncSession, rules: PhoneRules, who: Caller, now: datetime
) -> bool:
    """Whether the caller has asked `questions_per_hour` times already. Locks the caller's hash
    until the transaction ends, so two processes never both count the last free question."""
    await session.exec(LOCK.bindparams(caller=who.hash))  # type: ignore[call-overload]
    asked = await session.exec(
        select(func.count())
        .select_from(PhoneRequest)
        .where(
            PhoneRequest.caller_hash == who.hash,
            col(PhoneRequest.kind).in_(ASKING),
            col(PhoneRequest.received_at) > now - WINDOW,
        )
    )
    return asked.one() >= rules.questions_per_hour


async def contacts_at(
    session: AsyncSession, number: str, *, only_consenting: bool = True
) -> list[Contact]:
    """Every contact kept with this number (a mother may speak for two survivors), locked."""
    query = select(Contact).where(Contact.phone == number).order_by(col(Contact.created_at))
    if only_consenting:
        query = query.where(consenting())
    return list((await session.exec(query.with_for_update())).all())


async def reply_by_sms(
    session: AsyncSession,
    gateway_key: str,
    to: str,
    language: str,
    body: str,
    now: datetime,
    contact_id: uuid.UUID | None = None,
) -> None:
    """A text to the number that wrote, for the dispatcher to send: written as expanded, since
    its one person is already known. With `contact_id` it is cancelled should the contact
    withdraw before it goes, and waits out their quiet hours, as every message to them does."""
    cause = Notification(
        dedup_key=f"phone:{gateway_key}"[:120],
        kind="phone_reply",
        audience="family",
        status="expanded",
        created_at=now,
    )
    session.add(cause)
    await session.flush()
    assert cause.id is not None
    session.add(
        Delivery(
            notification_id=cause.id,
            channel=Channel.SMS,
            contact_id=contact_id,
            address=to,
            language=language,
            body=body,
            status=DeliveryStatus.QUEUED,
            next_attempt_at=now,
            created_at=now,
        )
    )
    await session.exec(WAKE)  # type: ignore[call-overload]
