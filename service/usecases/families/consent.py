"""Consent to hear about the case: recorded with who took it, and withdrawn at once.

Withdrawing stops everything: in its one transaction every message still queued for the
contact is cancelled and every status code they hold is revoked, so nothing reaches them
after the answer, except a message the dispatcher had already begun to send. Recording
consent again also lifts a suspension (a new phone or e-mail,
service/usecases/families/contacts.py).
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import EARLIEST, NAIROBI
from domain.contacts import StatusCode
from domain.errors import N_, InvalidInput
from service.usecases.accounts.audit import audit
from service.usecases.families.contacts import (
    ContactView,
    cancel_queued,
    contact_view,
    locked_contact,
    reachable,
)
from service.usecases.families.contacts_in import TAKEN_NOW, ConsentIn


@dataclass(frozen=True)
class Withdrawn:
    contact: ContactView
    cancelled_deliveries: int
    revoked_status_codes: int


def _given(given_at: datetime | None, now: datetime) -> datetime:
    """Consent taken earlier (on paper, by phone) may be recorded later, never ahead."""
    if given_at is None:
        return now
    aware = given_at if given_at.tzinfo else given_at.replace(tzinfo=NAIROBI)
    if aware > now:
        raise InvalidInput(
            N_("The time consent was given is in the future: record consent once it is given."),
            "given_at",
        )
    if aware.year < EARLIEST.year:
        raise InvalidInput(
            N_("The time consent was given is before %(year)s: check the year."),
            "given_at",
            year=EARLIEST.year,
        )
    return aware


async def record_consent(
    session: AsyncSession,
    actor: Actor,
    contact_id: uuid.UUID,
    agreed: ConsentIn = TAKEN_NOW,
    *,
    now: datetime | None = None,
) -> ContactView:
    """Given again after a withdrawal, or confirmed anew: the latest is what counts, and the
    audit trail keeps every one. The actor is who took it; `way`, how the contact gave it."""
    now = now or utcnow()
    given, way = _given(agreed.given_at, now), agreed.way
    async with session.begin():
        contact = await locked_contact(session, contact_id)
        reachable(contact.channel, contact.phone, contact.email)  # also rows written by hand
        contact.consent_given_at = given
        contact.consent_recorded_by = actor.user_id
        contact.consent_way = way
        contact.consent_withdrawn_at = None
        contact.consent_suspended_at = None
        await session.flush()
        audit(
            session,
            actor,
            "contact.consent",
            "contact",
            contact_id,
            given_at=given.isoformat(),
            way=way.value if way else None,
        )
        return await contact_view(session, contact_id)


async def withdraw_consent(
    session: AsyncSession, actor: Actor, contact_id: uuid.UUID, now: datetime | None = None
) -> Withdrawn:
    """Safe to repeat: a contact without consent has nothing queued and no live code left."""
    async with session.begin():
        return await withdraw_within(session, actor, contact_id, now or utcnow())


async def withdraw_within(
    session: AsyncSession, actor: Actor, contact_id: uuid.UUID, now: datetime
) -> Withdrawn:
    """Withdrawing inside the caller's transaction: a STOP texted by the family withdraws in
    the transaction that records the text (service/usecases/families/texts_in.py)."""
    contact = await locked_contact(session, contact_id)
    if contact.consent_given_at and not contact.consent_withdrawn_at:
        contact.consent_withdrawn_at = now  # a suspended consent is withdrawn too
    cancelled = await cancel_queued(session, contact_id, now)
    revoked = await session.exec(
        update(StatusCode)
        .where(col(StatusCode.contact_id) == contact_id, col(StatusCode.revoked_at).is_(None))
        .values(revoked_at=now)
    )
    await session.flush()
    counts = {
        "cancelled_deliveries": cancelled,
        "revoked_status_codes": int(revoked.rowcount or 0),
    }
    audit(session, actor, "contact.consent_withdraw", "contact", contact_id, **counts)
    return Withdrawn(await contact_view(session, contact_id), **counts)
